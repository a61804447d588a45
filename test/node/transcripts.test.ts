// Golden transcripts: every test/transcripts/**/NAME.session with a sibling NAME.out is
// played through the sim CLI (`bin/sim.ts FILE`, as `npm run sim` does) and its output
// compared with NAME.out. An expected line starting with `re:` is a regular expression for
// the whole actual line. `npm test -- --update-golden` (UPDATE_GOLDEN=1) rewrites the .out
// files from the actual output, keeping `re:` lines that still match.
// SIM_CLI=path overrides the CLI entry (for testing this harness).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { findFiles } from '../support/find-files.mjs';
import { transcriptDiff, updatedGolden } from '../support/transcript-diff.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const sessions = findFiles(root, ['test/transcripts'], /\.session$/);
const goldenOf = (session: string) => `${root}/${session.replace(/\.session$/, '.out')}`;
const cases = sessions.filter((s) => update || existsSync(goldenOf(s)));

interface SimResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one session through the CLI in its own process, like `npm run sim -- FILE`. */
function runSim(session: string): Promise<SimResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', process.env.SIM_CLI ?? 'bin/sim.ts', session],
      { cwd: root, timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

console.log(`${cases.length} transcript(s) under test/transcripts`);

describe('golden transcripts', { concurrency: Math.max(1, availableParallelism()) }, () => {
  for (const session of cases) {
    it(session, async () => {
      const result = await runSim(session);
      const golden = goldenOf(session);
      if (update) {
        const previous = existsSync(golden) ? readFileSync(golden, 'utf8') : '';
        writeFileSync(golden, updatedGolden(previous, result.stdout));
        return;
      }
      const diff = transcriptDiff(readFileSync(golden, 'utf8'), result.stdout);
      if (diff) {
        const stderr = result.stderr.trim() ? `\nsim stderr (exit ${result.code}):\n${result.stderr}` : '';
        assert.fail(`${session}: output differs from ${session.replace(/\.session$/, '.out')}\n${diff}${stderr}`);
      }
    });
  }
});
