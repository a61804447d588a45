import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../app/components/kp-app/kp-app.ts';
import type { KpApp } from '../../app/components/kp-app/kp-app.ts';
import { FakeEngine } from './fake-engine.ts';

async function mount(engine: FakeEngine): Promise<KpApp> {
  const el = await fixture<KpApp>(html`<kp-app .engine=${engine}></kp-app>`);
  await waitUntil(() => el.info !== undefined, 'booted');
  await el.updateComplete;
  return el;
}

function key(k: string, opts: KeyboardEventInit = {}): void {
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true, ...opts }));
}

describe('kp-app', () => {
  it('boots, names the cluster and lays out every panel', async () => {
    const el = await mount(new FakeEngine());
    expect(el.querySelector('.cluster')!.textContent).to.equal('sandbox v1.32');
    for (const tag of ['kp-clock', 'kp-lesson', 'kp-topology', 'kp-terminal', 'kp-editor', 'kp-inspector']) expect(el.querySelector(tag), tag).to.exist;
    expect(el.querySelector('.boot')).to.equal(null);
  });

  it('Space pauses and resumes the clock; / focuses the terminal; ? lists shortcuts', async () => {
    const engine = new FakeEngine();
    const el = await mount(engine);
    await waitUntil(() => el.clock.clock !== undefined, 'clock known');
    key(' ');
    await waitUntil(() => engine.clock.speed === 0, 'paused');
    key(' ');
    await waitUntil(() => engine.clock.speed === 1, 'playing');
    await el.terminal.ready; // xterm loads after the first paint
    key('/');
    await waitUntil(() => el.terminal.contains(document.activeElement), `terminal focused, active: ${document.activeElement?.tagName} ${document.activeElement?.className} term=${!!el.terminal.term}`);
    (document.activeElement as HTMLElement).blur();
    key('?');
    expect(el.keysDialog.open).to.equal(true);
    expect(el.keysDialog.textContent).to.include('Focus the terminal');
    el.keysDialog.close();
  });

  it('Reset asks first, then resets the engine', async () => {
    const engine = new FakeEngine();
    let resets = 0;
    const reset = engine.reset.bind(engine);
    engine.reset = async () => {
      resets++;
      return reset();
    };
    const el = await mount(engine);
    [...el.querySelectorAll<HTMLButtonElement>('.header button')].find((b) => b.textContent!.includes('Reset cluster'))!.click();
    expect(el.resetDialog.open).to.equal(true);
    expect(resets).to.equal(0);
    el.resetDialog.querySelector<HTMLButtonElement>('.danger')!.click();
    await waitUntil(() => resets === 1 && !el.resetting, 'reset done');
  });

  it('clicking a pod in the topology shows its describe output in the inspector', async () => {
    const engine = new FakeEngine();
    const el = await mount(engine);
    const topo = el.querySelector('kp-topology')!;
    await waitUntil(() => topo.shadowRoot!.querySelector('.node-head'));
    topo.shadowRoot!.querySelector<HTMLElement>('[aria-label="Node sandbox-worker"] .node-head')!.click();
    const insp = el.querySelector('kp-inspector')!;
    await waitUntil(() => insp.shadowRoot!.querySelector('pre')?.textContent?.includes('Name:         sandbox-worker'), 'describe shown');
  });
});
