// Engine unit tests (test/engine/**) in the system Chromium, TypeScript through esbuild:
// fast, and enough for plain TS + workers (toolchain.md 5.2). App tests need Vite: see
// web-test-runner.vite.config.mjs. Run one file: npx wtr --config <this> test/engine/x.test.ts
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { cjsBundlePlugin } from './test/support/cjs-bundle-plugin.mjs';
import { defaultReporter } from '@web/test-runner';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';
import { countReporter } from './test/support/count-reporter.mjs';

// Lit's dev-mode notice is noise in the test log.
const NOISE = /Lit is in dev mode/;

export default {
  files: ['test/engine/**/*.test.ts'],
  nodeResolve: true,
  plugins: [
    esbuildPlugin({ ts: true, json: true, tsconfig: 'tsconfig.test.json', target: 'es2022' }),
    // cron-parser ships CommonJS only; Vite converts it for the app, this does for the tests.
    cjsBundlePlugin(),
    {
      name: 'node-builtin-stub',
      resolveImport: ({ source }) => (/^(node:)?(fs|fs\/promises|path)$/.test(source) ? '/test/support/node-builtin-stub.mjs' : undefined),
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs },
    }),
  ],
  // Engine code compiled for speed checks itself against its reference (engine/kubelet/pod-transition.ts).
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><body><script>globalThis.kubeplayCrossCheckMachines = true;</script><script type="module" src="${testFramework}"></script></body></html>`,
  concurrency: 2,
  concurrentBrowsers: 1,
  filterBrowserLogs: ({ args }) => !args.some((a) => typeof a === 'string' && NOISE.test(a)),
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 5 * 60 * 1000,
  reporters: [defaultReporter(), countReporter()],
};
