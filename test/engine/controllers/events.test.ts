import { expect } from '@open-wc/testing';
import type { Event } from '../../../engine/api/core-v1.ts';
import type { KubeObject } from '../../../engine/api/meta.ts';
import { AGGREGATE_MAX_EVENTS, COMBINED_PREFIX, MAX_CORRELATION_ENTRIES, SPAM_BURST } from '../../../engine/controllers/events.ts';
import { Engine } from '../../../engine/engine.ts';

function target(e: Engine): KubeObject {
  e.api.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } } as KubeObject);
  return e.api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } } as KubeObject).object;
}

describe('EventRecorder', () => {
  it('aggregates an identical event into count', () => {
    const e = new Engine();
    const cm = target(e);
    e.events.record(cm, { component: 'test' }, 'Normal', 'Same', 'same message');
    e.events.record(cm, { component: 'test' }, 'Normal', 'Same', 'same message');
    const evs = e.store.list('events', 'default') as Event[];
    expect(evs.length).to.equal(1);
    expect(evs[0]!.count).to.equal(2);
  });

  it('remembers at most MAX_CORRELATION_ENTRIES keys, least recently used dropped first', () => {
    const e = new Engine();
    const cm = target(e);
    const rec = (msg: string) => e.events.record(cm, { component: 'test' }, 'Normal', 'R', msg);
    // Fillers about other objects (each its own spam bucket and aggregate record).
    const other = (i: number) => ({ ...cm, metadata: { ...cm.metadata, name: `other-${i}`, uid: `uid-${i}` } });
    rec('first');
    rec('kept');
    for (let i = 0; i < MAX_CORRELATION_ENTRIES - 2; i++) e.events.record(other(i), { component: 'test' }, 'Normal', 'R', 'filler');
    rec('kept'); // used again: now the most recent
    e.events.record(other(-1), { component: 'test' }, 'Normal', 'R', 'filler'); // evicts the least recently used: 'first'
    rec('first');
    rec('kept');
    const byMessage = (m: string) => (e.store.list('events', 'default') as Event[]).filter((x) => x.message === m);
    expect(byMessage('first').map((x) => x.count)).to.deep.equal([1, 1]);
    expect(byMessage('kept').map((x) => x.count)).to.deep.equal([3]);
  });

  it('combines the 10th different message of one reason about one object, as the EventCorrelator does', () => {
    const e = new Engine();
    const cm = target(e);
    for (let i = 1; i <= 12; i++) e.events.record(cm, { component: 'replicaset-controller' }, 'Normal', 'SuccessfulCreate', `Created pod: web-${i}`);
    const evs = e.store.list('events', 'default') as Event[];
    expect(evs.length).to.equal(AGGREGATE_MAX_EVENTS);
    const combined = evs.filter((x) => x.message!.startsWith(COMBINED_PREFIX));
    expect(combined.length).to.equal(1);
    // The 10th, 11th and 12th went to it; it shows the last message and no reporting component.
    expect(combined[0]!.message).to.equal(`${COMBINED_PREFIX}Created pod: web-12`);
    expect(combined[0]!.count).to.equal(3);
    expect(combined[0]!.reportingComponent).to.equal('');
    expect(evs.filter((x) => x.message === 'Created pod: web-9').length).to.equal(1);
  });

  it('lets a source write 25 events about an object, then one per 5 minutes; dropped repeats still count', () => {
    const e = new Engine();
    const cm = target(e);
    const rec = () => e.events.record(cm, { component: 'kubelet', host: 'w1' }, 'Warning', 'BackOff', 'Back-off restarting failed container');
    for (let i = 0; i < SPAM_BURST + 5; i++) rec();
    const count = () => (e.store.list('events', 'default') as Event[]).map((x) => x.count);
    expect(count()).to.deep.equal([SPAM_BURST]);
    e.advance(299_000);
    rec(); // 31st: no token yet
    expect(count()).to.deep.equal([SPAM_BURST]);
    e.advance(2_000);
    rec(); // a token refilled after 300 s
    expect(count()).to.deep.equal([SPAM_BURST + 7]);
  });

  it('does not filter the scheduler, which records through the events.k8s.io API', () => {
    const e = new Engine();
    const cm = target(e);
    for (let i = 0; i < 40; i++) e.events.record(cm, { component: 'default-scheduler' }, 'Warning', 'FailedScheduling', 'no nodes');
    expect((e.store.list('events', 'default') as Event[]).map((x) => x.count)).to.deep.equal([40]);
  });
});
