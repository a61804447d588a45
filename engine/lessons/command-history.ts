// The command history lesson checks read (`commandUsed`): every command line the terminal or
// a transcript ran, kept as the sim-private record `history/commands` so it persists with
// the cluster and resets with it.
//   value: string[], oldest first, each entry exactly as typed (a here-document entry holds
//          its body too); at most HISTORY_MAX entries (the oldest are dropped).
// The editor's Apply runs as `kubectl apply -f <file>` and is recorded as that line.
import type { Store } from '../store/store.ts';

export const COMMAND_HISTORY_RECORD = 'history/commands';
export const HISTORY_MAX = 500;

/** Appends one terminal entry. Called by whatever runs lines: the runtime and the transcript runner. */
export function recordCommand(store: Pick<Store, 'getRecord' | 'setRecord'>, line: string): void {
  const h = [...(store.getRecord<string[]>(COMMAND_HISTORY_RECORD) ?? []), line];
  store.setRecord(COMMAND_HISTORY_RECORD, h.length > HISTORY_MAX ? h.slice(-HISTORY_MAX) : h);
}

export function commandHistory(store: Pick<Store, 'getRecord'>): readonly string[] {
  return store.getRecord<string[]>(COMMAND_HISTORY_RECORD) ?? [];
}
