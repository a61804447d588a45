// Runs under the Vite suite: Monaco, ?worker imports and the schema JSON.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../app/components/kp-editor/kp-editor.ts';
import type { KpEditor } from '../../app/components/kp-editor/kp-editor.ts';
import { FakeEngine } from './fake-engine.ts';

async function mount(engine: FakeEngine): Promise<KpEditor> {
  const el = await fixture<KpEditor>(html`<kp-editor style="display:flex;width:600px;height:500px" .engine=${engine}></kp-editor>`);
  await el.whenReady;
  return el;
}

function markers(el: KpEditor, owner: string) {
  return el.monaco!.editor.getModelMarkers({ owner, resource: el.editor!.getModel()!.uri });
}

describe('kp-editor', () => {
  it('kubectl edit: shows the object and answers with the saved text, or nothing on Cancel', async () => {
    const engine = new FakeEngine();
    const el = await mount(engine);
    const file = { name: '/tmp/kubectl-edit-1.yaml', content: 'kind: Deployment\nspec:\n  replicas: 1\n' };
    const saved = el.editFile(file);
    await waitUntil(() => el.querySelector('.actions.editing'), 'edit bar shown');
    expect(el.querySelector('[role=tab][aria-selected=true]')!.textContent).to.equal(file.name);
    el.editor!.getModel()!.setValue(file.content.replace('replicas: 1', 'replicas: 3'));
    el.querySelector<HTMLButtonElement>('.actions.editing .apply')!.click();
    expect(await saved).to.include('replicas: 3');
    await el.updateComplete;
    expect(el.querySelector('.actions.editing')).to.equal(null);

    const cancelled = el.editFile(file);
    await waitUntil(() => el.querySelector('.actions.editing'), 'edit bar shown again');
    [...el.querySelectorAll<HTMLButtonElement>('.actions.editing button')].find((b) => b.textContent === 'Cancel')!.click();
    expect(await cancelled).to.equal(undefined);
  });

  it('starts an empty workspace with web.yaml and shows Apply output inline', async () => {
    const engine = new FakeEngine();
    const el = await mount(engine);
    expect(engine.files.map((f) => f.name)).to.deep.equal(['web.yaml']);
    expect(el.querySelector('[role=tab][aria-selected=true]')!.textContent).to.equal('web.yaml');
    expect(el.editor!.getValue()).to.include('kind: Deployment');
    el.querySelector<HTMLButtonElement>('.apply')!.click();
    await waitUntil(() => el.querySelector('.result.ok'), 'result shown');
    expect(engine.applied[0]!.fileName).to.equal('web.yaml');
    expect(el.querySelector('.result')!.textContent).to.include('deployment.apps/web created');
  });

  it('shows a kubectl error in red and marks the YAML line', async () => {
    const engine = new FakeEngine();
    const msg = 'error: error parsing web.yaml: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context\n';
    engine.applyResult = () => ({ exitCode: 1, output: msg, stdout: '', stderr: msg });
    const el = await mount(engine);
    await el.apply();
    await el.updateComplete;
    const result = el.querySelector('.result.err')!;
    expect(result.textContent).to.include('yaml: line 7: mapping values are not allowed in this context');
    const m = markers(el, 'kubectl-apply');
    expect(m.length).to.equal(1);
    expect(m[0]!.startLineNumber).to.equal(7);
  });

  it('validates against the Kubernetes schema (wrong type, unknown field), per document', async () => {
    const engine = new FakeEngine();
    const el = await mount(engine);
    el.editor!.setValue(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: two\n  colour: blue\n',
    );
    await waitUntil(() => markers(el, 'yaml').length >= 2, 'schema markers', { timeout: 15000 });
    const messages = markers(el, 'yaml').map((m) => `${m.startLineNumber}: ${m.message}`);
    expect(messages).to.include('14: Incorrect type. Expected "integer".');
    expect(messages.some((m) => m.startsWith('15: ') && m.includes('colour'))).to.equal(true, messages.join('\n'));
  });

  it('saves edits through the engine and creates new files', async () => {
    const engine = new FakeEngine();
    const el = await mount(engine);
    el.editor!.setValue('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n');
    await el.save('web.yaml');
    expect(engine.files.find((f) => f.name === 'web.yaml')!.content).to.include('name: dev');
    el.querySelector<HTMLButtonElement>('[aria-label="New file"]')!.click();
    await el.updateComplete;
    const input = el.querySelector<HTMLInputElement>('.files input')!;
    input.value = 'pod';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await waitUntil(() => engine.files.some((f) => f.name === 'pod.yaml'), 'file created');
    expect(el.current).to.equal('pod.yaml');
  });
});
