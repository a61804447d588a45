#!/usr/bin/env node
// Generates engine/kubectl/help/help-text.json: `kubectl <command> --help` as the real
// kubectl v1.32 prints it, for every command and subcommand in kubeplay's command table
// (engine/kubectl/commands/index.ts). Run with tsx so the table can be imported:
//   node --import tsx scripts/gen-kubectl-help.mjs
// The output is committed; without a kubectl on the PATH this script only says so.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = resolve(root, 'engine/kubectl/help/help-text.json');
const KUBECTL = process.env.KUBECTL ?? 'kubectl';

let version = '';
try {
  version = execFileSync(KUBECTL, ['version', '--client'], { encoding: 'utf8' });
} catch {
  console.log(`gen-kubectl-help: no ${KUBECTL} on the PATH; keeping the committed ${TARGET}`);
  process.exit(0);
}
if (!/v1\.32\./.test(version)) console.warn(`gen-kubectl-help: expected kubectl v1.32, found: ${version.split('\n')[0]}`);

const { COMMANDS } = await import(resolve(root, 'engine/kubectl/commands/index.ts'));
const paths = [];
const walk = (cmds, prefix) => {
  for (const c of cmds) {
    const path = [...prefix, c.name];
    paths.push(path);
    walk(c.subcommands ?? [], path);
  }
};
walk(COMMANDS, []);
const out = { '': execFileSync(KUBECTL, ['--help'], { encoding: 'utf8' }) };
for (const p of paths) {
  try {
    out[p.join(' ')] = execFileSync(KUBECTL, [...p, '--help'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/dev/null' } });
  } catch (e) {
    console.warn(`gen-kubectl-help: kubectl ${p.join(' ')} --help failed: ${e.message}`);
  }
}
const sorted = Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
writeFileSync(TARGET, JSON.stringify(sorted, null, 0) + '\n');
console.log(`gen-kubectl-help: ${Object.keys(sorted).length} help texts -> ${TARGET}`);
