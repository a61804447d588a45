#!/usr/bin/env node
// `npm test`: runs every suite in turn, streams its output, and ends with exactly one plain
// line `N passed, N failed` summing them all. Each suite prints its own count line, which is
// re-labelled here (`[engine] 3 passed, 0 failed`) so only the final total has the plain form.
// A suite that crashes or exits non-zero without reporting a failure counts as 1 failed.
//
// Usage: node scripts/test-all.mjs [--update-golden] [suite ...]
//   suites: engine (WTR/esbuild), app (WTR/Vite), node (node:test + transcripts), e2e (build + page)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findFiles } from '../test/support/find-files.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const updateGolden = args.includes('--update-golden');
const only = args.filter((a) => !a.startsWith('--'));
const bin = (name) => `${root}node_modules/.bin/${name}`;
const has = (dir, pattern) => findFiles(root, [dir], pattern).length > 0;

const suites = [
  {
    name: 'engine',
    present: () => has('test/engine', /\.test\.ts$/),
    steps: [[bin('web-test-runner'), ['--config', 'web-test-runner.config.mjs']]],
  },
  {
    name: 'app',
    present: () => has('test/app', /\.test\.ts$/),
    steps: [[bin('web-test-runner'), ['--config', 'web-test-runner.vite.config.mjs']]],
  },
  {
    name: 'node',
    present: () => true,
    steps: [[process.execPath, ['test/support/node-tests.mjs', 'test/node']]],
  },
  {
    name: 'e2e',
    present: () => has('test/e2e', /\.test\.(mjs|ts)$/),
    // The page under test is the production build, so build first; a failed build fails e2e.
    steps: [
      ['npm', ['run', '--silent', 'build'], { counted: false }],
      [process.execPath, ['test/support/node-tests.mjs', 'test/e2e']],
    ],
  },
];

const COUNT_LINE = /^(\d+) passed, (\d+) failed$/;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
const NPM_NOISE = /^npm warn Unknown user config "nodedir"/; // the machine's ~/.npmrc (P1)

/** Runs one command, streaming its lines; returns { code, counts } (counts from its last count line). */
function runStep(suite, [cmd, cmdArgs]) {
  return new Promise((resolve) => {
    const env = { ...process.env, CI: 'true', NO_COLOR: '1' };
    if (updateGolden) env.UPDATE_GOLDEN = '1';
    const child = spawn(cmd, cmdArgs, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let counts;
    const relay = (stream, out) => {
      let buffer = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        buffer += chunk;
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          emit(buffer.slice(0, nl), out);
          buffer = buffer.slice(nl + 1);
        }
      });
      stream.on('end', () => buffer && emit(buffer, out));
    };
    const emit = (line, out) => {
      const plain = line.replace(ANSI, '').replace(/\r/g, '').trim();
      if (NPM_NOISE.test(plain)) return;
      const match = COUNT_LINE.exec(plain);
      if (match) {
        counts = { passed: Number(match[1]), failed: Number(match[2]) };
        out.write(`[${suite.name}] ${plain}\n`);
      } else {
        out.write(`${line}\n`);
      }
    };
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('error', (error) => {
      process.stderr.write(`[${suite.name}] could not start ${cmd}: ${error.message}\n`);
      resolve({ code: 1, counts });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), counts }));
  });
}

async function runSuite(suite) {
  const started = Date.now();
  const total = { passed: 0, failed: 0 };
  for (const step of suite.steps) {
    const [cmd, cmdArgs, options = {}] = step;
    process.stdout.write(`\n=== [${suite.name}] ${[cmd.replace(root, ''), ...cmdArgs].join(' ')}\n`);
    const { code, counts } = await runStep(suite, step);
    if (options.counted === false) {
      if (code !== 0) {
        process.stdout.write(`[${suite.name}] step failed (exit ${code}); suite not run\n`);
        total.failed += 1;
        break;
      }
      continue;
    }
    if (counts) {
      total.passed += counts.passed;
      total.failed += counts.failed;
    }
    // Crashed, or failed without saying so: never let that pass as zero failures.
    if ((code !== 0 || !counts) && (!counts || counts.failed === 0)) {
      process.stdout.write(`[${suite.name}] exited with code ${code} without reporting a failure; counted as 1 failed\n`);
      total.failed += 1;
    }
  }
  return { ...total, seconds: (Date.now() - started) / 1000 };
}

const results = [];
for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  if (!suite.present()) {
    process.stdout.write(`\n=== [${suite.name}] no test files yet; skipped\n`);
    results.push({ name: suite.name, passed: 0, failed: 0, seconds: 0, skipped: true });
    continue;
  }
  results.push({ name: suite.name, ...(await runSuite(suite)) });
}

process.stdout.write('\n=== summary\n');
for (const r of results) {
  const what = r.skipped ? 'skipped (no test files)' : `${r.passed} passed, ${r.failed} failed in ${r.seconds.toFixed(1)} s`;
  process.stdout.write(`  ${r.name.padEnd(7)} ${what}\n`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
