// `npm run sim`: the CLI reads a session from a file (resolving -f paths against the
// session's folder) or from stdin (resolving against INIT_CWD), and prints the transcript.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sim(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'bin/sim.ts', ...args],
      { cwd: root, timeout: 120_000, env: { ...process.env, ...opts.env } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(opts.stdin ?? '');
  });
}

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  a: "1"
`;

describe('npm run sim', { concurrency: true }, () => {
  it('plays a session file and resolves -f against its folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeplay-cli-'));
    writeFileSync(join(dir, 'cm.yaml'), MANIFEST);
    writeFileSync(join(dir, 'play.session'), '# comment lines are skipped\n\nkubectl apply -f cm.yaml\nkubectl get cm cfg -o jsonpath={.data.a}\n');
    const r = await sim([join(dir, 'play.session')]);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, '$ kubectl apply -f cm.yaml\nconfigmap/cfg created\n$ kubectl get cm cfg -o jsonpath={.data.a}\n1');
  });

  it('reads the session from stdin, resolving -f against INIT_CWD', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeplay-cli-'));
    writeFileSync(join(dir, 'cm.yaml'), MANIFEST);
    const r = await sim([], { stdin: 'kubectl create -f cm.yaml\nnope\necho after\n', env: { INIT_CWD: dir } });
    assert.equal(r.stdout, '$ kubectl create -f cm.yaml\nconfigmap/cfg created\n$ nope\nbash: nope: command not found\n$ echo after\nafter\n');
  });

  it('echoes only the first line of a here-document and interleaves stderr in order', async () => {
    const session = 'kubectl apply -f - <<EOF\n' + MANIFEST + 'EOF\nkubectl get pod nope\nkubectl get cm cfg --no-headers | wc -l\n';
    const r = await sim([], { stdin: session });
    assert.equal(
      r.stdout,
      '$ kubectl apply -f - <<EOF\nconfigmap/cfg created\n$ kubectl get pod nope\nError from server (NotFound): pods "nope" not found\n$ kubectl get cm cfg --no-headers | wc -l\n1\n',
    );
  });

  it('bounds a command that never ends (get -w) at 5 virtual minutes and carries on', async () => {
    const r = await sim([], { stdin: 'kubectl get ns default -w\necho done\n' });
    assert.match(r.stdout, /^\$ kubectl get ns default -w\nNAME      STATUS   AGE\ndefault   Active   \d+s\n\$ echo done\ndone\n$/);
  });

  it('sim reset --seed gives a fresh cluster; unknown sim directives explain themselves', async () => {
    const r = await sim([], { stdin: 'kubectl create ns dev\nsim reset --seed 7\nkubectl get ns dev\nsim fly\n' });
    assert.match(r.stdout, /\$ kubectl get ns dev\nError from server \(NotFound\): namespaces "dev" not found\n/);
    assert.match(r.stdout, /\$ sim fly\nsim: unknown directive "fly"\nUsage:/);
  });
});
