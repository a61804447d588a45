import { expect } from '@open-wc/testing';
import type { Pod } from '../../../engine/api/core-v1.ts';
import { schedulingVerdicts } from '../../../engine/cluster/actions.ts';
import { resultKey } from '../../../engine/scheduler/results.ts';
import { SCORERS } from '../../../engine/scheduler/scheduler.ts';
import { cluster, pod } from '../cluster/fixtures.ts';

// The inspector's "why" table, read from the scheduler's record of a real cycle.
describe('scheduling verdicts (inspector)', () => {
  it('gives every node its filters and, for the feasible ones, each plugin score by name', () => {
    const e = cluster();
    e.api.create('pods', 'default', pod('web', { containers: [{ name: 'c', image: 'nginx' }] }));
    e.settle();
    const p = e.api.get<Pod>('pods', 'default', 'web');
    const v = schedulingVerdicts(e, p.metadata.uid!)!;
    expect(Object.keys(v.nodes).sort()).to.deep.equal(['sandbox-control-plane', 'sandbox-worker', 'sandbox-worker2']);
    expect(v.selected).to.equal(p.spec.nodeName);
    const cp = v.nodes['sandbox-control-plane']!;
    expect(cp.filters.at(-1)).to.deep.equal({ plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] });
    expect(cp.scores).to.equal(undefined);
    const worker = v.nodes[p.spec.nodeName!]!;
    expect(worker.filters.every((f) => f.code === 'Success')).to.equal(true);
    expect(Object.keys(worker.scores!)).to.deep.equal(SCORERS.map((s) => s.name));
    expect(worker.scores!['TaintToleration']).to.equal(100);
    expect(worker.total).to.equal(SCORERS.reduce((sum, s) => sum + worker.scores![s.name]! * s.weight, 0));
  });

  it('still reads a record saved before rows were a list (rows and scores by name)', () => {
    const e = cluster();
    e.store.setRecord(resultKey('old-uid'), {
      pod: 'default/old', at: 0, selected: 'sandbox-worker',
      nodes: { 'sandbox-worker': { filters: [], passed: 9, scores: { TaintToleration: 100, NodeResourcesFit: 97 }, total: 397 } },
    });
    const v = schedulingVerdicts(e, 'old-uid')!;
    expect(v.nodes['sandbox-worker']!.scores).to.deep.equal({ TaintToleration: 100, NodeResourcesFit: 97 });
    expect(v.nodes['sandbox-worker']!.total).to.equal(397);
  });

  it('still reads a record saved as rows (one object per node)', () => {
    const e = cluster();
    e.store.setRecord(resultKey('rows-uid'), {
      pod: 'default/rows', at: 0, selected: 'sandbox-worker',
      nodes: [{ node: 'sandbox-worker', filters: [], passed: 9, scores: [100, 97], total: 397 }],
    });
    const v = schedulingVerdicts(e, 'rows-uid')!;
    expect(v.nodes['sandbox-worker']!.total).to.equal(397);
    expect(v.nodes['sandbox-worker']!.scores![SCORERS[0]!.name]).to.equal(100);
    expect(v.nodes['sandbox-worker']!.scores![SCORERS[1]!.name]).to.equal(97);
  });

  it('gives an unschedulable pod every node with the filter that rejected it, and no scores', () => {
    const e = cluster();
    e.api.create('pods', 'default', pod('huge', { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '500' } } }] }));
    e.settle();
    const p = e.api.get<Pod>('pods', 'default', 'huge');
    const v = schedulingVerdicts(e, p.metadata.uid!)!;
    expect(v.selected).to.equal(undefined);
    expect(v.message).to.match(/^0\/3 nodes are available/);
    expect(Object.keys(v.nodes).sort()).to.deep.equal(['sandbox-control-plane', 'sandbox-worker', 'sandbox-worker2']);
    expect(v.nodes['sandbox-worker']!.filters.at(-1)).to.include({ plugin: 'NodeResourcesFit', code: 'Unschedulable' });
    expect(Object.values(v.nodes).every((n) => n.scores === undefined)).to.equal(true);
  });
});
