// The learner's own kubectl against the cluster in the tab (README "Use your own kubectl
// against the tab"): the built app served by `vite preview` with the relay plugin, opened in
// headless Chromium; the real kubectl, pointed at the kubeconfig the preview server wrote,
// lists the tab's nodes, creates a deployment, waits for its rollout (a watch streamed back
// through the relay), explains a field (OpenAPI from the server), and the pods appear in the
// page's topology. Skipped with a notice when kubectl is not on the PATH.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchFreshBrowser } from '../support/browser.mjs';
import { startPreview } from '../support/preview-server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const results = `${root}test-results`;
const TOPOLOGY = '[data-testid="topology"], kp-topology';

let kubectlFound = true;
try {
  execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 10_000 });
} catch {
  kubectlFound = false;
  console.log('# kubectl relay test skipped: kubectl is not on the PATH');
}

/** Everything readable in a subtree: text, open shadow roots, naming attributes. */
function deepText(page, selector) {
  return page.evaluate((sels) => {
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
    const find = (rootNode, s) => {
      for (const el of rootNode.querySelectorAll('*')) {
        if (el.matches(s)) return el;
        const inner = el.shadowRoot && find(el.shadowRoot, s);
        if (inner) return inner;
      }
      return undefined;
    };
    const host = sels.map((s) => find(document, s)).find(Boolean);
    if (host) visit(host);
    return parts.join(' ');
  }, selector.split(',').map((s) => s.trim()));
}

describe('kubectl relay: the real kubectl drives the cluster in the tab', { skip: !kubectlFound, timeout: 3 * 60_000 }, () => {
  let server;
  let browser;
  let page;
  const dir = mkdtempSync(join(tmpdir(), 'kubeplay-relay-'));
  const kubeconfig = join(dir, 'kubeplay.kubeconfig');

  function kubectl(...args) {
    return new Promise((resolve) => {
      execFile('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args], { env: { ...process.env, HOME: dir }, timeout: 60_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) }),
      );
    });
  }

  before(async () => {
    process.env.KUBEPLAY_KUBECONFIG = kubeconfig;
    server = await startPreview();
    delete process.env.KUBEPLAY_KUBECONFIG;
    browser = await launchFreshBrowser();
    page = browser.page;
    await page.goto(server.url);
    await page.locator(TOPOLOGY).first().getByText('sandbox-worker', { exact: true }).first().waitFor({ timeout: 30_000 });
    // The tab connects to the relay once the page has loaded.
    for (let i = 0; ; i++) {
      const text = await (await fetch(new URL('/kube-api-relay', server.url))).text();
      if (text.includes('a tab is connected')) break;
      if (i > 100) assert.fail(`the tab never connected to the relay: ${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  after(async () => {
    await browser?.close();
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the preview server wrote a kubeconfig pointing at its relay', () => {
    assert.ok(existsSync(kubeconfig));
    assert.match(readFileSync(kubeconfig, 'utf8'), new RegExp(`server: ${server.url.replace(/\/$/, '')}/kube-api`));
  });

  it('kubectl get nodes lists the tab\'s nodes', async () => {
    const r = await kubectl('get', 'nodes');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    assert.deepEqual(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 2).join(' ')), ['sandbox-control-plane Ready', 'sandbox-worker Ready', 'sandbox-worker2 Ready']);
  });

  it('kubectl create deployment, rollout status (a watch through the relay), the pods in the page', async () => {
    const c = await kubectl('create', 'deployment', 'relay-web', '--image=nginx', '--replicas=2');
    assert.equal(c.code, 0, c.stderr);
    assert.equal(c.stdout, 'deployment.apps/relay-web created\n');
    const s = await kubectl('rollout', 'status', 'deployment/relay-web', '--timeout=60s');
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stdout, /deployment "relay-web" successfully rolled out\n$/);
    const pods = await kubectl('get', 'pods', '-l', 'app=relay-web', '-o', 'name');
    const names = pods.stdout.trim().split('\n').map((n) => n.replace('pod/', ''));
    assert.equal(names.length, 2, pods.stdout + pods.stderr);
    // The topology names pods in text or in attributes (title, data-pod).
    let seen = '';
    for (let i = 0; i < 300 && !names.every((n) => seen.includes(n)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = await deepText(page, TOPOLOGY);
    }
    mkdirSync(results, { recursive: true });
    await page.screenshot({ path: `${results}/kubectl-relay.png` });
    console.log(`screenshot: ${results}/kubectl-relay.png`);
    for (const n of names) assert.ok(seen.includes(n), `pod ${n} is not in the page's topology`);
  });

  it('kubectl explain (OpenAPI served by the dev server) and an error from the tab', async () => {
    const e = await kubectl('explain', 'pods.spec.nodeName');
    assert.equal(e.code, 0, e.stderr);
    assert.match(e.stdout, /^KIND:\s+Pod\nVERSION:\s+v1\n\nFIELD: nodeName <string>/);
    const nf = await kubectl('get', 'deploy', 'nope');
    assert.equal(nf.code, 1);
    assert.equal(nf.stderr, 'Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});
