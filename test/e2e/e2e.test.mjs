// End to end: the production build in headless Chromium, driven as a person would.
// Serves dist/ (built by `npm test` / `npm run e2e` beforehand), then: wait for the cluster,
// type kubectl in the terminal, watch pods appear in the topology, get a schema marker in
// the editor, apply YAML with the Apply button, reload and find the same pods.
// Screenshots go to test-results/ (their paths are printed).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchFreshBrowser } from '../support/browser.mjs';
import { startPreview } from '../support/preview-server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const results = `${root}test-results`;
const STEP_MS = 30_000;

/** Elements the app marks with data-testid, else its custom elements (Playwright pierces shadow DOM). */
const TOPOLOGY = '[data-testid="topology"], kp-topology';
const TERMINAL = '[data-testid="terminal"], kp-terminal';
const EDITOR = '[data-testid="editor"], kp-editor';

const BAD_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  replicas: two
  selector:
    matchLabels:
      app: broken
  template:
    metadata:
      labels:
        app: broken
    spec:
      containers:
      - name: nginx
        image: nginx
`;

const GOOD_YAML = `apiVersion: v1
kind: Service
metadata:
  name: hello
spec:
  selector:
    app: hello
  ports:
  - port: 80
    targetPort: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: 2
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
      - name: nginx
        image: nginx
`;

const WEB_POD = /\bweb-[a-z0-9]{6,10}-[a-z0-9]{5}\b/g;

let server;
let browser;
let page;
const pageErrors = [];
let podsBefore = [];

// Steps build on each other; when one fails, the steps that need it fail at once
// (naming the cause) instead of each waiting for its own timeout.
const failedSteps = new Set();
function step(name, needs, fn, timeout = STEP_MS + 5000) {
  it(name, { timeout }, async () => {
    const missing = needs.filter((n) => failedSteps.has(n));
    if (missing.length) {
      failedSteps.add(name);
      throw new Error(`not run: it needs "${missing.join('", "')}", which failed`);
    }
    try {
      await fn();
    } catch (error) {
      failedSteps.add(name);
      throw error;
    }
  });
}

const READY = 'shows a ready cluster: node sandbox-worker in the topology';
const CREATED = 'kubectl create deployment prints "deployment.apps/web created"';
const PODS = 'the three web pods appear in the topology';
const APPLIED = "Apply creates a Service and a Deployment and shows kubectl's message";

async function screenshot(name) {
  mkdirSync(results, { recursive: true });
  const path = `${results}/e2e-${name}.png`;
  await page.screenshot({ path });
  console.log(`screenshot: ${path}`);
  return path;
}

/** Everything a person can read in a subtree, including open shadow roots and useful attributes. */
function deepText(selector) {
  return page.evaluate((sel) => {
    const parts = [];
    const visit = (node) => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent);
      if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return;
      if (node.nodeType === Node.ELEMENT_NODE) {
        for (const attr of ['title', 'aria-label', 'data-pod', 'data-name']) {
          const value = node.getAttribute(attr);
          if (value) parts.push(value);
        }
        if (node.shadowRoot) visit(node.shadowRoot);
      }
      for (const child of node.childNodes) visit(child);
    };
    const host = sel
      .split(',')
      .map((s) => document.querySelector(s.trim()) ?? findDeep(document, s.trim()))
      .find(Boolean);
    function findDeep(rootNode, s) {
      for (const el of rootNode.querySelectorAll('*')) {
        if (el.matches(s)) return el;
        if (el.shadowRoot) {
          const found = findDeep(el.shadowRoot, s);
          if (found) return found;
        }
      }
      return null;
    }
    if (!host) return '';
    visit(host);
    return parts.join(' ').replace(/\u00a0/g, ' ');
  }, selector);
}

/** The terminal screen as text: xterm's DOM rows, one line per row. */
function terminalScreen() {
  return page.evaluate(() => {
    const rows = document.querySelector('.xterm-rows') ?? findRows(document);
    function findRows(rootNode) {
      for (const el of rootNode.querySelectorAll('*')) {
        if (el.shadowRoot) {
          const found = el.shadowRoot.querySelector('.xterm-rows') ?? findRows(el.shadowRoot);
          if (found) return found;
        }
      }
      return null;
    }
    if (!rows) return '';
    return [...rows.children].map((row) => row.textContent.replace(/\u00a0/g, ' ').trimEnd()).join('\n');
  });
}

async function waitFor(what, probe, timeout = STEP_MS) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await page.waitForTimeout(100);
  }
}

async function typeInTerminal(line) {
  const input = page.locator('.xterm-helper-textarea').first();
  await input.focus({ timeout: 10_000 });
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Waits until the terminal screen contains `text` (a string, or a RegExp to match). */
async function waitForScreen(text, timeout = STEP_MS) {
  const seen = (screen) => (typeof text === 'string' ? screen.includes(text) : text.test(screen));
  try {
    return await waitFor(`terminal to show ${text}`, async () => seen(await terminalScreen()), timeout);
  } catch (error) {
    throw new Error(`${error.message}\n--- terminal screen ---\n${await terminalScreen()}`);
  }
}

/** Replaces the editor's text by select-all + paste (typing would be auto-indented by Monaco). */
async function pasteIntoEditor(text) {
  const editor = page.locator(EDITOR).first();
  await editor.locator('.monaco-editor').first().waitFor({ timeout: 15_000 });
  await editor.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
}

async function waitForClusterReady() {
  await page.locator(TOPOLOGY).first().getByText('sandbox-worker', { exact: true }).first().waitFor({ timeout: STEP_MS });
}

async function podsInTopology() {
  return [...new Set((await deepText(TOPOLOGY)).match(WEB_POD) ?? [])].sort();
}

describe('kubeplay end to end (built app, headless Chromium)', { timeout: 5 * 60_000 }, () => {
  before(async () => {
    server = await startPreview();
    console.log(`serving dist/ at ${server.url}`);
    browser = await launchFreshBrowser();
    page = browser.page;
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`);
    });
    await page.goto(server.url);
  });

  after(async () => {
    await browser?.close();
    server?.stop();
  });

  step(READY, [], async () => {
    await waitForClusterReady();
  });

  step('kubectl get nodes in the terminal lists sandbox-control-plane', [READY], async () => {
    await typeInTerminal('kubectl get nodes');
    await waitForScreen('sandbox-control-plane');
    const screen = await terminalScreen();
    assert.match(screen, /NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
  });

  step(CREATED, [READY], async () => {
    await typeInTerminal('kubectl create deployment web --image=nginx --replicas=3');
    await waitForScreen('deployment.apps/web created');
    await screenshot('terminal');
  });

  step(PODS, [CREATED], async () => {
    podsBefore = await waitFor('3 web pods in the topology', async () => {
      const pods = await podsInTopology();
      return pods.length >= 3 ? pods : undefined;
    });
    assert.equal(podsBefore.length, 3, `pods: ${podsBefore.join(', ')}`);
    await screenshot('topology');
  });

  step('the editor marks a schema error (replicas: two)', [READY], async () => {
    const editor = page.locator(EDITOR).first();
    await pasteIntoEditor(BAD_YAML);
    await editor.locator('.squiggly-error, .squiggly-warning').first().waitFor({ timeout: STEP_MS });
    // Point at the bad value, as a person would, and read the marker's message.
    const two = editor.locator('.view-lines span span', { hasText: /^two$/ }).first();
    const box = await two.boundingBox();
    assert.ok(box, 'the word "two" is not on screen in the editor');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator('.monaco-hover').filter({ hasText: 'Incorrect type. Expected "integer"' }).first().waitFor({ timeout: STEP_MS });
    await screenshot('editor-marker');
    // Move away so the hover closes, as a person's mouse would.
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    await page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Incorrect type' }).first().waitFor({ state: 'hidden', timeout: 5000 });
  });

  step(APPLIED, [READY], async () => {
    const editor = page.locator(EDITOR).first();
    await pasteIntoEditor(GOOD_YAML);
    await editor.getByRole('button', { name: /^apply$/i }).first().click();
    await editor.getByText('service/hello created').first().waitFor({ timeout: STEP_MS });
    await editor.getByText('deployment.apps/hello created').first().waitFor({ timeout: STEP_MS });
    await screenshot('editor-applied');
  });

  step('after a reload the same pods and objects are still there (persistence)', [PODS, APPLIED], async () => {
    await page.reload();
    await waitForClusterReady();
    const podsAfter = await waitFor('web pods after reload', async () => {
      const pods = await podsInTopology();
      return pods.length >= podsBefore.length ? pods : undefined;
    });
    assert.deepEqual(podsAfter, podsBefore);
    await typeInTerminal('kubectl get deployments');
    await waitForScreen(/^hello\s+\d+\/2\s/m);
    await screenshot('after-reload');
  }, 2 * STEP_MS + 5000);

  it('the page logged no errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
