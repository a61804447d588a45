// `npm run sim -- session.txt` (or `npm run sim < session.txt`): plays a transcript session
// against a fresh default cluster at the fixed CLI epoch and prints the transcript. `-f path`
// in the session resolves against the session file's folder (stdin: the caller's folder,
// INIT_CWD under npm). Options: --seed N.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { DEFAULT_EPOCH, type Engine } from '../engine/engine.ts';
import { createCluster } from '../engine/runtime/create-cluster.ts';
import { runSession } from '../engine/sim/session.ts';
import { newShellState, type ShellHost } from '../engine/shell/shell.ts';
import { Workspace } from '../engine/workspace.ts';
import { loadCronParser } from '../engine/controllers/cron-parser-loader.ts';

function usage(): never {
  process.stderr.write('usage: npm run --silent sim -- [--seed N] [SESSION_FILE]   (or the session on stdin)\n');
  process.exit(2);
}

async function main(): Promise<void> {
  await loadCronParser(); // lazily loaded in the browser; here it must be there before the first step
  const args = process.argv.slice(2);
  let seed: number | undefined;
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--seed') seed = Number(args[++i]);
    else if (a.startsWith('--seed=')) seed = Number(a.slice(7));
    else if (a === '-h' || a === '--help') usage();
    else if (!file) file = a;
    else usage();
  }
  if (seed !== undefined && !Number.isInteger(seed)) usage();
  const text = file ? readFileSync(file, 'utf8') : readFileSync(0, 'utf8');
  const base = file ? dirname(resolve(file)) : (process.env['INIT_CWD'] ?? process.cwd());
  const hostRead = (path: string): string | undefined => {
    try {
      return readFileSync(isAbsolute(path) ? path : resolve(base, path), 'utf8');
    } catch {
      return undefined;
    }
  };
  const make = (s: number | undefined): Engine => createCluster({ ...(s !== undefined ? { seed: s } : {}), epoch: DEFAULT_EPOCH });
  const engine = make(seed);
  const host: ShellHost = {
    engine,
    workspace: new Workspace(engine.store, hostRead),
    state: newShellState(),
    reset(s) {
      const next = make(s ?? host.engine.seed);
      const files = host.workspace.list();
      host.engine = next;
      host.workspace = new Workspace(next.store, hostRead);
      for (const f of files) host.workspace.write(f.name, f.content);
      return next;
    },
  };
  let out = '';
  await runSession(text, host, (s) => {
    out += s;
    if (out.length > 1 << 16) {
      process.stdout.write(out);
      out = '';
    }
  });
  process.stdout.write(out);
}

main().catch((e: unknown) => {
  process.stderr.write(`sim: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
