// A web-test-runner plugin that serves a CommonJS-only package (cron-parser) as one ES module
// bundled by esbuild, as Vite's dependency optimizer does for the app. The bundle has a
// default export (module.exports); engine code reads named members off the namespace or it.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const CJS_PACKAGES = /\/node_modules\/(cron-parser)\/dist\/index\.js$/;
const root = fileURLToPath(new URL('../..', import.meta.url));

export function cjsBundlePlugin() {
  const cache = new Map();
  return {
    name: 'cjs-bundle',
    async serve(context) {
      if (!CJS_PACKAGES.test(context.path)) return undefined;
      if (!cache.has(context.path)) {
        const result = await build({
          entryPoints: [root + context.path.replace(/^\//, '')],
          bundle: true,
          format: 'esm',
          platform: 'browser',
          write: false,
          logLevel: 'silent',
          external: ['fs', 'fs/promises', 'path', 'node:*'],
        });
        cache.set(context.path, result.outputFiles[0].text);
      }
      return { body: cache.get(context.path), type: 'js' };
    },
  };
}
