import { expect } from '@open-wc/testing';
import { Clock, rfc3339 } from '../../../engine/time/clock.ts';
import { Rng, K8S_ALPHANUMS } from '../../../engine/time/rng.ts';

describe('Clock', () => {
  it('fires timers in (due, seq) order and only when due', () => {
    const c = new Clock(0);
    c.schedule(200, { owner: 'a', key: 'second' });
    c.schedule(100, { owner: 'a', key: 'first' });
    c.schedule(200, { owner: 'a', key: 'third' });
    expect(c.takeDue()).to.have.length(0);
    c.advanceTo(200);
    expect(c.takeDue().map((t) => t.key)).to.deep.equal(['first', 'second', 'third']);
  });

  it('ignores recurring timers when asked for the next non-recurring one', () => {
    const c = new Clock(0);
    c.schedule(10, { owner: 'kubelet', key: 'lease', recurring: true });
    c.schedule(50, { owner: 'kubelet', key: 'pod' });
    expect(c.nextDue()).to.equal(10);
    expect(c.nextDue(false)).to.equal(50);
  });

  it('survives dump and restore with the same timers and sequence', () => {
    const c = new Clock(1000);
    c.schedule(5, { owner: 'x', key: 'k', event: 'e' });
    const r = Clock.restore(JSON.parse(JSON.stringify(c.dump())));
    expect(r.now()).to.equal(1000);
    expect(r.pendingTimers()).to.deep.equal(c.pendingTimers());
    expect(r.schedule(1, { owner: 'x', key: 'k2' }).seq).to.equal(c.schedule(1, { owner: 'x', key: 'k2' }).seq);
  });

  it('keeps (due, seq) order across recurring and cancelled timers', () => {
    const c = new Clock(0);
    const keys: string[] = [];
    for (let i = 0; i < 200; i++) {
      const key = `k${i}`;
      c.schedule((i * 37) % 50, { owner: i % 3 ? 'a' : 'b', key, ...(i % 4 === 0 ? { recurring: true } : {}) });
      keys.push(key);
    }
    c.cancelFor('b', 'k3');
    c.cancelFor('a', 'k5');
    const pending = c.pendingTimers();
    expect(pending).to.have.length(198);
    for (let i = 1; i < pending.length; i++) {
      const [p, q] = [pending[i - 1]!, pending[i]!];
      expect(p.due < q.due || (p.due === q.due && p.seq < q.seq)).to.equal(true);
    }
    expect(c.nextDue(false)).to.equal(pending.find((t) => !t.recurring)!.due);
    c.advanceTo(49);
    expect(c.takeDue().map((t) => t.key)).to.deep.equal(pending.map((t) => t.key));
    expect(c.nextDue()).to.equal(undefined);
  });

  it('finds an owner\'s timers by key however they were scheduled, fired or cancelled before it first asked', () => {
    const c = new Clock(0);
    c.schedule(10, { owner: 'kubelet/w1', key: 'p#a', event: 'x' });
    c.schedule(20, { owner: 'kubelet/w1', key: 'p#a', event: 'y' });
    c.schedule(5, { owner: 'kubelet/w1', key: 'p#b' });
    const gone = c.schedule(30, { owner: 'kubelet/w1', key: 'p#c' });
    c.schedule(10, { owner: 'other', key: 'p#a' });
    c.cancel(gone.id);
    c.advanceTo(5);
    expect(c.takeDue().map((t) => t.key)).to.deep.equal(['p#b']);
    // First lookup for this owner: built from what is still pending.
    expect(c.hasTimer('kubelet/w1', 'p#b')).to.equal(false);
    expect(c.hasTimer('kubelet/w1', 'p#c')).to.equal(false);
    expect(c.hasTimer('kubelet/w1', 'p#a', 'y')).to.equal(true);
    c.cancelFor('kubelet/w1', 'p#a', 'x');
    c.schedule(1, { owner: 'kubelet/w1', key: 'p#d' });
    expect(c.hasTimer('kubelet/w1', 'p#d')).to.equal(true);
    c.advanceTo(30);
    expect(c.takeDue().map((t) => `${t.owner} ${t.key} ${t.event ?? ''}`)).to.deep.equal(['kubelet/w1 p#d ', 'other p#a ', 'kubelet/w1 p#a y']);
    expect(c.hasTimer('kubelet/w1', 'p#a')).to.equal(false);
  });

  it('keeps finding timers by key when an owner asks about many keys (indexed whole then)', () => {
    const c = new Clock(0);
    for (let i = 0; i < 10; i++) c.schedule(10 + i, { owner: 'o', key: `k${i}` });
    expect(c.hasTimer('o', 'late')).to.equal(false);
    c.schedule(5, { owner: 'o', key: 'late' }); // asked about before it existed: tracked from then
    expect(c.hasTimer('o', 'late')).to.equal(true);
    for (let i = 0; i < 10; i += 2) c.cancelFor('o', `k${i}`);
    c.schedule(1, { owner: 'o', key: 'k0' });
    for (let i = 0; i < 10; i++) expect(c.hasTimer('o', `k${i}`)).to.equal(i === 0 || i % 2 === 1);
    c.advanceTo(100);
    expect(c.takeDue().map((t) => t.key)).to.deep.equal(['k0', 'late', 'k1', 'k3', 'k5', 'k7', 'k9']);
    expect(c.hasTimer('o', 'k1')).to.equal(false);
  });

  it('formats metav1.Time with second precision', () => {
    expect(rfc3339(Date.UTC(2025, 0, 6, 10, 0, 0, 999))).to.equal('2025-01-06T10:00:00Z');
    expect(rfc3339(Date.UTC(2025, 0, 6, 10, 0, 1, 0))).to.equal('2025-01-06T10:00:01Z');
    expect(rfc3339(Date.UTC(2025, 0, 6, 10, 0, 0, 0))).to.equal('2025-01-06T10:00:00Z');
  });
});

describe('Rng', () => {
  it('is deterministic for a seed and restorable from its state', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    expect([a.next(), a.next()]).to.deep.equal([b.next(), b.next()]);
    const c = new Rng(0);
    c.setState(a.getState());
    expect(c.string(5, K8S_ALPHANUMS)).to.equal(a.string(5, K8S_ALPHANUMS));
  });

  it('draws name suffixes only from the Kubernetes alphabet', () => {
    const s = new Rng(3).string(200, K8S_ALPHANUMS);
    expect(s).to.match(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });
});
