// Launches the system Chromium through playwright-core with a fresh temporary profile
// (so IndexedDB and the service worker start empty). Nothing is downloaded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

/** Returns { context, page, close() } for a persistent context in a new temp profile. */
export async function launchFreshBrowser({ viewport = { width: 1440, height: 900 } } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'kubeplay-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: ['--headless', ...chromiumArgs],
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}
