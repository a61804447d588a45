import { expect } from '@open-wc/testing';
import { WorkQueue } from '../../../engine/controllers/work-queue.ts';

/** Takes every queued key, calling done() on each at once. */
function drain(q: WorkQueue): string[] {
  const out: string[] = [];
  let k: string | undefined;
  while ((k = q.get()) !== undefined) {
    out.push(k);
    q.done(k);
  }
  return out;
}

describe('work queue (client-go contract)', () => {
  it('queues a key once however often it is added, in first-add order', () => {
    const q = new WorkQueue();
    for (const k of ['a', 'b', 'a', 'c', 'b']) q.add(k);
    expect(q.length).to.equal(3);
    expect(drain(q)).to.deep.equal(['a', 'b', 'c']);
    expect(q.get()).to.equal(undefined);
  });

  it('runs a key re-added while it is processed again after done(), not alongside', () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('b');
    expect(q.get()).to.equal('a');
    q.add('a');
    q.add('a');
    expect(q.get()).to.equal('b'); // 'a' is not handed out twice at once
    q.done('b');
    expect(q.get()).to.equal(undefined);
    q.done('a');
    expect(drain(q)).to.deep.equal(['a']);
  });

  it('forgets a processed key: adding it later queues it again', () => {
    const q = new WorkQueue();
    q.add('a');
    expect(drain(q)).to.deep.equal(['a']);
    q.add('a');
    expect(drain(q)).to.deep.equal(['a']);
  });

  it('clear() drops queued and in-flight keys', () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('b');
    expect(q.get()).to.equal('a');
    q.add('a');
    q.clear();
    q.done('a');
    expect(q.length).to.equal(0);
    expect(q.get()).to.equal(undefined);
  });

  it('keeps order across many keys (the queue compacts as it goes)', () => {
    const q = new WorkQueue();
    const keys = Array.from({ length: 3000 }, (_, i) => `k${i}`);
    for (const k of keys) q.add(k);
    const got: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const k = q.get()!;
      got.push(k);
      q.done(k);
    }
    q.add('k0');
    got.push(...drain(q));
    expect(got).to.deep.equal([...keys, 'k0']);
  });
});
