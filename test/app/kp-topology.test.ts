import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../app/components/kp-topology/kp-topology.ts';
import type { KpTopology } from '../../app/components/kp-topology/kp-topology.ts';
import { FakeEngine, pod } from './fake-engine.ts';
import { demoObjects } from './demo-data.ts';

function chips(el: KpTopology): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('button.pod:not(.leaving)')];
}
function text(el: KpTopology): string {
  return el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
}

describe('kp-topology', () => {
  it('draws components, nodes and the empty state from the snapshot', async () => {
    const engine = new FakeEngine();
    const el = await fixture<KpTopology>(html`<kp-topology .engine=${engine}></kp-topology>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.node').length === 3, 'nodes drawn');
    const t = text(el);
    for (const n of ['sandbox-control-plane', 'sandbox-worker', 'sandbox-worker2', 'kube-apiserver', 'Running']) expect(t).to.include(n);
    expect(t).to.include('node-role.kubernetes.io/control-plane:NoSchedule');
    expect(t).to.include('No pods yet — try kubectl create deployment web --image=nginx');
    expect(t).to.include('+ 1 kube-system pod');
    expect(engine.subscribers.size).to.equal(1);
  });

  it('shows pods in their node, grouped under the Deployment, with their STATUS word', async () => {
    const engine = new FakeEngine();
    for (const o of demoObjects()) engine.objects.set(engine.key(o), o);
    const el = await fixture<KpTopology>(html`<kp-topology .engine=${engine}></kp-topology>`);
    await waitUntil(() => chips(el).length > 0, 'pods drawn');
    const worker = el.shadowRoot!.querySelector('[aria-label="Node sandbox-worker"]')!;
    expect(worker.textContent).to.include('deploy/web');
    const web = worker.querySelector<HTMLElement>('[data-pod="web-7d4b9c6f5-x2k4p"]')!;
    expect(web.dataset['status']).to.equal('Running');
    expect(web.classList.contains('tone-running')).to.equal(true);
    expect(web.title).to.include('Running');
    const creating = worker.querySelector<HTMLElement>('[data-pod="web-7d4b9c6f5-p3n8r"]')!;
    expect(creating.textContent).to.include('ContainerCreating');
    expect(creating.classList.contains('tone-pending')).to.equal(true);
    const crash = el.shadowRoot!.querySelector<HTMLElement>('[data-pod="api-5f7c8d9b4-q8w2e"]')!;
    expect(crash.textContent).to.include('CrashLoopBackOff');
    expect(crash.textContent).to.include('↻4');
    // The unscheduled pod waits in the tray; its ReplicaSet is unknown, so the name loses the hash.
    const tray = el.shadowRoot!.querySelector('[aria-label="Not scheduled"]')!;
    expect(tray.textContent).to.include('deploy/big');
    expect(tray.querySelector('[data-pod="big-6c9d8f7b5-zz9x1"]')).to.exist;
    expect(el.shadowRoot!.querySelector('[data-pod="old-54c6b8d7f9-t5r4e"]')!.textContent).to.include('Terminating');
    expect(text(el)).to.include('web ClusterIP → 0 ready pods');
  });

  it('applies a change batch: scheduling, status change and deletion', async () => {
    const engine = new FakeEngine();
    const el = await fixture<KpTopology>(html`<kp-topology .engine=${engine}></kp-topology>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.node').length === 3);
    const p = pod('web-abc12-aaaaa', { owner: { kind: 'ReplicaSet', name: 'web-abc12' }, hash: 'abc12' });
    engine.push([p]);
    await waitUntil(() => el.shadowRoot!.querySelector('[aria-label="Not scheduled"] [data-pod="web-abc12-aaaaa"]'), 'pod in the tray');
    engine.push([pod('web-abc12-aaaaa', { node: 'sandbox-worker2', waiting: 'ContainerCreating', owner: { kind: 'ReplicaSet', name: 'web-abc12' }, hash: 'abc12' })]);
    await waitUntil(() => el.shadowRoot!.querySelector('[aria-label="Node sandbox-worker2"] [data-status="ContainerCreating"]'), 'pod scheduled');
    expect(el.shadowRoot!.querySelector('[aria-label="Not scheduled"]')).to.equal(null);
    engine.push([], [p]);
    await waitUntil(() => !el.shadowRoot!.querySelector('[data-pod="web-abc12-aaaaa"]'), 'pod gone after fading out', { timeout: 2000 });
  });

  it('dispatches kp-inspect when a pod or node is clicked', async () => {
    const engine = new FakeEngine();
    for (const o of demoObjects()) engine.objects.set(engine.key(o), o);
    const el = await fixture<KpTopology>(html`<kp-topology .engine=${engine}></kp-topology>`);
    await waitUntil(() => chips(el).length > 0);
    const seen: unknown[] = [];
    el.addEventListener('kp-inspect', (e) => seen.push(e.detail.target));
    el.shadowRoot!.querySelector<HTMLElement>('[data-pod="web-7d4b9c6f5-x2k4p"]')!.click();
    el.shadowRoot!.querySelector<HTMLElement>('[aria-label="Node sandbox-worker2"] .node-head')!.click();
    expect(seen).to.deep.equal([
      { kind: 'Pod', namespace: 'default', name: 'web-7d4b9c6f5-x2k4p' },
      { kind: 'Node', name: 'sandbox-worker2' },
    ]);
  });

  it('shrinks chips to dots at 1,000 pods and unsubscribes when removed', async () => {
    const engine = new FakeEngine();
    const many = Array.from({ length: 1000 }, (_, i) =>
      pod(`load-5d8f9c7b6-${String(i).padStart(5, '0')}`, { node: i % 2 ? 'sandbox-worker' : 'sandbox-worker2', running: true, owner: { kind: 'ReplicaSet', name: 'load-5d8f9c7b6' }, hash: '5d8f9c7b6' }),
    );
    for (const o of many) engine.objects.set(engine.key(o), o);
    const el = await fixture<KpTopology>(html`<kp-topology .engine=${engine}></kp-topology>`);
    await waitUntil(() => chips(el).length === 1000, '1000 pods drawn', { timeout: 5000 });
    expect(el.shadowRoot!.querySelectorAll('.node.dots').length).to.equal(2);
    const t0 = performance.now();
    engine.push([pod('load-5d8f9c7b6-00000', { node: 'sandbox-worker2', waiting: 'CrashLoopBackOff', owner: { kind: 'ReplicaSet', name: 'load-5d8f9c7b6' }, hash: '5d8f9c7b6' })]);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-pod="load-5d8f9c7b6-00000"]')?.getAttribute('data-status') === 'CrashLoopBackOff');
    expect(performance.now() - t0).to.be.below(500);
    el.remove();
    await waitUntil(() => engine.subscribers.size === 0, 'unsubscribed');
  });
});
