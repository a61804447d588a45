// Runs the real kubectl (v1.32, from the PATH) against a bridge server: a temporary HOME,
// kubeconfig and cache dir per harness so nothing leaks between runs or into ~/.kube.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeconfigText } from '../../bin/serve-api.ts';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The kubectl binary when one is on the PATH, else undefined (tests skip with a notice). */
export function findKubectl(): string | undefined {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 10_000 });
    return 'kubectl';
  } catch {
    return undefined;
  }
}

export class RealKubectl {
  readonly dir: string;
  readonly kubeconfig: string;

  constructor(
    url: string,
    private readonly bin = 'kubectl',
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'kubeplay-kubectl-'));
    this.kubeconfig = join(this.dir, 'kubeplay.kubeconfig');
    writeFileSync(this.kubeconfig, kubeconfigText(url));
  }

  /** Writes a file in the harness dir (manifests for -f); returns its path. */
  file(name: string, content: string): string {
    const p = join(this.dir, name);
    writeFileSync(p, content);
    return p;
  }

  /** Runs `kubectl ARGS` asynchronously (the bridge serves from this same process). */
  run(args: string[], opts: { stdin?: string; timeoutMs?: number } = {}): Promise<KubectlResult> {
    return new Promise((resolve) => {
      const child = execFile(
        this.bin,
        ['--kubeconfig', this.kubeconfig, '--cache-dir', join(this.dir, 'cache'), ...args],
        { cwd: this.dir, env: { ...process.env, HOME: this.dir, KUBECONFIG: this.kubeconfig, NO_COLOR: '1' }, timeout: opts.timeoutMs ?? 30_000 },
        (err, stdout, stderr) => {
          const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        },
      );
      if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
    });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Splits a command line into words (single and double quotes; no expansions). */
export function splitWords(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s'"]+)/g;
  let cur = '';
  let last = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) {
    const piece = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]!);
    if (m.index === last) cur += piece;
    else {
      if (last !== -1) out.push(cur);
      cur = piece;
    }
    last = re.lastIndex;
  }
  if (last !== -1) out.push(cur);
  return out;
}
