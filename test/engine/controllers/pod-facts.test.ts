import { expect } from '@open-wc/testing';
import type { Pod } from '../../../engine/api/core-v1.ts';
import { fromLabelSelector } from '../../../engine/api/labels.ts';
import { podFacts, podLabeled, podSelected } from '../../../engine/controllers/pod-facts.ts';
import { deepFreeze } from '../../../engine/store/store.ts';

const pod = (labels: Record<string, string>, ready: boolean): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1', controller: true }] },
    spec: { containers: [] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  }) as unknown as Pod;

describe('pod facts', () => {
  it('remembers facts per frozen pod version, never for an unfrozen pod', () => {
    const frozen = deepFreeze(pod({ app: 'a' }, true));
    expect(podFacts(frozen)).to.equal(podFacts(frozen));
    expect(podFacts(frozen)).to.include({ controllerUid: 'u1', active: true, ready: true });
    const loose = pod({ app: 'a' }, false);
    expect(podFacts(loose)).not.to.equal(podFacts(loose));
    expect(podFacts(loose).ready).to.equal(false);
  });

  it('answers selector and template-label questions per selector identity', () => {
    const p = deepFreeze(pod({ app: 'a' }, true));
    const f = podFacts(p);
    const selA = deepFreeze({ matchLabels: { app: 'a' } });
    const selB = deepFreeze({ matchLabels: { app: 'b' } });
    expect(podSelected(p, f, selA, fromLabelSelector(selA)!)).to.equal(true);
    expect(podSelected(p, f, selB, fromLabelSelector(selB)!)).to.equal(false);
    expect(podSelected(p, f, selA, fromLabelSelector(selA)!)).to.equal(true);
    const tA = deepFreeze({ app: 'a' });
    const tB = deepFreeze({ app: 'a', tier: 'x' });
    expect(podLabeled(p, f, tA, Object.entries(tA))).to.equal(true);
    expect(podLabeled(p, f, tB, Object.entries(tB))).to.equal(false);
  });
});
