// Runs Vite in middleware mode in front of web-test-runner, so browser tests get exactly
// the app's module graph: vite.config.ts aliases, CSS imports, `?worker`, `?raw` (toolchain.md 5.3).
// @remcovaes/web-test-runner-vite-plugin is a silent no-op with WTR 0.20 (P10), hence this.
import { createServer, loadConfigFromFile, mergeConfig } from 'vite';

// Requests WTR answers itself: its runner page, test framework and event socket.
const WTR_INTERNAL = /^\/(__web-dev-server|__web-test-runner__|__wds|__wtr)/;

// Pre-bundling these breaks the absolute web-socket import of @open-wc/testing and loads
// a second copy of Lit ("Multiple versions of Lit loaded") — see P10.
const NOT_PREBUNDLED = [
  '@open-wc/testing',
  '@open-wc/semantic-dom-diff',
  '@open-wc/testing-helpers',
  '@web/test-runner-commands',
  'lit',
  'lit-html',
  'lit-element',
  '@lit/reactive-element',
];

export function viteAdapter() {
  /** @type {import('vite').ViteDevServer | undefined} */
  let vite;
  return {
    plugin: {
      name: 'wtr-vite',
      async serverStart() {
        const loaded = await loadConfigFromFile({ command: 'serve', mode: 'development' });
        vite = await createServer(
          mergeConfig(loaded?.config ?? {}, {
            configFile: false,
            appType: 'custom',
            logLevel: 'warn',
            clearScreen: false,
            server: { middlewareMode: true, hmr: false },
            plugins: [
              {
                name: 'wtr-ws',
                enforce: 'pre',
                resolveId: (id) =>
                  id === '/__web-dev-server__web-socket.js' ? { id, external: true } : undefined,
              },
            ],
            optimizeDeps: { exclude: NOT_PREBUNDLED },
          }),
        );
      },
      async serverStop() {
        await vite?.close();
      },
    },
    // Must be WTR `middleware` (not app.use in serverStart): koa has composed its stack by then.
    middleware(ctx, next) {
      if (!vite || ctx.path === '/' || WTR_INTERNAL.test(ctx.path)) return next();
      return new Promise((resolve, reject) => {
        const done = () => {
          ctx.respond = false;
          resolve();
        };
        ctx.res.once('finish', done);
        vite.middlewares(ctx.req, ctx.res, (err) => {
          ctx.res.off('finish', done);
          if (err) reject(err);
          else next().then(resolve, reject);
        });
      });
    },
  };
}
