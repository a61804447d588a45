import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../app/components/kp-terminal/kp-terminal.ts';
import type { KpTerminal } from '../../app/components/kp-terminal/kp-terminal.ts';
import { FakeEngine } from './fake-engine.ts';

function screen(el: KpTerminal): string {
  const buf = el.term!.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i)!.translateToString(true));
  return lines.join('\n');
}

async function mount(engine: FakeEngine): Promise<KpTerminal> {
  const el = await fixture<KpTerminal>(html`<kp-terminal style="display:block;width:700px;height:300px" .engine=${engine}></kp-terminal>`);
  await el.ready;
  await waitUntil(() => screen(el).includes('kubectl get nodes'), 'welcome shown');
  return el;
}

describe('kp-terminal', () => {
  it('runs a line through the engine and prints its output', async () => {
    const engine = new FakeEngine();
    engine.script = async (line, out) => {
      out({ stream: 'stdout', text: 'NAME     STATUS\nworker   Ready\n' });
      out({ stream: 'stderr', text: 'warning: on stderr\n' });
      return 0;
    };
    const el = await mount(engine);
    el.onData('kubectl get nodes\r');
    await waitUntil(() => screen(el).includes('warning: on stderr'), 'output shown');
    expect(engine.runs).to.deep.equal(['kubectl get nodes']);
    expect(screen(el)).to.match(/\$ kubectl get nodes\nNAME {5}STATUS\nworker {3}Ready\nwarning: on stderr\n\$ /);
  });

  it('sends a here-document as one run', async () => {
    const engine = new FakeEngine();
    const el = await mount(engine);
    el.onData('kubectl apply -f - <<EOF\rapiVersion: v1\rkind: Namespace\rEOF\r');
    await waitUntil(() => engine.runs.length === 1, 'ran once');
    expect(engine.runs[0]).to.equal('kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nEOF');
    expect(screen(el)).to.include('> kind: Namespace');
  });

  it('recalls history with the up arrow', async () => {
    const engine = new FakeEngine();
    const el = await mount(engine);
    el.onData('kubectl get pods\r');
    await waitUntil(() => engine.runs.length === 1 && !el.running, 'back at the prompt');
    el.onData('\x1b[A');
    expect(el.editor.line).to.equal('kubectl get pods');
    el.onData('\r');
    await waitUntil(() => engine.runs.length === 2);
    expect(engine.runs[1]).to.equal('kubectl get pods');
  });

  it('Ctrl-C interrupts a running command and ignores typing meanwhile', async () => {
    const engine = new FakeEngine();
    engine.script = async (_line, out, signal) => {
      out({ stream: 'stdout', text: 'NAME   READY\n' });
      await waitUntil(() => signal.interrupted, 'interrupted', { timeout: 5000 });
      return 130;
    };
    const el = await mount(engine);
    el.onData('kubectl get pods -w\r');
    await waitUntil(() => el.running);
    el.onData('x');
    el.onData('\x03');
    await waitUntil(() => !el.running, 'command ended');
    expect(engine.interrupts).to.equal(1);
    expect(el.editor.line).to.equal('');
  });

  it('Ctrl-C at the prompt clears the line; clear empties the screen', async () => {
    const engine = new FakeEngine();
    const el = await mount(engine);
    el.onData('kubectl get');
    el.onData('\x03');
    expect(el.editor.line).to.equal('');
    await waitUntil(() => screen(el).includes('kubectl get^C'));
    el.onData('clear\r');
    await waitUntil(() => !screen(el).includes('Welcome'), 'screen cleared');
    expect(engine.runs).to.deep.equal([]);
  });

  it('completes with Tab from the engine', async () => {
    const engine = new FakeEngine();
    const el = await mount(engine);
    el.onData('kubectl desc');
    el.onData('\t');
    await waitUntil(() => el.editor.line === 'kubectl describe ', 'completed');
  });

  it('paste() puts a lesson command at the prompt without running it', async () => {
    const engine = new FakeEngine();
    const el = await mount(engine);
    el.paste('kubectl get pods');
    expect(el.editor.line).to.equal('kubectl get pods');
    expect(engine.runs).to.deep.equal([]);
  });
});

describe('kp-terminal prompt', () => {
  it('shows the engine prompt after each command (an attached container shell)', async () => {
    const engine = new FakeEngine();
    engine.script = async (line) => {
      if (line.startsWith('kubectl exec')) engine.promptText = '/ # ';
      if (line === 'exit') engine.promptText = '$ ';
      return 0;
    };
    const el = await mount(engine);
    el.onData('kubectl exec -it web -- sh\r');
    await waitUntil(() => screen(el).includes('/ # '), 'container prompt shown');
    el.onData('exit\r');
    await waitUntil(() => engine.runs.length === 2 && /\/ # exit\n\$ $/.test(screen(el).trimEnd() + ' '), 'back at $');
    expect(screen(el)).to.match(/\$ kubectl exec -it web -- sh\n\/ # exit\n\$ /);
  });
});
