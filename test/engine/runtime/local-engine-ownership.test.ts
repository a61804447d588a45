import { expect } from '@open-wc/testing';
import { LocalEngine } from '../../../engine/runtime/local-engine.ts';
import { MemoryPersistence } from '../../../engine/persistence/memory.ts';

describe('LocalEngine: one tab owns a persisted cluster', () => {
  it('makes a second engine on the same cluster a follower that saves nothing, until it takes over', async () => {
    const shared = new MemoryPersistence();
    const first = new LocalEngine({ persistence: shared, tabLock: true });
    expect((await first.ready()).owner).to.equal(true);
    await first.exec('kubectl create deployment web --image=nginx');

    const second = new LocalEngine({ persistence: shared, tabLock: true });
    const info = await second.ready();
    expect(info.owner).to.equal(false);
    expect(info.restored).to.equal(true);
    await second.exec('kubectl create deployment other --image=nginx');
    await second.settle();
    // The follower's write never reached the shared copy.
    const saved = await shared.load();
    expect(saved!.store.objects.some((o) => o.object.metadata.name === 'other')).to.equal(false);

    const batches: boolean[] = [];
    await first.subscribe((b) => b.cluster && batches.push(b.cluster.owner), 1);
    expect((await second.takeOver()).owner).to.equal(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(batches).to.deep.equal([false]);
    expect((await second.exec('kubectl get deploy -o name')).stdout).to.equal('deployment.apps/web\n');
    first.dispose();
    second.dispose();
  });
});
