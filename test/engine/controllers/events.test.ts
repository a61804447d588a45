import { expect } from '@open-wc/testing';
import type { Event } from '../../../engine/api/core-v1.ts';
import type { KubeObject } from '../../../engine/api/meta.ts';
import { MAX_CORRELATION_ENTRIES } from '../../../engine/controllers/events.ts';
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
    rec('first');
    rec('kept');
    for (let i = 0; i < MAX_CORRELATION_ENTRIES - 2; i++) rec(`filler ${i}`);
    rec('kept'); // used again: now the most recent
    rec('one more'); // evicts the least recently used: 'first'
    rec('first');
    rec('kept');
    const byMessage = (m: string) => (e.store.list('events', 'default') as Event[]).filter((x) => x.message === m);
    expect(byMessage('first').map((x) => x.count)).to.deep.equal([1, 1]);
    expect(byMessage('kept').map((x) => x.count)).to.deep.equal([3]);
  });
});
