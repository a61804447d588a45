// An interactive program holding the terminal (`kubectl exec -it POD -- sh`, `kubectl run -it`):
// until it ends, every line the learner types is its input, shown after its prompt (`/ # `).
// Keyed by the terminal's kubeconfig object, the one piece of terminal state kubectl receives.
import type { CommandIO } from '../shell/command-io.ts';
import type { ShellState } from '../shell/state.ts';

export interface Foreground {
  prompt(): string;
  /** Runs one line of input; resolves with the terminal's exit code for that line. */
  input(text: string, io: CommandIO): Promise<number>;
}

const holders = new WeakMap<object, Foreground>();

export function setForeground(terminal: object, fg: Foreground | undefined): void {
  if (fg) holders.set(terminal, fg);
  else holders.delete(terminal);
}

export function foregroundOf(state: ShellState): Foreground | undefined {
  return holders.get(state.kubeconfig);
}

/** The prompt the terminal shows before the next line. */
export function promptOf(state: ShellState): string {
  return foregroundOf(state)?.prompt() ?? '$ ';
}
