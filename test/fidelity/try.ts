// Dev helper: `npx tsx test/fidelity/try.ts [--setup 'LINE']... [--manifest FILE]... 'kubectl ...' ...` runs each
// command two ways on the fidelity suite's cluster (SETUP plus any --setup lines) and prints
// both outputs when they differ (all of them with --all). Mutations are run on one engine
// through both kubectls in turn, so use it for read-only commands and messages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveApi } from '../../bin/serve-api.ts';
import { createLocalEngine } from '../../engine/index.ts';
import { MANIFEST, SETUP, SETUP_MANIFEST, sameOutput } from './commands.ts';
import { RealKubectl, splitWords } from './real-kubectl.ts';

const args = process.argv.slice(2);
const setup = [...SETUP];
const commands: string[] = [];
const manifests: string[] = [SETUP_MANIFEST];
let all = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--setup') setup.push(args[++i]!);
  else if (args[i] === '--manifest') manifests.push(readFileSync(args[++i]!, 'utf8'));
  else if (args[i] === '--all') all = true;
  else commands.push(args[i]!);
}
let dir = '';
const local = createLocalEngine({ hostRead: (p) => {
  try {
    return readFileSync(join(dir, p), 'utf8');
  } catch {
    return undefined;
  }
} });
await local.ready();
const server = await serveApi(() => local.engine, { port: 0 });
const k = new RealKubectl(server.url);
dir = k.dir;
k.file('manifest.yaml', MANIFEST);
for (const line of setup) {
  const r = await local.exec(line);
  if (r.exitCode !== 0) console.log(`setup failed: ${line}\n${r.output}`);
}
for (const [i, m] of manifests.entries()) {
  const r = await local.applyManifest(m, `setup-${i}.yaml`);
  if (r.exitCode !== 0) console.log(`setup manifest failed:\n${r.output}`);
}
await local.settle();
const pod = local.engine.api.list('pods', 'default', { labelSelector: 'app=web' })[0]?.metadata.name ?? '';
let same = 0;
for (const c of commands) {
  const line = c.replaceAll('{pod}', pod);
  const real = await k.run(splitWords(line).slice(1));
  const t = await local.exec(line);
  const ok = real.code === t.exitCode && sameOutput(real.stdout, t.stdout) && sameOutput(real.stderr, t.stderr);
  if (ok) same++;
  console.log(`${ok ? 'SAME' : 'DIFF'} $ ${line}`);
  if (!ok || all) {
    console.log(`--- real kubectl (exit ${real.code})\n${real.stdout}${real.stderr ? `[stderr]\n${real.stderr}` : ''}`);
    console.log(`--- in-tab kubectl (exit ${t.exitCode})\n${t.stdout}${t.stderr ? `[stderr]\n${t.stderr}` : ''}`);
  }
}
console.log(`# ${same}/${commands.length} same`);
k.dispose();
await server.close();
local.dispose();
