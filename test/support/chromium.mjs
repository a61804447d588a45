// Where the system Chromium lives and the flags every harness launches it with
// (toolchain.md 5.1). Nothing is ever downloaded: we only use the browser on the PATH.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** CHROME_PATH if set, else the first `chromium` on PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'chromium');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this PATH entry
    }
  }
  return '/usr/bin/chromium';
}

/** --no-sandbox: we run as root in CI, and Chromium refuses to start as root without it (P11). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
