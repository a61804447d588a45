// Building blocks shared by the describers, as pkg/describe/describe.go writes them:
// multi-line labels/annotations/tolerations, containers, volumes, probes, the pod
// template, and the Events table.
import type { Container, ContainerState, ContainerStatus, Event, PodSpec, PodTemplateSpec, Probe, Toleration } from '../../../api/core-v1.ts';
import type { KubeObject } from '../../../api/meta.ts';
import type { ApiServer } from '../../../apiserver/apiserver.ts';
import { parseTime } from '../../../time/clock.ts';
import { humanDuration, rfc1123z } from '../human-duration.ts';
import { formatLabelSelector } from '../columns/selector.ts';
import type { DescribeWriter } from './writer.ts';

export interface DescribeContext {
  api: ApiServer;
  now: number;
}

const MAX_ANNOTATION_LEN = 140;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function labelsMultiline(w: DescribeWriter, title: string, labels: Record<string, string> | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return w.write(0, '<none>\n');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

export function annotationsMultiline(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  // describe.go's skipAnnotations: the last-applied configuration is never shown.
  const keys = Object.keys(annotations ?? {}).filter((k) => k !== LAST_APPLIED).sort();
  if (keys.length === 0) return w.write(0, '<none>\n');
  const indent = `${initialIndent}\t`;
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, indent);
    const value = annotations![k]!.replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else w.write(0, `${k}: ${value}\n`);
  });
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

export function tolerationsMultiline(w: DescribeWriter, title: string, tolerations: Toleration[] | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (list.length === 0) return w.write(0, '<none>\n');
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

export function controllerOf(o: KubeObject): string {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

// Containers -------------------------------------------------------------------------------

export function describeContainers(w: DescribeWriter, label: string, containers: Container[], statuses: ContainerStatus[] | undefined, space = ''): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(0, containers.length ? `${space}${label}:\n` : `${space}${label}: <none>\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    if (c['restartPolicy']) w.write(2, `Restart Policy:\t${String(c['restartPolicy'])}\n`);
    for (const [title, items] of [['Command', c.command], ['Args', c.args]] as const) {
      if (!items?.length) continue;
      w.write(2, `${title}:\n`);
      for (const item of items) for (const s of item.split('\n')) w.write(3, `${s}\n`);
    }
    if (status) {
      describeState(w, 'State', status.state);
      if (status.lastState?.terminated) describeState(w, 'Last State', status.lastState);
      w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    for (const kind of ['limits', 'requests'] as const) {
      const r = c.resources?.[kind];
      if (!r || Object.keys(r).length === 0) continue;
      w.write(2, `${kind === 'limits' ? 'Limits' : 'Requests'}:\n`);
      for (const k of Object.keys(r).sort()) w.write(3, `${k}:\t${r[k]}\n`);
    }
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    const envFrom = (c['envFrom'] as { prefix?: string; configMapRef?: { name: string; optional?: boolean }; secretRef?: { name: string; optional?: boolean } }[] | undefined) ?? [];
    if (envFrom.length) {
      w.write(2, 'Environment Variables from:\n');
      for (const e of envFrom) {
        const ref = e.configMapRef ?? e.secretRef;
        const kind = e.configMapRef ? 'ConfigMap' : 'Secret';
        w.write(3, `${ref?.name ?? ''}\t${kind}\t${e.prefix ? `with prefix '${e.prefix}'` : ''}Optional: ${ref?.optional === true}\n`);
      }
    }
    describeEnv(w, c);
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1));
    w.write(2, mounts.length ? 'Mounts:\n' : 'Mounts:\t<none>\n');
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      const sub = (m as { subPath?: string }).subPath;
      if (sub) flags.push(`path=${JSON.stringify(sub)}`);
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

function describeState(w: DescribeWriter, title: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else w.write(2, `${title}:\tWaiting\n`);
}

function describeEnv(w: DescribeWriter, c: Container): void {
  const env = c.env ?? [];
  w.write(2, env.length ? 'Environment:\n' : 'Environment:\t<none>\n');
  for (const e of env) {
    const vf = e.valueFrom as
      | { fieldRef?: { apiVersion?: string; fieldPath: string }; secretKeyRef?: { name: string; key: string; optional?: boolean }; configMapKeyRef?: { name: string; key: string; optional?: boolean }; resourceFieldRef?: { resource: string; containerName?: string } }
      | undefined;
    if (!vf) {
      (e.value ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    } else if (vf.fieldRef) w.write(3, `${e.name}:\t (${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})\n`);
    else if (vf.resourceFieldRef) w.write(3, `${e.name}:\t${vf.resourceFieldRef.resource}\n`);
    else if (vf.secretKeyRef) w.write(3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`);
    else if (vf.configMapKeyRef) w.write(3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`);
  }
}

export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet as { host?: string; port: number | string; path?: string; scheme?: string };
    return `http-get ${(h.scheme ?? 'HTTP').toLowerCase()}://${h.host ?? ''}:${h.port}${h.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${(p.tcpSocket as { host?: string }).host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  const grpc = (p as { grpc?: { port: number; service?: string } }).grpc;
  if (grpc) return `grpc <pod>:${grpc.port} ${grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

// Volumes ----------------------------------------------------------------------------------

export function describeVolumes(w: DescribeWriter, volumes: PodSpec['volumes'], space = ''): void {
  if (!volumes?.length) return w.write(0, `${space}Volumes:\t<none>\n`);
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    const src = v as Record<string, Record<string, unknown> | undefined>;
    if (src['emptyDir']) {
      const e = src['emptyDir'];
      w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${String(e['medium'] ?? '')}\n    SizeLimit:\t${String(e['sizeLimit'] ?? '<unset>')}\n`);
    } else if (src['hostPath']) {
      const h = src['hostPath'];
      w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${String(h['path'] ?? '')}\n    HostPathType:\t${String(h['type'] ?? '')}\n`);
    } else if (src['secret']) {
      const s = src['secret'];
      w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${String(s['secretName'] ?? '')}\n    Optional:\t${s['optional'] === true}\n`);
    } else if (src['configMap']) {
      const c = src['configMap'];
      w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${String(c['name'] ?? '')}\n    Optional:\t${c['optional'] === true}\n`);
    } else if (src['persistentVolumeClaim']) {
      const c = src['persistentVolumeClaim'];
      w.write(2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${String(c['claimName'] ?? '')}\n    ReadOnly:\t${c['readOnly'] === true}\n`);
    } else if (src['projected']) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of (src['projected']['sources'] as Record<string, Record<string, unknown>>[] | undefined) ?? []) {
        if (s['serviceAccountToken']) w.write(2, `TokenExpirationSeconds:\t${String(s['serviceAccountToken']['expirationSeconds'] ?? 3600)}\n`);
        else if (s['configMap']) w.write(2, `ConfigMapName:\t${String(s['configMap']['name'] ?? '')}\n    ConfigMapOptional:\t${s['configMap']['optional'] === undefined ? '<nil>' : String(s['configMap']['optional'])}\n`);
        else if (s['downwardAPI']) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (s['secret']) w.write(2, `SecretName:\t${String(s['secret']['name'] ?? '')}\n    SecretOptionalName:\t${s['secret']['optional'] === undefined ? '<nil>' : String(s['secret']['optional'])}\n`);
      }
    } else w.write(1, '<unknown>\n');
  }
}

export function describePodTemplate(w: DescribeWriter, t: PodTemplateSpec | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!t) return w.write(1, '<unset>');
  labelsMultiline(w, 'Labels', t.metadata?.labels, '  ');
  if (Object.keys(t.metadata?.annotations ?? {}).length) annotationsMultiline(w, 'Annotations', t.metadata?.annotations, '  ');
  if (t.spec.serviceAccountName) w.write(1, `Service Account:\t${t.spec.serviceAccountName}\n`);
  if (t.spec.initContainers?.length) describeContainers(w, 'Init Containers', t.spec.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', t.spec.containers ?? [], undefined, '  ');
  describeVolumes(w, t.spec.volumes, '  ');
  if (t.spec.priorityClassName) w.write(1, `Priority Class Name:\t${t.spec.priorityClassName}\n`);
  labelsMultiline(w, 'Node-Selectors', t.spec.nodeSelector, '  ');
  tolerationsMultiline(w, 'Tolerations', t.spec.tolerations, '  ');
}

// Events -----------------------------------------------------------------------------------

/** Events whose involvedObject is `o` (the field selector describe uses). */
export function eventsFor(cx: DescribeContext, o: KubeObject, ref: { uid?: string; anyKind?: boolean } = {}): Event[] {
  const ns = o.metadata.namespace ?? 'default';
  const uid = ref.uid ?? o.metadata.uid;
  return (cx.api.list('events', o.metadata.namespace ? ns : undefined) as Event[]).filter(
    // searchEvents selects on the object's uid too (when it has one).
    (e) => e.involvedObject.name === o.metadata.name && (ref.anyKind || e.involvedObject.kind === o.kind) && (!uid || e.involvedObject.uid === uid),
  );
}

function eventTime(e: Event): number {
  const series = e['series'] as { lastObservedTime?: string } | undefined;
  return parseTime(series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? undefined) ?? 0;
}

export function describeEvents(w: DescribeWriter, events: Event[], now: number): void {
  if (events.length === 0) return w.write(0, 'Events:\t<none>\n');
  w.flush();
  const sorted = [...events].sort((a, b) => eventTime(a) - eventTime(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  const age = (t: string | null | undefined) => {
    const ms = parseTime(t ?? undefined);
    return ms === undefined ? '<unknown>' : humanDuration(now - ms);
  };
  for (const e of sorted) {
    const first = e.eventTime ? age(e.eventTime) : age(e.firstTimestamp);
    const series = e['series'] as { lastObservedTime?: string; count?: number } | undefined;
    let interval = first;
    if (series) interval = `${age(series.lastObservedTime)} (x${series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${age(e.lastTimestamp)} (x${e.count} over ${first})`;
    const source = e.source?.component || (e['reportingController'] as string | undefined) || e.reportingComponent || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}

/** getPodStatusForController: pods the controller owns (by selector and controller uid), by phase. */
export function controllerPodCounts(cx: DescribeContext, o: KubeObject, selector: unknown): { running: number; waiting: number; succeeded: number; failed: number } {
  const sel = selector as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;
  const c = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  if (!sel) return c;
  const pods = cx.api.list('pods', o.metadata.namespace, { labelSelector: formatSelectorQuery(sel) }) as KubeObject[];
  for (const p of pods) {
    const ref = p.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref || ref.uid !== o.metadata.uid) continue;
    const phase = (p['status'] as { phase?: string } | undefined)?.phase;
    if (phase === 'Running') c.running++;
    else if (phase === 'Pending') c.waiting++;
    else if (phase === 'Succeeded') c.succeeded++;
    else if (phase === 'Failed') c.failed++;
  }
  return c;
}

/** A LabelSelector as a selector query string (metav1.LabelSelectorAsSelector(...).String()). */
export function formatSelectorQuery(sel: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] }): string {
  const s = formatLabelSelector(sel as never);
  return s === '<none>' ? '' : s;
}

/** Go's %v of a string slice: [a b]. */
export function goList(list: readonly string[] | undefined | null): string {
  return `[${(list ?? []).join(' ')}]`;
}
