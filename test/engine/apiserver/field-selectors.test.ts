import { expect } from '@open-wc/testing';
import type { KubeObject } from '../../../engine/api/meta.ts';
import { compileFieldSelector } from '../../../engine/apiserver/field-selectors.ts';
import { typeForKind } from '../../../engine/apiserver/registry.ts';
import { ApiError } from '../../../engine/apiserver/status.ts';

const type = (apiVersion: string, kind: string) => typeForKind(apiVersion, kind)!;
const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return `${e.status.reason}: ${e.status.message}`;
    throw e;
  }
  return 'no error';
};

const pod = (name: string, extra: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: 'w1', ...extra }, status: { phase: 'Running', podIPs: [{ ip: '10.244.1.2' }] } }) as KubeObject;

describe('field selectors (per-kind field labels)', () => {
  it("selects on a kind's registered fields, as Go formats them", () => {
    const pods = type('v1', 'Pod');
    expect(compileFieldSelector(pods, 'spec.nodeName=w1,status.phase!=Pending')(pod('a'))).to.equal(true);
    expect(compileFieldSelector(pods, 'spec.hostNetwork=false')(pod('a'))).to.equal(true);
    expect(compileFieldSelector(pods, 'spec.hostNetwork=true')(pod('b', { hostNetwork: true }))).to.equal(true);
    expect(compileFieldSelector(pods, 'status.podIPs=10.244.1.2')(pod('a'))).to.equal(true);
    expect(compileFieldSelector(pods, 'spec.host=w1')(pod('a'))).to.equal(true);
    expect(compileFieldSelector(pods, 'spec.schedulerName=')(pod('a'))).to.equal(true);
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: {} } as KubeObject;
    expect(compileFieldSelector(type('v1', 'Node'), 'spec.unschedulable=false')(node)).to.equal(true);
    const ev = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' }, reason: 'Pulled', source: { component: 'kubelet', host: 'w1' } } as KubeObject;
    expect(compileFieldSelector(type('v1', 'Event'), 'source=kubelet,reason==Pulled')(ev)).to.equal(true);
  });

  it('rejects other fields with the words of the kind that answers', () => {
    expect(message(() => compileFieldSelector(type('v1', 'Pod'), 'status.hostIP=1.2.3.4'))).to.equal('BadRequest: field label not supported: status.hostIP');
    expect(message(() => compileFieldSelector(type('v1', 'Node'), 'metadata.namespace=x'))).to.equal('BadRequest: field label not supported: metadata.namespace');
    expect(message(() => compileFieldSelector(type('apps/v1', 'Deployment'), 'spec.replicas=3'))).to.equal(
      'BadRequest: "spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(message(() => compileFieldSelector(type('apps/v1', 'Deployment'), 'metadata.name=web'))).to.equal('no error');
    expect(message(() => compileFieldSelector(type('v1', 'Pod'), 'status.phase'))).to.equal(
      "BadRequest: invalid selector: 'status.phase'; can't understand 'status.phase'",
    );
  });
});
