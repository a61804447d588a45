// Runs terminal lines against a fresh default cluster, the way the tab does.
import { DEFAULT_EPOCH, type Engine } from '../../../engine/engine.ts';
import { createCluster } from '../../../engine/runtime/create-cluster.ts';
import { bufferIO } from '../../../engine/shell/command-io.ts';
import { newShellState, runLine, type ShellHost } from '../../../engine/shell/shell.ts';
import { Workspace } from '../../../engine/workspace.ts';

export interface Terminal {
  host: ShellHost;
  engine: Engine;
  /** Runs one entry; returns exit code and combined output. Virtual time advances on sleeps. */
  run(line: string): Promise<{ code: number; out: string; stdout: string; stderr: string }>;
}

export function terminal(seed = 1): Terminal {
  const engine = createCluster({ seed, epoch: DEFAULT_EPOCH });
  const host: ShellHost = {
    engine,
    workspace: new Workspace(engine.store),
    state: newShellState(),
    reset: (s) => (host.engine = createCluster({ seed: s ?? seed, epoch: DEFAULT_EPOCH })),
  };
  let waited = 0;
  return {
    host,
    engine,
    async run(line) {
      waited = 0;
      const io = bufferIO('', {
        cancelled: () => waited >= 60_000,
        sleep: async (ms) => {
          waited += ms;
          host.engine.advance(ms);
        },
      });
      const code = await runLine(line, io, host);
      host.engine.runUntilQuiet();
      return { code, out: io.combined(), stdout: io.stdoutText(), stderr: io.stderrText() };
    },
  };
}
