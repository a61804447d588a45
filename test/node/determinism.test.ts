// Same seed + same inputs = same cluster, byte for byte (DESIGN.md principle 1): one session
// played twice through the CLI prints identical transcripts, -o yaml timestamps and uids
// included; another seed names things differently.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

const SESSION = `kubectl create deployment web --image=nginx --replicas=3
sim advance 3s
kubectl get pods -o wide
sim settle
kubectl get pods -o yaml
kubectl get events
kubectl describe deployment web
`;

function sim(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'bin/sim.ts', ...args], { cwd: root, timeout: 120_000, maxBuffer: 64 << 20 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    child.stdin?.end(SESSION);
  });
}

describe('determinism', { concurrency: true }, () => {
  it('plays the same session twice with identical output', async () => {
    const [a, b] = await Promise.all([sim([]), sim([])]);
    assert.ok(a.includes('creationTimestamp: "2025-01-01T'), 'the CLI runs at the fixed epoch');
    assert.ok(a.includes('uid: '));
    assert.equal(a, b);
  });

  it('a different seed gives different names', async () => {
    const [a, b] = await Promise.all([sim(['--seed', '1']), sim(['--seed', '2'])]);
    assert.notEqual(a, b);
  });
});
