import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../app/components/kp-lesson/kp-lesson.ts';
import type { KpLesson } from '../../app/components/kp-lesson/kp-lesson.ts';
import { FakeEngine, pod } from './fake-engine.ts';
import { demoLesson } from './demo-data.ts';

function report(first: boolean, second: boolean) {
  return {
    lessonId: 'first-deployment',
    passed: false,
    steps: [
      { passed: first && second, checks: [{ title: 'A Deployment named web exists', passed: first }, { title: '3 pods of web are Running', passed: second, ...(second ? {} : { detail: '2 of 3 pods are Running' }) }] },
      { passed: false, checks: [{ title: 'web has 5 replicas', passed: false }] },
    ],
  };
}

describe('kp-lesson', () => {
  beforeEach(() => localStorage.removeItem('kubeplay.lesson'));

  it('lists lessons, opens one and turns a check green after a cluster change', async () => {
    const engine = new FakeEngine();
    engine.lessons = [demoLesson()];
    engine.report = report(false, false);
    const el = await fixture<KpLesson>(html`<kp-lesson .engine=${engine}></kp-lesson>`);
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Your first Deployment'), 'list shown');
    [...el.shadowRoot!.querySelectorAll<HTMLElement>('.list button')][0]!.click();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.check').length === 2, 'checks shown');
    await waitUntil(() => engine.checkCalls > 0);
    expect(el.shadowRoot!.textContent).to.include('Step 1 of 2');
    expect(el.shadowRoot!.querySelector('.check.passed')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.include('2 of 3 pods are Running');

    engine.report = report(true, true);
    engine.push([pod('web-1', { running: true })]);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.check.passed').length === 2, 'checks green', { timeout: 3000 });
    const first = el.shadowRoot!.querySelector('.check.passed')!;
    expect(first.textContent).to.include('✓');
    expect(first.textContent).to.include('A Deployment named web exists');
    expect(getComputedStyle(first.querySelector('.label')!).color).to.equal(getComputedStyle(first.querySelector('.icon')!).color);
  });

  it('throttles checks to at most two a second', async () => {
    const engine = new FakeEngine();
    engine.lessons = [demoLesson()];
    engine.report = report(false, false);
    const el = await fixture<KpLesson>(html`<kp-lesson .engine=${engine}></kp-lesson>`);
    await el.openLesson('first-deployment');
    await waitUntil(() => engine.checkCalls === 1);
    for (let i = 0; i < 30; i++) engine.push([pod(`p${i}`)]);
    await new Promise((r) => setTimeout(r, 700));
    expect(engine.checkCalls).to.be.within(2, 3);
  });

  it('reveals hints one at a time, pastes commands and moves between steps', async () => {
    const engine = new FakeEngine();
    engine.lessons = [demoLesson()];
    const el = await fixture<KpLesson>(html`<kp-lesson .engine=${engine}></kp-lesson>`);
    await el.openLesson('first-deployment');
    await el.updateComplete;
    const button = (label: string) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes(label))!;
    button('Show a hint').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.hint').length).to.equal(1);
    expect(el.shadowRoot!.querySelector('.hint')!.textContent).to.include('The image name is nginx');
    const pasted: string[] = [];
    el.addEventListener('kp-paste', (e) => pasted.push(e.detail.text));
    el.shadowRoot!.querySelector<HTMLElement>('button.cmd')!.click();
    expect(pasted).to.deep.equal(['kubectl create deployment web --image=nginx --replicas=3']);
    button('Next step').click();
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.include('Step 2 of 2');
    expect(el.shadowRoot!.querySelectorAll('.hint').length).to.equal(0);
  });
});
