// What a shell builtin gets: its arguments, its standard streams and the terminal's host.
import type { Engine } from '../../engine.ts';
import type { Workspace } from '../../workspace.ts';
import type { CommandIO } from '../command-io.ts';
import type { ShellState } from '../state.ts';

export interface BuiltinHost {
  engine: Engine;
  workspace: Workspace;
  state: ShellState;
  reset(seed?: number): Engine;
}

export interface BuiltinContext {
  /** Arguments after the command name. */
  args: string[];
  io: CommandIO;
  host: BuiltinHost;
  /** The command name as typed (`k` for the kubectl alias). */
  name: string;
}

export type Builtin = (cx: BuiltinContext) => Promise<number> | number;

/** `bash: NAME: ...` on stderr. */
export function shellError(io: CommandIO, name: string, message: string): void {
  io.err(`bash: ${name}: ${message}\n`);
}
