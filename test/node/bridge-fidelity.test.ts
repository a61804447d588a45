// Fidelity: each command runs through the real kubectl over the bridge and
// through the in-tab kubectl (engine/shell runLine via LocalEngine.exec) on the same cluster
// state; stdout, stderr and exit codes must match up to ages and timestamps. Differences
// already known (test/fidelity/known-diffs.json: work for the in-tab kubectl) are listed, not
// failed; a new difference fails, and a fixed one asks to be removed from the list.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveApi, type ApiServerHandle } from '../../bin/serve-api.ts';
import { createLocalEngine, type LocalEngine } from '../../engine/index.ts';
import { MANIFEST, MUTATING, READ_ONLY, SETUP, SETUP_MANIFEST, sameOutput } from '../fidelity/commands.ts';
import { findKubectl, RealKubectl, splitWords } from '../fidelity/real-kubectl.ts';

const kubectlBin = findKubectl();
if (!kubectlBin) console.log('# fidelity tests skipped: kubectl is not on the PATH');

const KNOWN: string[] = JSON.parse(readFileSync(new URL('../fidelity/known-diffs.json', import.meta.url), 'utf8'));

interface Outcome {
  command: string;
  same: boolean;
  real: { code: number; stdout: string; stderr: string };
  tab: { code: number; stdout: string; stderr: string };
}

function report(o: Outcome): string {
  const show = (label: string, r: Outcome['real']) => `--- ${label} (exit ${r.code})\n${r.stdout}${r.stderr ? `[stderr]\n${r.stderr}` : ''}`;
  return `$ ${o.command}\n${show('real kubectl', o.real)}\n${show('in-tab kubectl', o.tab)}`;
}

async function cluster(dir: () => string): Promise<LocalEngine> {
  const local = createLocalEngine({ hostRead: (p) => {
    try {
      return readFileSync(join(dir(), p), 'utf8');
    } catch {
      return undefined;
    }
  } });
  await local.ready();
  for (const line of SETUP) {
    const r = await local.exec(line);
    assert.equal(r.exitCode, 0, `${line}: ${r.output}`);
  }
  const m = await local.applyManifest(SETUP_MANIFEST, 'setup.yaml');
  assert.equal(m.exitCode, 0, m.output);
  await local.settle();
  return local;
}

describe('fidelity: real kubectl over the bridge vs the in-tab kubectl', { skip: !kubectlBin }, () => {
  const outcomes: Outcome[] = [];
  let k: RealKubectl | undefined;

  after(() => {
    k?.dispose();
    const diffs = outcomes.filter((o) => !o.same);
    console.log(`# fidelity: ${outcomes.length} commands, ${outcomes.length - diffs.length} identical, ${diffs.length} different`);
    // FIDELITY_REPORT=1 prints every difference; =all prints every command's two outputs.
    const shown = process.env['FIDELITY_REPORT'] === 'all' ? outcomes : process.env['FIDELITY_REPORT'] ? diffs : [];
    for (const d of shown) console.log(`${report(d)}\n`);
  });

  async function twoWay(tab: LocalEngine, command: string, pod: string): Promise<Outcome> {
    const line = command.replaceAll('{pod}', pod);
    const real = await k!.run(splitWords(line).slice(1));
    const t = await tab.exec(line);
    const tabOut = { code: t.exitCode, stdout: t.stdout, stderr: t.stderr };
    const same = real.code === tabOut.code && sameOutput(real.stdout, tabOut.stdout) && sameOutput(real.stderr, tabOut.stderr);
    const o = { command: line, same, real, tab: tabOut };
    outcomes.push(o);
    return o;
  }

  function check(o: Outcome, template: string): void {
    if (KNOWN.includes(template)) {
      if (o.same) assert.fail(`"${template}" now matches: remove it from test/fidelity/known-diffs.json`);
      return;
    }
    assert.ok(o.same, report(o));
  }

  describe('read-only commands on one engine', () => {
    let local: LocalEngine;
    let server: ApiServerHandle;
    let pod = '';

    before(async () => {
      local = await cluster(() => k!.dir);
      server = await serveApi(() => local.engine, { port: 0 });
      k = new RealKubectl(server.url, kubectlBin);
      pod = local.engine.api.list('pods', 'default', { labelSelector: 'app=web' })[0]!.metadata.name!;
    });
    after(async () => {
      await server?.close();
      local?.dispose();
    });

    for (const command of READ_ONLY) it(command, async () => check(await twoWay(local, command, pod), command));
  });

  describe('mutating commands on twin engines', () => {
    let viaBridge: LocalEngine;
    let inTab: LocalEngine;
    let server: ApiServerHandle;

    before(async () => {
      viaBridge = await cluster(() => k!.dir);
      inTab = await cluster(() => k!.dir);
      server = await serveApi(() => viaBridge.engine, { port: 0 });
      k?.dispose();
      k = new RealKubectl(server.url, kubectlBin);
      k.file('manifest.yaml', MANIFEST);
    });
    after(async () => {
      await server?.close();
      viaBridge?.dispose();
      inTab?.dispose();
    });

    for (const command of MUTATING)
      it(command, async () => {
        const o = await twoWay(inTab, command, '');
        await viaBridge.settle();
        await inTab.settle();
        check(o, command);
      });
  });
});
