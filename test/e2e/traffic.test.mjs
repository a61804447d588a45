// End to end: the traffic generator. Create and expose a Deployment in the terminal, send
// 20 requests per second at the Service, and see every pod's counter grow and pulses travel
// along the Service -> pod edges. Screenshot: test-results/traffic.png.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchFreshBrowser } from '../support/browser.mjs';
import { startPreview } from '../support/preview-server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('traffic generator', () => {
  let server;
  let browser;
  before(async () => {
    mkdirSync(`${root}test-results`, { recursive: true });
    server = await startPreview();
    browser = await launchFreshBrowser();
    await browser.page.goto(server.url);
  });
  after(async () => {
    await browser?.close();
    server?.stop();
  });

  it('spreads requests over the pods and counts them', async () => {
    const page = browser.page;
    await page.waitForSelector('kp-topology .node', { timeout: 60_000 });
    const input = page.locator('.xterm-helper-textarea').first();
    await input.focus({ timeout: 10_000 });
    const screen = () => page.locator('.xterm-rows').first().textContent();
    for (let i = 0; i < 100 && !(await screen())?.includes('$'); i++) await page.waitForTimeout(200);
    for (const [line, answer] of [['kubectl create deployment web --image=nginx --replicas=3', 'deployment.apps/web created'], ['kubectl expose deployment web --port=80', 'service/web exposed']]) {
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
      for (let i = 0; i < 100 && !(await screen())?.includes(answer); i++) await page.waitForTimeout(200);
    }
    await page.locator('kp-service-traffic button', { hasText: '20 req/s' }).click({ timeout: 30_000 });
    let counts = [];
    for (let i = 0; i < 100 && counts.length < 3; i++) {
      await page.waitForTimeout(200);
      counts = await page.locator('kp-service-traffic .count').allTextContents();
    }
    await page.waitForTimeout(2000);
    counts = await page.locator('kp-service-traffic .count').allTextContents();
    await page.screenshot({ path: `${root}test-results/traffic.png` });
    console.log(`screenshot: ${root}test-results/traffic.png`);
    assert.equal(counts.length, 3, `three pods counted: ${counts.join(' | ')}`);
    for (const c of counts) assert.match(c, /^web-[a-z0-9]+-[a-z0-9]{5} · [1-9]\d*$/);
  });
});
