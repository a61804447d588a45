// PodSecurity admission: the namespace labels' policy, the checks' words and order, enforce
// (pods rejected), warn (pods and workload templates), and the warnings about existing pods
// when a namespace's enforce level tightens.
import { expect } from '@open-wc/testing';
import type { PodSpec } from '../../../../engine/api/core-v1.ts';
import { policyOf } from '../../../../engine/apiserver/admission/pod-security.ts';
import { podSecurityViolations } from '../../../../engine/apiserver/admission/pod-security-standards.ts';
import { boot, deployment, fails, pod } from '../fixtures.ts';

type Rec = Record<string, any>;
const spec = (s: Rec) => ({ containers: [{ name: 'nginx', image: 'nginx:1.27' }], ...s }) as PodSpec;
const RESTRICTED_OK = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'app', image: 'busybox:1.36', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
};

function labeled(labels: Record<string, string>) {
  const e = boot();
  e.api.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ps', labels } });
  return e;
}

describe('PodSecurity checks', () => {
  it('lists a default pod against restricted in upstream order and words', () => {
    expect(podSecurityViolations('baseline', undefined, spec({}))).to.deep.equal([]);
    expect(podSecurityViolations('restricted', undefined, spec({}))).to.deep.equal([
      { reason: 'allowPrivilegeEscalation != false', detail: 'container "nginx" must set securityContext.allowPrivilegeEscalation=false' },
      { reason: 'unrestricted capabilities', detail: 'container "nginx" must set securityContext.capabilities.drop=["ALL"]' },
      { reason: 'runAsNonRoot != true', detail: 'pod or container "nginx" must set securityContext.runAsNonRoot=true' },
      { reason: 'seccompProfile', detail: 'pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"' },
    ]);
    expect(podSecurityViolations('restricted', undefined, RESTRICTED_OK as unknown as PodSpec)).to.deep.equal([]);
  });

  it('words the baseline failures as upstream does, plurals included', () => {
    const bad = spec({
      hostNetwork: true,
      hostPID: true,
      volumes: [{ name: 'root', hostPath: { path: '/' } }],
      securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }] },
      containers: [
        { name: 'a', image: 'x', securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN', 'NET_ADMIN'] } }, ports: [{ containerPort: 80, hostPort: 80 }] },
        { name: 'b', image: 'x', securityContext: { privileged: true }, ports: [{ containerPort: 81, hostPort: 8081 }] },
      ],
    });
    expect(podSecurityViolations('baseline', undefined, bad).map((r) => `${r.reason} (${r.detail})`)).to.deep.equal([
      'non-default capabilities (container "a" must not include "NET_ADMIN", "SYS_ADMIN" in securityContext.capabilities.add)',
      'host namespaces (hostNetwork=true, hostPID=true)',
      'hostPath volumes (volume "root")',
      'hostPort (containers "a", "b" use hostPorts 80, 8081)',
      'privileged (containers "a", "b" must not set securityContext.privileged=true)',
      'forbidden sysctls (kernel.msgmax)',
    ]);
    // restricted replaces hostPath volumes with restricted volume types, non-default capabilities with unrestricted ones.
    const reasons = podSecurityViolations('restricted', undefined, bad).map((r) => r.reason);
    expect(reasons).to.include('restricted volume types').and.not.include('hostPath volumes').and.not.include('non-default capabilities');
  });
});

describe('PodSecurity admission', () => {
  it('reads the namespace labels: warn follows a stricter enforce, bad values are errors', () => {
    expect(policyOf({ 'pod-security.kubernetes.io/enforce': 'baseline' }).policy.warn).to.deep.equal({ level: 'baseline', version: 'latest' });
    expect(policyOf({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'privileged' }).policy.warn.level).to.equal('privileged');
    expect(policyOf({ 'pod-security.kubernetes.io/warn-version': 'v2' }).errors.map((e) => e.detail)).to.deep.equal(['must be "latest" or "v1.x"']);
    const e = boot();
    expect(fails(() => e.api.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', labels: { 'pod-security.kubernetes.io/enforce': 'strict' } } })).message).to.equal(
      'Namespace "x" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
    );
  });

  it('rejects pods that violate the enforce level and admits compliant ones', () => {
    const e = labeled({ 'pod-security.kubernetes.io/enforce': 'baseline' });
    expect(fails(() => e.api.create('pods', 'ps', pod('h', { hostNetwork: true }))).message).to.equal(
      'pods "h" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true)',
    );
    expect(e.api.create('pods', 'ps', pod('fine')).warnings).to.deep.equal([]);
    // A label change is not a significant pod update: not evaluated again.
    const stored = e.api.get('pods', 'ps', 'fine');
    expect(e.api.update('pods', { ...stored, metadata: { ...stored.metadata, labels: { a: 'b' } } }).warnings).to.deep.equal([]);
  });

  it('warns on pods and on workload templates at the warn level, without rejecting workloads', () => {
    const e = labeled({ 'pod-security.kubernetes.io/warn': 'restricted' });
    const warning = (w: string[]) => w.map((x) => x.split(':')[0]);
    expect(warning(e.api.create('pods', 'ps', pod('p')).warnings)).to.deep.equal(['would violate PodSecurity "restricted']);
    expect(warning(e.api.create('deployments.apps', 'ps', deployment('d')).warnings)).to.deep.equal(['would violate PodSecurity "restricted']);
    const restricted = labeled({ 'pod-security.kubernetes.io/enforce': 'restricted' });
    expect(restricted.api.create('deployments.apps', 'ps', deployment('d')).warnings.length).to.equal(1);
  });

  it('warns about existing pods when the enforce level tightens, one line per set of reasons', () => {
    const e = labeled({});
    for (const n of ['a', 'b', 'c']) e.api.create('pods', 'ps', pod(n));
    e.api.create('pods', 'ps', pod('h', { hostNetwork: true }));
    const ns = e.api.get('namespaces', undefined, 'ps');
    const r = e.api.update('namespaces', { ...ns, metadata: { ...ns.metadata, labels: { ...ns.metadata.labels, 'pod-security.kubernetes.io/enforce': 'restricted' } } });
    expect(r.warnings).to.deep.equal([
      'existing pods in namespace "ps" violate the new PodSecurity enforce level "restricted:latest"',
      'a (and 2 other pods): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile',
      'h: host namespaces, allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile',
    ]);
    // Relaxing it warns about nothing.
    const now = e.api.get('namespaces', undefined, 'ps');
    expect(e.api.update('namespaces', { ...now, metadata: { ...now.metadata, labels: { ...now.metadata.labels, 'pod-security.kubernetes.io/enforce': 'baseline' } } }).warnings).to.deep.equal([]);
  });
});
