import { expect } from '@open-wc/testing';
import { setLoad } from '../../../engine/metrics/load.ts';
import { cluster, deployment, messages } from '../cluster/fixtures.ts';

function hpa(name: string, min: number, max: number, cpu: number) {
  return {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: min, maxReplicas: max, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }] },
  };
}

describe('horizontal pod autoscaler', () => {
  it('scales up under load within the default policies, and down after the 300 s window', () => {
    const e = cluster();
    const d = deployment('web', 1);
    (d.spec.template.spec.containers[0] as { resources?: unknown }).resources = { requests: { cpu: '100m' } };
    e.api.create('deployments.apps', 'default', d);
    e.settle();
    e.api.create('horizontalpodautoscalers.autoscaling', 'default', hpa('web', 1, 10, 50));
    e.advance(30_000);
    const replicas = () => e.api.get('deployments.apps', 'default', 'web')['spec'] as { replicas: number };
    expect(replicas().replicas).to.equal(1);
    setLoad(e.store, { namespace: 'default', resource: 'deployments.apps', name: 'web', milli: 400 });
    e.advance(16_000);
    // 400m on one pod of 100m request at a 50% target wants 8: limited to max(1+4, 2x1) = 5.
    expect(replicas().replicas).to.equal(5);
    expect(messages(e, 'web').filter((m) => m.startsWith('SuccessfulRescale'))).to.deep.equal([
      'SuccessfulRescale: New size: 5; reason: cpu resource utilization (percentage of request) above target',
    ]);
    setLoad(e.store, { namespace: 'default', resource: 'deployments.apps', name: 'web', milli: 0 });
    e.advance(120_000);
    expect(replicas().replicas).to.be.at.least(5);
    const st = e.api.get('horizontalpodautoscalers.autoscaling', 'default', 'web')['status'] as { conditions: { type: string; reason: string }[] };
    expect(st.conditions.find((c) => c.type === 'AbleToScale')?.reason).to.equal('ScaleDownStabilized');
    e.advance(300_000);
    expect(replicas().replicas).to.equal(1);
    expect(messages(e, 'web')).to.include('SuccessfulRescale: New size: 1; reason: All metrics below target');
  });
});
