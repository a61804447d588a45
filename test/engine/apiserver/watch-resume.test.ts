// Watch from a resourceVersion: retained events replayed, 410 Gone beyond the window, filters
// that turn objects moving in or out of a selection into ADDED/DELETED.
import { expect } from '@open-wc/testing';
import type { KubeObject } from '../../../engine/api/meta.ts';
import { ApiServer } from '../../../engine/apiserver/apiserver.ts';
import { WatchCache } from '../../../engine/apiserver/watch-cache.ts';
import { Store, type WatchEvent } from '../../../engine/store/store.ts';
import { boot, fails } from './fixtures.ts';

const cm = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels } }) as KubeObject;

describe('Watch from a resourceVersion', () => {
  it('replays what happened after the version, then follows live changes', () => {
    const e = boot();
    const a = e.api.create('configmaps', 'default', cm('a')).object;
    const rv = a.metadata.resourceVersion!;
    e.api.create('configmaps', 'default', cm('b'));
    e.api.delete('configmaps', 'default', 'a');
    const seen: string[] = [];
    const stop = e.api.watch((ev) => seen.push(`${ev.type} ${ev.object.metadata.name}`), 'configmaps', { resourceVersion: rv });
    expect(seen).to.deep.equal(['ADDED b', 'DELETED a']);
    e.api.create('configmaps', 'default', cm('c'));
    stop();
    e.api.create('configmaps', 'default', cm('d'));
    expect(seen).to.deep.equal(['ADDED b', 'DELETED a', 'ADDED c']);
  });

  it('answers 410 Gone (Expired) for a version older than the window', () => {
    const store = new Store();
    const e = boot();
    const cache = new WatchCache(store, 3);
    void e;
    const api = new ApiServer(store, e.clock, e.rng);
    api.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    for (const n of ['a', 'b', 'c', 'd']) api.create('configmaps', 'default', cm(n));
    // 5 events, 3 retained (rv 3..5): everything after rv 2 can be replayed, rv 1 cannot.
    expect(cache.since(2).map((x) => x.object.metadata.name)).to.deep.equal(['b', 'c', 'd']);
    const err = (() => {
      try {
        cache.since(1);
      } catch (x) {
        return x as { status: { code: number; reason: string; message: string } };
      }
      throw new Error('expected Gone');
    })();
    expect([err.status.code, err.status.reason, err.status.message]).to.deep.equal([410, 'Expired', 'too old resource version: 1 (2)']);
  });

  it('keeps the last 1,000 events', () => {
    const e = boot();
    const first = e.api.create('configmaps', 'default', cm('first')).object.metadata.resourceVersion!;
    for (let i = 0; i < 1000; i++) e.api.create('configmaps', 'default', cm(`c${i}`));
    // The event of `first` has left the window; everything after it is still there.
    const older = String(Number(first) - 1);
    const err = fails(() => e.api.watch(() => {}, 'configmaps', { resourceVersion: older }));
    expect(err.status.code).to.equal(410);
    expect(err.message).to.equal(`too old resource version: ${older} (${first})`);
    let n = 0;
    e.api.watch(() => n++, 'configmaps', { resourceVersion: first });
    expect(n).to.equal(1000);
  });

  it('refuses a version from the future', () => {
    const e = boot();
    const err = fails(() => e.api.watch(() => {}, 'pods', { resourceVersion: '99999' }));
    expect([err.status.code, err.message]).to.deep.equal([504, `Timeout: Too large resource version: 99999, current: ${e.store.resourceVersion()}`]);
  });

  it('starts with the current objects for resourceVersion 0', () => {
    const e = boot();
    e.api.create('configmaps', 'default', cm('a'));
    const seen: string[] = [];
    e.api.watch((ev) => seen.push(`${ev.type} ${ev.object.metadata.name}`), 'configmaps', { resourceVersion: '0' });
    expect(seen).to.deep.equal(['ADDED a']);
  });

  it('filters by label and field selector; objects leaving the selection are DELETED', () => {
    const e = boot();
    const seen: string[] = [];
    e.api.watch((ev: WatchEvent) => seen.push(`${ev.type} ${ev.object.metadata.name}`), 'configmaps', { labelSelector: 'app=web', namespace: 'default' });
    const a = e.api.create('configmaps', 'default', cm('a', { app: 'web' })).object;
    e.api.create('configmaps', 'default', cm('b', { app: 'db' }));
    const moved = structuredClone(a);
    moved.metadata.labels = { app: 'db' };
    e.api.update('configmaps', moved);
    expect(seen).to.deep.equal(['ADDED a', 'DELETED a']);
    const byName: string[] = [];
    e.api.watch((ev) => byName.push(ev.object.metadata.name!), 'configmaps', { fieldSelector: 'metadata.name=b' });
    e.api.delete('configmaps', 'default', 'b');
    expect(byName).to.deep.equal(['b']);
  });

  it('starts a fresh window after a restore', () => {
    const e = boot();
    e.api.create('configmaps', 'default', cm('a'));
    const restored = boot();
    restored.load(e.dump());
    const rv = restored.store.resourceVersion();
    expect(restored.api.watchCache.oldestResumable()).to.equal(rv);
    expect(fails(() => restored.api.watch(() => {}, 'configmaps', { resourceVersion: String(rv - 1) })).status.code).to.equal(410);
  });
});
