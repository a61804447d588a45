#!/usr/bin/env node
// Runs node:test files with TypeScript through tsx. Node 20 has no glob support in
// `--test` and its default patterns skip .ts, so the files are listed here.
// Usage: node test/support/node-tests.mjs [--update-golden] [file-or-dir ...]   (default: test/node)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findFiles } from './find-files.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
// Golden transcripts are rewritten from actual output (see test/node/transcripts.test.ts).
if (args.includes('--update-golden')) process.env.UPDATE_GOLDEN = '1';
const targets = args.filter((a) => !a.startsWith('--'));
const files = findFiles(root, targets.length ? targets : ['test/node'], /\.test\.(ts|mjs|js)$/);

if (files.length === 0) {
  console.log('no node test files found');
  console.log('0 passed, 0 failed');
  process.exit(0);
}

const reporter = new URL('./node-count-reporter.mjs', import.meta.url).href;
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--import',
    new URL('./cross-check.mjs', import.meta.url).href,
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${reporter}`,
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { cwd: root, stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
