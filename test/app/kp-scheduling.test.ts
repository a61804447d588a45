import { expect, fixture, html } from '@open-wc/testing';
import '../../app/components/kp-scheduling/kp-scheduling.ts';
import type { KpScheduling } from '../../app/components/kp-scheduling/kp-scheduling.ts';
import type { SchedulingVerdicts } from '../../engine/engine-api.ts';

const verdicts: SchedulingVerdicts = {
  pod: 'default/web-1',
  at: 0,
  selected: 'sandbox-worker',
  nodes: {
    'sandbox-control-plane': { filters: [{ plugin: 'NodeUnschedulable', code: 'Success' }, { plugin: 'NodeName', code: 'Success' }, { plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] }] },
    'sandbox-worker': { filters: [{ plugin: 'NodeUnschedulable', code: 'Success' }], scores: { TaintToleration: 100, NodeResourcesFit: 97 }, total: 397 },
    'sandbox-worker2': { filters: [{ plugin: 'NodeUnschedulable', code: 'Success' }], scores: { TaintToleration: 100, NodeResourcesFit: 95 }, total: 395 },
  },
};

describe('kp-scheduling', () => {
  it('shows each node with the failing filter and its reason, scores and the chosen node', async () => {
    const el = await fixture<KpScheduling>(html`<kp-scheduling .verdicts=${verdicts}></kp-scheduling>`);
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()).join(' | '));
    expect(rows[0]).to.equal('sandbox-control-plane | ✕ TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: } |  |  | ');
    expect(rows[1]).to.equal('sandbox-worker | ✓ passed 1 filters | 100 | 97 | 397');
    expect(el.shadowRoot!.querySelector('tr.selected th')!.textContent).to.equal('sandbox-worker');
    const heads = [...el.shadowRoot!.querySelectorAll('thead th')].map((h) => h.textContent!.trim());
    expect(heads).to.deep.equal(['Node', 'Filters', 'TaintToleration ×3', 'NodeResourcesFit ×1', 'Total']);
  });

  it('says so when the scheduler never looked at the pod', async () => {
    const el = await fixture<KpScheduling>(html`<kp-scheduling></kp-scheduling>`);
    expect(el.shadowRoot!.textContent).to.include('The scheduler has not looked at this pod');
  });
});
