// Runs an engine benchmark script where the app runs the engine: in a module Web Worker of the
// system's headless Chromium (its V8, not Node's: Node 20's V8 is several times slower at some
// things the engine does a lot, Object.freeze for one). The script is bundled by esbuild as the
// app's build bundles the engine, served from a throwaway local server (a worker needs an
// origin), and prints through bench/runtime.ts. Returns the lines it printed.
//   node bench/in-browser.mjs bench/engine-replicas.ts 10000
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Page side: starts the worker, collects its lines until it ends or fails. With ?main the
 * benchmark runs on the page's own thread instead (same V8), so that a CDP profile can see it.
 */
const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
  const lines = [];
  const worker = location.search === '?main' ? new EventTarget() : new Worker('/main.js', { type: 'module' });
  if (location.search === '?main') {
    globalThis.postMessage = (data) => worker.onmessage({ data });
    import('/main.js');
  }
  window.result = new Promise((resolve) => {
    worker.onmessage = (e) => {
      if (e.data.line !== undefined) lines.push(e.data.line);
      else resolve({ lines, error: e.data.error });
    };
    worker.onerror = (e) => resolve({ lines, error: e.message || 'worker error' });
  });
</script>`;

/** profile: a file to write a CPU profile of the whole run to (the benchmark then runs on the page's thread). */
export async function runInBrowser(script, args = [], { timeoutMs = 600_000, profile } = {}) {
  const bundled = await build({
    entryPoints: [join(root, script)], bundle: true, platform: 'browser', format: 'esm', write: false,
    external: ['node:*'], logLevel: 'warning',
  });
  const bench = bundled.outputFiles[0].text;
  // The worker's entry: arguments first, then the benchmark, then "ended" (or its error).
  const main = `globalThis.__BENCH_ARGS = ${JSON.stringify(args)};
import('/bench.js').then(() => postMessage({ error: null }), (e) => postMessage({ error: String(e && e.stack || e) }));`;
  const files = { '/': ['text/html', PAGE], '/main.js': ['text/javascript', main], '/bench.js': ['text/javascript', bench] };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://localhost').pathname];
    res.writeHead(file ? 200 : 404, { 'content-type': file ? file[0] : 'text/plain' });
    res.end(file ? file[1] : 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--headless', ...chromiumArgs, '--js-flags=--expose-gc --trace-gc-nvp', '--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage();
    const cdp = profile ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.goto(`http://127.0.0.1:${server.address().port}/${profile ? '?main' : ''}`);
    const result = await page.evaluate((ms) => Promise.race([window.result, new Promise((r) => setTimeout(() => r({ lines: [], error: `timed out after ${ms} ms` }), ms))]), timeoutMs);
    if (cdp) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    if (result.error) throw new Error(result.error);
    return result.lines;
  } finally {
    await browser.close();
    server.close();
  }
}

// `node bench/in-browser.mjs SCRIPT [args] [--cpu-profile FILE]`
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--cpu-profile');
  const profile = at >= 0 ? argv.splice(at, 2)[1] : undefined;
  const [script, ...args] = argv;
  for (const line of await runInBrowser(script, args, { profile })) console.log(line);
  if (profile) console.log(`CPU profile of the run (page thread): ${profile}`);
}
