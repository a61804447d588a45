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
});
