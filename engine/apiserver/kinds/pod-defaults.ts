// SetDefaults_PodSpec / SetDefaults_Container / probes / volumes (pkg/apis/core/v1/defaults.go):
// the fields a v1.32 API server fills in, shared by Pods and every pod template.
import type { Container, PodSpec, PodTemplateSpec, Probe } from '../../api/core-v1.ts';
import { canonicalQuantity, QuantityError } from '../../api/quantity.ts';

type Rec = Record<string, unknown>;

/** `Always` for `:latest` or no tag, otherwise `IfNotPresent` (digests count as tagged). */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  if (!image) return 'Always';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return 'Always';
  return image.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) {
    p.httpGet.path ||= '/';
    p.httpGet.scheme ||= 'HTTP';
  }
}

/** Canonical quantity strings ("0.5" -> "500m"); bad ones are decode errors (thrown). */
export function canonicalizeResourceList(list: Rec | undefined): void {
  if (!list || typeof list !== 'object') return;
  for (const k of Object.keys(list)) {
    const v = list[k];
    if (typeof v === 'string' || typeof v === 'number') list[k] = canonicalQuantity(v);
  }
}

export function defaultContainer(c: Container): void {
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  canonicalizeResourceList(c.resources.limits as Rec | undefined);
  canonicalizeResourceList(c.resources.requests as Rec | undefined);
  for (const port of c.ports ?? []) port.protocol ??= 'TCP';
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  for (const ev of (c.env ?? []) as unknown as Rec[]) {
    const fr = (ev['valueFrom'] as Rec | undefined)?.['fieldRef'] as Rec | undefined;
    if (fr) fr['apiVersion'] ??= 'v1';
    const rf = (ev['valueFrom'] as Rec | undefined)?.['resourceFieldRef'] as Rec | undefined;
    if (rf) rf['divisor'] = rf['divisor'] === undefined ? '0' : canonicalQuantity(rf['divisor'] as string);
  }
}

const MODE_SOURCES = ['secret', 'configMap', 'downwardAPI', 'projected'];

function defaultVolume(v: Rec): void {
  const sourceKeys = Object.keys(v).filter((k) => k !== 'name');
  if (sourceKeys.length === 0) v['emptyDir'] = {};
  for (const k of MODE_SOURCES) {
    const src = v[k] as Rec | undefined;
    if (src && typeof src === 'object') src['defaultMode'] ??= 420;
  }
  const hp = v['hostPath'] as Rec | undefined;
  if (hp && typeof hp === 'object') hp['type'] ??= '';
  const ed = v['emptyDir'] as Rec | undefined;
  if (ed && typeof ed === 'object' && ed['sizeLimit'] !== undefined) ed['sizeLimit'] = canonicalQuantity(ed['sizeLimit'] as string);
  const proj = v['projected'] as Rec | undefined;
  for (const s of ((proj?.['sources'] as Rec[] | undefined) ?? [])) {
    const tok = s['serviceAccountToken'] as Rec | undefined;
    if (tok) tok['expirationSeconds'] ??= 3600;
    const dapi = s['downwardAPI'] as Rec | undefined;
    for (const item of ((dapi?.['items'] as Rec[] | undefined) ?? [])) {
      const fr = item['fieldRef'] as Rec | undefined;
      if (fr) fr['apiVersion'] ??= 'v1';
    }
  }
  const dapi = v['downwardAPI'] as Rec | undefined;
  for (const item of ((dapi?.['items'] as Rec[] | undefined) ?? [])) {
    const fr = item['fieldRef'] as Rec | undefined;
    if (fr) fr['apiVersion'] ??= 'v1';
  }
}

/** SetDefaults_PodSpec and everything nested in it. Cheap: no allocation beyond the filled fields. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  if (spec.serviceAccount && !spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount;
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const v of (spec.volumes ?? []) as Rec[]) defaultVolume(v);
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])])
      for (const port of c.ports ?? []) port.hostPort ??= port.containerPort;
  }
  const overhead = spec['overhead'] as Rec | undefined;
  canonicalizeResourceList(overhead);
}

/** Templates: PodSpec defaults, and `creationTimestamp: null` as v1.32 serializes template metadata. */
export function defaultPodTemplate(t: PodTemplateSpec | undefined): void {
  if (!t || typeof t !== 'object') return;
  t.metadata ??= {};
  if (!('creationTimestamp' in t.metadata)) (t.metadata as Rec)['creationTimestamp'] = null;
  if (t.spec && typeof t.spec === 'object') defaultPodSpec(t.spec);
}

export { QuantityError };
