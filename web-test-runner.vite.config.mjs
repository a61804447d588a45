// App component tests (test/app/**) in the system Chromium, served through Vite so Monaco,
// CSS and `?worker` imports resolve exactly as in the app (toolchain.md 5.3).
// Run one file: npx wtr --config <this> test/app/kp-terminal.test.ts
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';
import { countReporter } from './test/support/count-reporter.mjs';
import { viteAdapter } from './test/support/wtr-vite.mjs';

const vite = viteAdapter();

// Vite's own chatter and Lit's dev-mode notice are noise in the test log.
const NOISE = /^\[vite\]|Lit is in dev mode/;

export default {
  files: ['test/app/**/*.test.ts'],
  middleware: [vite.middleware],
  plugins: [vite.plugin],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs },
    }),
  ],
  concurrency: 1,
  filterBrowserLogs: ({ args }) => !args.some((a) => typeof a === 'string' && NOISE.test(a)),
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 5 * 60 * 1000,
  reporters: [defaultReporter(), countReporter()],
};
