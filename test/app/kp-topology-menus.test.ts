import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../app/components/kp-topology/kp-topology.ts';
import type { KpTopology } from '../../app/components/kp-topology/kp-topology.ts';
import type { KpActionMenu } from '../../app/components/kp-action-menu/kp-action-menu.ts';
import { FakeEngine } from './fake-engine.ts';

function menu(el: KpTopology, label: string): KpActionMenu {
  const m = [...el.shadowRoot!.querySelectorAll<KpActionMenu>('kp-action-menu')].find((x) => x.label.startsWith(label));
  if (!m) throw new Error(`no menu ${label}`);
  return m;
}
const trigger = (m: KpActionMenu) => m.shadowRoot!.querySelector<HTMLButtonElement>('.trigger')!;
const items = (m: KpActionMenu) => [...m.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
const key = (t: HTMLElement, k: string) => t.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));

describe('kp-topology menus', () => {
  it('stops a control-plane component from its menu, by keyboard', async () => {
    const engine = new FakeEngine();
    const el = await fixture<KpTopology>(html`<kp-topology .engine=${engine}></kp-topology>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.node').length === 3, 'nodes drawn');
    const m = menu(el, 'kube-scheduler');
    expect(trigger(m).getAttribute('aria-haspopup')).to.equal('menu');
    key(trigger(m), 'ArrowDown');
    await waitUntil(() => items(m).length === 1, 'menu open');
    expect(trigger(m).getAttribute('aria-expanded')).to.equal('true');
    expect(m.shadowRoot!.activeElement).to.equal(items(m)[0]);
    expect(items(m)[0]!.textContent).to.equal('Stop kube-scheduler');
    items(m)[0]!.click();
    await waitUntil(() => engine.actions.length === 1, 'action sent');
    expect(engine.actions).to.deep.equal(['component stop kube-scheduler']);
    await waitUntil(() => el.shadowRoot!.querySelector('.notice')!.textContent === 'kube-scheduler stopped', 'notice');
    expect(items(m)).to.have.length(0);
  });

  it('offers stop kubelet / cordon / drain / remove on each node; Escape closes and returns focus', async () => {
    const engine = new FakeEngine();
    const el = await fixture<KpTopology>(html`<kp-topology .engine=${engine}></kp-topology>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.node').length === 3, 'nodes drawn');
    const m = menu(el, 'Actions for node sandbox-worker2');
    trigger(m).click();
    await waitUntil(() => items(m).length === 5, 'menu open');
    expect(items(m).map((b) => b.textContent)).to.deep.equal(['Stop kubelet', 'Cordon', 'Drain', 'Remove node', 'Inject: node network partition']);
    key(items(m)[0]!, 'ArrowDown');
    expect(m.shadowRoot!.activeElement).to.equal(items(m)[1]);
    key(items(m)[1]!, 'Escape');
    await waitUntil(() => items(m).length === 0, 'closed');
    expect(m.shadowRoot!.activeElement).to.equal(trigger(m));
    trigger(m).click();
    await waitUntil(() => items(m).length === 5, 'reopened');
    items(m)[2]!.click();
    await waitUntil(() => engine.actions.length === 1);
    expect(engine.actions).to.deep.equal(['node drain sandbox-worker2']);
  });

  it('injects and clears faults from the Faults menu and a node menu', async () => {
    const engine = new FakeEngine();
    const el = await fixture<KpTopology>(html`<kp-topology .engine=${engine}></kp-topology>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.node').length === 3, 'nodes drawn');
    const f = menu(el, 'Faults');
    trigger(f).click();
    await waitUntil(() => items(f).length === 1, 'faults menu open');
    expect(items(f)[0]!.textContent).to.equal('Inject: scheduler stopped');
    items(f)[0]!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.notice')!.textContent === 'fault scheduler-stopped injected', 'notice');
    await waitUntil(() => f.textContent!.includes('(1 active)'), 'active count');
    trigger(f).click();
    await waitUntil(() => items(f)[0]?.textContent === 'Clear: scheduler stopped', 'offers clear');
    items(f)[0]!.click();
    const n = menu(el, 'Actions for node sandbox-worker');
    trigger(n).click();
    await waitUntil(() => items(n).length === 5, 'node menu open');
    items(n)[4]!.click();
    await waitUntil(() => engine.actions.length === 3);
    expect(engine.actions).to.deep.equal(['fault inject scheduler-stopped', 'fault clear scheduler-stopped', 'fault inject node-partition sandbox-worker']);
  });

  it('adds a node from the form', async () => {
    const engine = new FakeEngine();
    const el = await fixture<KpTopology>(html`<kp-topology .engine=${engine}></kp-topology>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.node').length === 3, 'nodes drawn');
    el.shadowRoot!.querySelector<HTMLButtonElement>('.add-node')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.add-node-form'), 'form');
    const name = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="name"]')!;
    expect(name.value).to.equal('sandbox-worker3');
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name="cpu"]')!.value = '2';
    el.shadowRoot!.querySelector<HTMLButtonElement>('.add-node-form button[type="submit"]')!.click();
    await waitUntil(() => engine.actions.length === 1, 'added');
    expect(engine.actions).to.deep.equal(['node add sandbox-worker3 --cpu 2 --memory 8Gi']);
  });
});
