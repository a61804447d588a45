import { expect } from '@open-wc/testing';
import type { KubeObject } from '../../../engine/api/meta.ts';
import type { Controller } from '../../../engine/controllers/controller.ts';
import { Engine } from '../../../engine/engine.ts';

const pod = (name: string, nodeName?: string): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: nodeName ? { nodeName } : {} }) as KubeObject;

function recorder(name: string, nodeName?: string): { controller: Controller; seen: string[] } {
  const seen: string[] = [];
  const controller: Controller = {
    name,
    watches: [{ resource: 'pods', ...(nodeName ? { nodeName } : {}) }],
    resync: () => [],
    reconcile: (key) => void seen.push(key),
  };
  return { controller, seen };
}

describe('engine watch dispatch', () => {
  it('routes a node-scoped watch only the objects bound to its node; others see every object', () => {
    const e = new Engine();
    const w1 = recorder('on-w1', 'w1');
    const w2 = recorder('on-w2', 'w2');
    const all = recorder('all');
    for (const r of [w1, w2, all]) e.host(r.controller, 'test');
    e.store.put('pods', pod('a', 'w1'));
    e.store.put('pods', pod('b', 'w2'));
    e.store.put('pods', pod('c'));
    e.runUntilQuiet();
    expect(w1.seen).to.deep.equal(['default/a']);
    expect(w2.seen).to.deep.equal(['default/b']);
    expect(all.seen).to.deep.equal(['default/a', 'default/b', 'default/c']);
    e.unhost('on-w1');
    e.store.put('pods', pod('d', 'w1'));
    e.runUntilQuiet();
    expect(w1.seen).to.deep.equal(['default/a']);
    expect(all.seen).to.have.length(4);
  });
});
