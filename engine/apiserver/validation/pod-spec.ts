// ValidatePodSpec (pkg/apis/core/validation): volumes, containers, init containers, restart and
// DNS policy, node selector, tolerations, service account and deadlines, in upstream's order.
import type { Container, PodSpec, Probe, Toleration } from '../../api/core-v1.ts';
import type { FieldError } from '../status.ts';
import { duplicate, forbidden, invalid, nonNegative, notFound, notSupported, required } from './field.ts';
import { configMapKeyErrors, dns1123LabelErrors, dns1123SubdomainErrors, envVarNameErrors, labelValueErrors, portNameErrors, portNumErrors, qualifiedNameErrors } from './names.ts';
import { validateLabels } from './object-meta.ts';
import { validateResourceRequirements } from './resources.ts';

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
// In upstream's check order: the second source found is the one reported.
const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'flexVolume', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos', 'configMap',
  'projected', 'csi', 'ephemeral', 'image',
];

type Rec = Record<string, unknown>;

export interface PodSpecOptions {
  /** Pods (not templates) get a few extra checks. */
  isPod?: boolean;
}

function dnsLabel(field: string, v: string): FieldError[] {
  return dns1123LabelErrors(v).map((m) => invalid(field, v, m));
}

/** The volume sources a volume sets, in upstream's check order (a loop: every pod has volumes). */
function volumeSources(vol: Rec): string[] {
  const out: string[] = [];
  for (let k = 0; k < VOLUME_SOURCES.length; k++) {
    const v = vol[VOLUME_SOURCES[k]!];
    if (v !== undefined && v !== null) out.push(VOLUME_SOURCES[k]!);
  }
  return out;
}

export function validateVolumes(volumes: Rec[] | undefined, field: string): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((vol, i) => {
    const p = `${field}[${i}]`;
    const name = (vol['name'] as string | undefined) ?? '';
    if (!name) errs.push(required(`${p}.name`));
    else {
      const ne = dnsLabel(`${p}.name`, name);
      errs.push(...ne);
      if (!ne.length) {
        if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
        else names.add(name);
      }
    }
    const sources = volumeSources(vol);
    if (sources.length === 0) errs.push(required(p, 'must specify a volume type'));
    else if (sources.length > 1) errs.push(forbidden(`${p}.${sources[1]}`, 'may not specify more than 1 volume type'));
    const src = (sources.length === 1 ? (vol[sources[0]!] as Rec) : undefined) ?? {};
    const sp = `${p}.${sources[0]}`;
    switch (sources[0]) {
      case 'configMap':
        if (!src['name']) errs.push(required(`${sp}.name`));
        break;
      case 'secret':
        if (!src['secretName']) errs.push(required(`${sp}.secretName`));
        break;
      case 'persistentVolumeClaim':
        if (!src['claimName']) errs.push(required(`${sp}.claimName`));
        break;
      case 'hostPath':
        if (!src['path']) errs.push(required(`${sp}.path`));
        break;
      case 'nfs':
        if (!src['server']) errs.push(required(`${sp}.server`));
        if (!src['path']) errs.push(required(`${sp}.path`));
        break;
    }
    if (sources[0] === 'emptyDir' && src['medium'] !== undefined && !['', 'Memory', 'HugePages'].includes(src['medium'] as string))
      errs.push(notSupported(`${sp}.medium`, src['medium'], ['', 'Memory', 'HugePages']));
  });
  return { errs, names };
}

function validatePorts(ports: Rec[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = `${field}[${i}]`;
    const name = port['name'] as string | undefined;
    if (name) {
      const msgs = portNameErrors(name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(`${p}.name`, name, m));
      else if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
      else names.add(name);
    }
    const cp = (port['containerPort'] as number | undefined) ?? 0;
    if (cp === 0) errs.push(required(`${p}.containerPort`));
    else for (const m of portNumErrors(cp)) errs.push(invalid(`${p}.containerPort`, cp, m));
    const hp = (port['hostPort'] as number | undefined) ?? 0;
    if (hp !== 0) for (const m of portNumErrors(hp)) errs.push(invalid(`${p}.hostPort`, hp, m));
    const proto = port['protocol'] as string | undefined;
    if (!proto) errs.push(required(`${p}.protocol`));
    else if (!PROTOCOLS.includes(proto)) errs.push(notSupported(`${p}.protocol`, proto, PROTOCOLS));
  });
  return errs;
}

function validateEnv(env: Rec[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((ev, i) => {
    const p = `${field}[${i}]`;
    const name = (ev['name'] as string | undefined) ?? '';
    if (!name) errs.push(required(`${p}.name`));
    for (const m of envVarNameErrors(name)) errs.push(invalid(`${p}.name`, name, m));
    const from = ev['valueFrom'] as Rec | undefined;
    if (from) {
      const vp = `${p}.valueFrom`;
      const kinds = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => from[k]);
      if (kinds.length === 0)
        errs.push(invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      if (ev['value'] && kinds.length) errs.push(invalid(vp, '', 'may not be specified when `value` is not empty'));
      if (kinds.length > 1) errs.push(invalid(vp, '', 'may not have more than one field specified at a time'));
      for (const k of ['configMapKeyRef', 'secretKeyRef']) {
        const ref = from[k] as Rec | undefined;
        if (!ref) continue;
        const key = (ref['key'] as string | undefined) ?? '';
        if (!ref['name']) errs.push(required(`${vp}.${k}.name`));
        if (!key) errs.push(required(`${vp}.${k}.key`));
        else for (const m of configMapKeyErrors(key)) errs.push(invalid(`${vp}.${k}.key`, key, m));
      }
      const fr = from['fieldRef'] as Rec | undefined;
      if (fr && !fr['fieldPath']) errs.push(required(`${vp}.fieldRef.fieldPath`));
      const rf = from['resourceFieldRef'] as Rec | undefined;
      if (rf && !rf['resource']) errs.push(required(`${vp}.resourceFieldRef.resource`));
    }
  });
  return errs;
}

function validateVolumeMounts(mounts: Rec[] | undefined, volumes: Set<string>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const p = `${field}[${i}]`;
    const name = (m['name'] as string | undefined) ?? '';
    const path = (m['mountPath'] as string | undefined) ?? '';
    if (!name) errs.push(required(`${p}.name`));
    if (!volumes.has(name)) errs.push(notFound(`${p}.name`, name));
    if (!path) errs.push(required(`${p}.mountPath`));
    if (paths.has(path)) errs.push(invalid(`${p}.mountPath`, path, 'must be unique'));
    paths.add(path);
    const sub = m['subPath'] as string | undefined;
    if (sub && (sub.startsWith('/') || sub.split('/').includes('..')))
      errs.push(invalid(`${p}.subPath`, sub, sub.startsWith('/') ? 'must be a relative path' : "must not contain '..'"));
  });
  return errs;
}

function portNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'number') return portNumErrors(port).map((m) => invalid(field, port, m));
  if (typeof port === 'string') return portNameErrors(port).map((m) => invalid(field, port, m));
  return [invalid(field, port ?? null, 'must be an int or a string')];
}

function validateHandler(h: Rec, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const kind of ['exec', 'httpGet', 'tcpSocket', 'grpc']) {
    const a = h[kind] as Rec | undefined;
    if (!a) continue;
    const p = `${field}.${kind}`;
    if (n > 0) {
      errs.push(forbidden(p, 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    if (kind === 'exec' && !((a['command'] as unknown[] | undefined)?.length)) errs.push(required(`${p}.command`));
    if (kind === 'httpGet') {
      if (!a['path']) errs.push(required(`${p}.path`));
      errs.push(...portNumOrName(a['port'], `${p}.port`));
      const scheme = a['scheme'] as string;
      if (!['HTTP', 'HTTPS'].includes(scheme)) errs.push(notSupported(`${p}.scheme`, scheme ?? '', ['HTTP', 'HTTPS']));
    }
    if (kind === 'tcpSocket') errs.push(...portNumOrName(a['port'], `${p}.port`));
    if (kind === 'grpc') {
      const port = a['port'] as number;
      for (const m of portNumErrors(port)) errs.push(invalid(`${p}.port`, port, m));
    }
  }
  if (n === 0) errs.push(required(field, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: Probe | undefined, field: string, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!probe) return [];
  const pr = probe as unknown as Rec;
  const errs = validateHandler(pr, field);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'])
    errs.push(...nonNegative(`${field}.${f}`, pr[f] as number | undefined));
  const tgp = pr['terminationGracePeriodSeconds'] as number | undefined;
  if (tgp !== undefined && tgp <= 0) errs.push(invalid(`${field}.terminationGracePeriodSeconds`, tgp, 'must be greater than 0'));
  if (kind !== 'readiness' && probe.successThreshold !== undefined && probe.successThreshold !== 1)
    errs.push(invalid(`${field}.successThreshold`, probe.successThreshold, 'must be 1'));
  if (kind === 'readiness' && tgp !== undefined)
    errs.push(invalid(`${field}.terminationGracePeriodSeconds`, tgp, 'must not be set for readinessProbes'));
  return errs;
}

function validateContainerCommon(c: Container, volumes: Set<string>, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(`${p}.name`));
  else errs.push(...dnsLabel(`${p}.name`, c.name));
  if (!c.image) errs.push(required(`${p}.image`));
  const tmp = c.terminationMessagePolicy;
  if (!tmp) errs.push(required(`${p}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError')
    errs.push(notSupported(`${p}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validatePorts(c.ports as Rec[] | undefined, `${p}.ports`));
  errs.push(...validateEnv(c.env as Rec[] | undefined, `${p}.env`));
  errs.push(...validateVolumeMounts(c.volumeMounts as Rec[] | undefined, volumes, `${p}.volumeMounts`));
  if (!c.imagePullPolicy) errs.push(required(`${p}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(notSupported(`${p}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  errs.push(...validateResourceRequirements(c.resources, `${p}.resources`));
  return errs;
}

function validateContainers(containers: Container[] | undefined, volumes: Set<string>, field: string): FieldError[] {
  if (!containers || containers.length === 0) return [required(field)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = `${field}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name)) errs.push(duplicate(`${p}.name`, c.name));
    else names.add(c.name);
    errs.push(...validateProbe(c.livenessProbe, `${p}.livenessProbe`, 'liveness'));
    errs.push(...validateProbe(c.readinessProbe, `${p}.readinessProbe`, 'readiness'));
    errs.push(...validateProbe(c.startupProbe, `${p}.startupProbe`, 'startup'));
    if (c['restartPolicy'] !== undefined) errs.push(forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(containers, field));
  return errs;
}

function hostPortConflicts(containers: Container[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) =>
    (c.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? 'TCP'}/${(port as unknown as Rec)['hostIP'] ?? ''}/${port.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(`${field}[${ci}].ports[${pi}].hostPort`, key));
      seen.add(key);
    }),
  );
  return errs;
}

function validateInitContainers(inits: Container[] | undefined, containers: Container[] | undefined, volumes: Set<string>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((containers ?? []).map((c) => c.name));
  (inits ?? []).forEach((c, i) => {
    const p = `${field}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name)) errs.push(duplicate(`${p}.name`, c.name));
    else names.add(c.name);
    const rp = c['restartPolicy'] as string | undefined;
    if (rp !== undefined && rp !== 'Always') errs.push(notSupported(`${p}.restartPolicy`, rp, ['Always']));
    if (rp !== 'Always') {
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'])
        if (c[probe]) errs.push(forbidden(`${p}.${probe}`, 'may not be set for init containers without restartPolicy=Always'));
    } else {
      errs.push(...validateProbe(c.livenessProbe, `${p}.livenessProbe`, 'liveness'));
      errs.push(...validateProbe(c.readinessProbe, `${p}.readinessProbe`, 'readiness'));
      errs.push(...validateProbe(c.startupProbe, `${p}.startupProbe`, 'startup'));
    }
  });
  return errs;
}

/**
 * Frozen toleration lists found valid: admission gives most pods one shared frozen list, and
 * a list's validity does not depend on where it is.
 */
const validTolerations = new WeakSet<readonly Toleration[]>();

export function validateTolerations(tols: Toleration[] | undefined, field: string): FieldError[] {
  if (tols && validTolerations.has(tols)) return [];
  const errs = tolerationErrors(tols, field);
  if (tols && !errs.length && Object.isFrozen(tols)) validTolerations.add(tols);
  return errs;
}

function tolerationErrors(tols: Toleration[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (tols ?? []).forEach((t, i) => {
    const p = `${field}[${i}]`;
    if (t.key) for (const m of qualifiedNameErrors(t.key)) errs.push(invalid(`${p}.key`, t.key, m));
    if (!t.key && t.operator !== 'Exists')
      errs.push(invalid(`${p}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      errs.push(invalid(`${p}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const msgs = labelValueErrors(t.value ?? '');
        if (msgs.length) errs.push(invalid(`${p}.operator`, t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(invalid(`${p}.operator`, t.value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(`${p}.operator`, t.operator, ['Equal', 'Exists']));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(`${p}.effect`, t.effect, TAINT_EFFECTS));
  });
  return errs;
}

export function validatePodSpec(spec: PodSpec, field: string, _opts: PodSpecOptions = {}): FieldError[] {
  const errs: FieldError[] = [];
  const { errs: volErrs, names: volumes } = validateVolumes(spec.volumes as Rec[] | undefined, `${field}.volumes`);
  errs.push(...volErrs);
  errs.push(...validateContainers(spec.containers, volumes, `${field}.containers`));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, volumes, `${field}.initContainers`));
  const rp = spec.restartPolicy ?? '';
  if (rp === '') errs.push(required(`${field}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(rp)) errs.push(notSupported(`${field}.restartPolicy`, rp, RESTART_POLICIES));
  const dp = spec.dnsPolicy ?? '';
  if (dp === '') errs.push(required(`${field}.dnsPolicy`));
  else if (!DNS_POLICIES.includes(dp)) errs.push(notSupported(`${field}.dnsPolicy`, dp, DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, `${field}.nodeSelector`));
  if (spec.serviceAccountName)
    for (const m of dns1123SubdomainErrors(spec.serviceAccountName)) errs.push(invalid(`${field}.serviceAccountName`, spec.serviceAccountName, m));
  if (spec.nodeName) for (const m of dns1123SubdomainErrors(spec.nodeName)) errs.push(invalid(`${field}.nodeName`, spec.nodeName, m));
  const ads = spec['activeDeadlineSeconds'] as number | undefined;
  if (ads !== undefined && (ads < 1 || ads > 2147483647))
    errs.push(invalid(`${field}.activeDeadlineSeconds`, ads, 'must be between 1 and 2147483647, inclusive'));
  const hostname = spec['hostname'] as string | undefined;
  if (hostname) errs.push(...dnsLabel(`${field}.hostname`, hostname));
  const subdomain = spec['subdomain'] as string | undefined;
  if (subdomain) errs.push(...dnsLabel(`${field}.subdomain`, subdomain));
  errs.push(...validateTolerations(spec.tolerations, `${field}.tolerations`));
  if (spec.priorityClassName)
    for (const m of dns1123SubdomainErrors(spec.priorityClassName)) errs.push(invalid(`${field}.priorityClassName`, spec.priorityClassName, m));
  if (spec.preemptionPolicy !== undefined && !['PreemptLowerPriority', 'Never'].includes(spec.preemptionPolicy))
    errs.push(notSupported(`${field}.preemptionPolicy`, spec.preemptionPolicy, ['Never', 'PreemptLowerPriority']));
  return errs;
}
