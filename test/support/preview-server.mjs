// Serves the production build (dist/) with `vite preview` on a free port, in its own
// process group so stopping it also stops the node child that npx/vite spawn (P17).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `vite preview` on dist/ (or KUBEPLAY_DIST, to point a harness at another build);
 * resolves once it answers. Returns { url, stop() }.
 */
export async function startPreview({ timeoutMs = 20_000, outDir = process.env.KUBEPLAY_DIST ?? `${root}dist` } = {}) {
  if (!existsSync(`${outDir}/index.html`) && !process.env.KUBEPLAY_PATH) {
    throw new Error(`${outDir}/index.html is missing: run \`npm run build\` first`);
  }
  const port = await freePort();
  // KUBEPLAY_PATH: the page to open under the server (default: the app's index.html).
  const url = `http://127.0.0.1:${port}/${(process.env.KUBEPLAY_PATH ?? '').replace(/^\//, '')}`;
  const child = spawn(
    process.execPath,
    [`${root}node_modules/vite/bin/vite.js`, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  let exited = false;
  child.on('exit', () => (exited = true));

  const stop = () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', stop); // never leave a server behind, even when a test throws

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`vite preview exited early:\n${log}`);
    try {
      const response = await fetch(url);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`vite preview did not answer on ${url} within ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop };
}
