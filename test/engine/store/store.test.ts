import { expect } from '@open-wc/testing';
import { Store } from '../../../engine/store/store.ts';
import type { KubeObject } from '../../../engine/api/meta.ts';

const cm = (name: string, ns = 'default'): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns } });

describe('Store', () => {
  it('bumps one global resourceVersion on every write and freezes stored objects', () => {
    const s = new Store();
    const a = s.put('configmaps', cm('a'));
    const b = s.put('configmaps', cm('b'));
    expect(a.metadata.resourceVersion).to.equal('1');
    expect(b.metadata.resourceVersion).to.equal('2');
    expect(Object.isFrozen(a.metadata)).to.equal(true);
  });

  it('putFresh stamps and freezes the handed-over object itself, nested parts included', () => {
    const s = new Store();
    const o = { ...cm('a'), data: { k: 'v' } } as KubeObject;
    const stored = s.putFresh('configmaps', o);
    expect(stored).to.equal(o);
    expect(stored.metadata.resourceVersion).to.equal('1');
    expect(Object.isFrozen(stored['data'])).to.equal(true);
  });

  it('keeps indexes in step with updates and removals', () => {
    const s = new Store();
    s.addIndex('configmaps', 'tier', (o) => (o.metadata.labels?.['tier'] ? [o.metadata.labels['tier']] : []));
    s.put('configmaps', { ...cm('a'), metadata: { name: 'a', namespace: 'default', labels: { tier: 'web' } } });
    s.put('configmaps', { ...cm('b'), metadata: { name: 'b', namespace: 'default', labels: { tier: 'web' } } });
    s.put('configmaps', { ...cm('a'), metadata: { name: 'a', namespace: 'default', labels: { tier: 'db' } } });
    expect(s.byIndex('configmaps', 'tier', 'web').map((o) => o.metadata.name)).to.deep.equal(['b']);
    expect(s.byIndex('configmaps', 'tier', 'db').map((o) => o.metadata.name)).to.deep.equal(['a']);
    s.remove('configmaps', 'default', 'b');
    expect(s.byIndex('configmaps', 'tier', 'web')).to.deep.equal([]);
    s.load(s.dump());
    expect(s.byIndex('configmaps', 'tier', 'db').map((o) => o.metadata.name)).to.deep.equal(['a']);
    s.remove('configmaps', 'default', 'a');
    expect(s.byIndex('configmaps', 'tier', 'db')).to.deep.equal([]);
  });

  it('lists in namespace/name order and filters by namespace', () => {
    const s = new Store();
    s.put('configmaps', cm('b', 'x'));
    s.put('configmaps', cm('a', 'y'));
    s.put('configmaps', cm('a', 'x'));
    expect(s.list('configmaps').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).to.deep.equal(['x/a', 'x/b', 'y/a']);
    expect(s.list('configmaps', 'y')).to.have.length(1);
  });

  it('tells watchers ADDED, MODIFIED (with the old object) and DELETED', () => {
    const s = new Store();
    const seen: string[] = [];
    s.watch((e) => seen.push(`${e.type}:${e.object.metadata.name}:${e.old?.metadata.resourceVersion ?? '-'}`));
    s.put('configmaps', cm('a'));
    s.put('configmaps', cm('a'));
    s.remove('configmaps', 'default', 'a');
    expect(seen).to.deep.equal(['ADDED:a:-', 'MODIFIED:a:1', 'DELETED:a:-']);
  });

  it('restores a dump exactly and reports what changed since the last flush', () => {
    const s = new Store();
    s.put('configmaps', cm('a'));
    s.setRecord('file/web.yaml', 'kind: Pod');
    const d = s.takeDirty();
    expect([...d.objects.keys()]).to.deep.equal(['configmaps|default/a']);
    const r = new Store();
    r.load(JSON.parse(JSON.stringify(s.dump())));
    expect(r.dump()).to.deep.equal(JSON.parse(JSON.stringify(s.dump())));
    expect(r.takeDirty().objects.size).to.equal(0);
  });

  it('lists each changed object once, in first-write order, with its last state (null once deleted)', () => {
    const s = new Store();
    s.put('configmaps', cm('a'));
    s.put('configmaps', cm('b'));
    s.put('configmaps', cm('a'));
    s.remove('configmaps', 'default', 'b');
    const d = s.takeDirty();
    expect([...d.objects.keys()]).to.deep.equal(['configmaps|default/a', 'configmaps|default/b']);
    expect(d.objects.get('configmaps|default/a')!.object!.metadata.resourceVersion).to.equal('3');
    expect(d.objects.get('configmaps|default/b')!.object).to.equal(null);
    // Taken: the next batch starts empty, and lists an object written again.
    expect(s.takeDirty().objects.size).to.equal(0);
    s.put('configmaps', cm('a'));
    expect([...s.takeDirty().objects.keys()]).to.deep.equal(['configmaps|default/a']);
  });
});
