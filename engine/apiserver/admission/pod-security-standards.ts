// The Pod Security Standards' checks (k8s.io/pod-security-admission/policy), as a v1.32
// cluster evaluates them: for each check the newest version whose minimum is <= 1.32. Reasons
// and details are upstream's words, since users read them in admission errors and warnings.
// Order as upstream's registry: baseline check IDs sorted, then restricted IDs sorted; at the
// restricted level a restricted check replaces the baseline checks it overrides.
import type { Container, PodSpec } from '../../api/core-v1.ts';
import type { ObjectMeta } from '../../api/meta.ts';

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

export interface CheckResult {
  reason: string;
  detail: string;
}

type SecurityContext = Record<string, unknown> & {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  procMount?: string;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string };
  appArmorProfile?: { type?: string };
  seLinuxOptions?: { type?: string; user?: string; role?: string };
  windowsOptions?: { hostProcess?: boolean };
  sysctls?: { name: string }[];
};

type Check = (meta: ObjectMeta | undefined, spec: PodSpec) => CheckResult | undefined;

const joinQuote = (items: readonly string[]) => (items.length ? `"${items.join('", "')}"` : '');
const plural = (one: string, many: string, n: number) => (n === 1 ? one : many);
const containersText = (names: readonly string[]) => `${plural('container', 'containers', names.length)} ${joinQuote(names)}`;
const sorted = (s: Set<string>) => [...s].sort();

/** visitContainers: init containers, containers, then ephemeral containers. */
function containers(spec: PodSpec): Container[] {
  const s = spec as PodSpec & { ephemeralContainers?: Container[] };
  return [...(s.initContainers ?? []), ...(s.containers ?? []), ...(s.ephemeralContainers ?? [])];
}
const sc = (c: Container) => (c as { securityContext?: SecurityContext }).securityContext;
const podSc = (spec: PodSpec) => (spec as { securityContext?: SecurityContext }).securityContext;
const windows = (spec: PodSpec) => (spec as { os?: { name?: string } }).os?.name === 'windows';

// Baseline -----------------------------------------------------------------------------------

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function appArmorProfile(meta: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  const allowedType = (t: string | undefined) => t === 'RuntimeDefault' || t === 'Localhost';
  const setters: string[] = [];
  const values = new Set<string>();
  const pod = podSc(spec)?.appArmorProfile;
  if (pod && !allowedType(pod.type)) {
    setters.push('pod');
    values.add(pod.type ?? '');
  }
  const bad = containers(spec).filter((c) => {
    const p = sc(c)?.appArmorProfile;
    if (!p || allowedType(p.type)) return false;
    values.add(p.type ?? '');
    return true;
  });
  if (bad.length) setters.push(containersText(bad.map((c) => c.name)));
  const list = sorted(values);
  const annotations = Object.entries(meta?.annotations ?? {})
    .filter(([k, v]) => k.startsWith(APPARMOR_ANNOTATION_PREFIX) && !(v === '' || v === 'runtime/default' || v.startsWith('localhost/')))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .sort();
  if (annotations.length) {
    list.push(...annotations);
    setters.push(plural('annotation', 'annotations', annotations.length));
  }
  if (!setters.length) return undefined;
  return {
    reason: plural('forbidden AppArmor profile', 'forbidden AppArmor profiles', list.length),
    detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(list)}`,
  };
}

const DEFAULT_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

function capabilitiesBaseline(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  const added = new Set<string>();
  const bad = containers(spec).filter((c) => {
    let ok = true;
    for (const cap of sc(c)?.capabilities?.add ?? []) {
      if (!DEFAULT_CAPABILITIES.has(cap)) {
        ok = false;
        added.add(cap);
      }
    }
    return !ok;
  });
  if (!bad.length) return undefined;
  return { reason: 'non-default capabilities', detail: `${containersText(bad.map((c) => c.name))} must not include ${joinQuote(sorted(added))} in securityContext.capabilities.add` };
}

function hostNamespaces(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  const s = spec as PodSpec & { hostNetwork?: boolean; hostPID?: boolean; hostIPC?: boolean };
  const set = [s.hostNetwork && 'hostNetwork=true', s.hostPID && 'hostPID=true', s.hostIPC && 'hostIPC=true'].filter((x): x is string => !!x);
  return set.length ? { reason: 'host namespaces', detail: set.join(', ') } : undefined;
}

function hostPathVolumes(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  const names = (spec.volumes ?? []).filter((v) => (v as { hostPath?: unknown }).hostPath).map((v) => v.name);
  return names.length ? { reason: 'hostPath volumes', detail: `${plural('volume', 'volumes', names.length)} ${joinQuote(names)}` } : undefined;
}

function hostPorts(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  const ports = new Set<string>();
  const bad = containers(spec).filter((c) => {
    let ok = true;
    for (const p of c.ports ?? []) {
      if (p.hostPort) {
        ok = false;
        ports.add(String(p.hostPort));
      }
    }
    return !ok;
  });
  if (!bad.length) return undefined;
  return {
    reason: 'hostPort',
    detail: `${containersText(bad.map((c) => c.name))} ${plural('uses', 'use', bad.length)} ${plural('hostPort', 'hostPorts', ports.size)} ${sorted(ports).join(', ')}`,
  };
}

function privileged(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  const bad = containers(spec).filter((c) => sc(c)?.privileged === true).map((c) => c.name);
  return bad.length ? { reason: 'privileged', detail: `${containersText(bad)} must not set securityContext.privileged=true` } : undefined;
}

function procMount(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  const types = new Set<string>();
  const bad = containers(spec).filter((c) => {
    const t = sc(c)?.procMount;
    if (t === undefined || t === 'Default') return false;
    types.add(t);
    return true;
  });
  if (!bad.length) return undefined;
  return { reason: 'procMount', detail: `${containersText(bad.map((c) => c.name))} must not set securityContext.procMount to ${joinQuote(sorted(types))}` };
}

const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

function seLinuxOptions(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  const types = new Set<string>();
  let user = false;
  let role = false;
  const valid = (o: { type?: string; user?: string; role?: string }) => {
    let ok = true;
    if (!SELINUX_TYPES.has(o.type ?? '')) {
      ok = false;
      types.add(o.type ?? '');
    }
    if (o.user) {
      user = true;
      ok = false;
    }
    if (o.role) {
      role = true;
      ok = false;
    }
    return ok;
  };
  const setters: string[] = [];
  const pod = podSc(spec)?.seLinuxOptions;
  if (pod && !valid(pod)) setters.push('pod');
  const bad = containers(spec).filter((c) => {
    const o = sc(c)?.seLinuxOptions;
    return !!o && !valid(o);
  });
  if (bad.length) setters.push(containersText(bad.map((c) => c.name)));
  if (!setters.length) return undefined;
  const data: string[] = [];
  if (types.size) data.push(`${plural('type', 'types', types.size)} ${joinQuote(sorted(types))}`);
  if (user) data.push('user may not be set');
  if (role) data.push('role may not be set');
  return { reason: 'seLinuxOptions', detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}` };
}

const validSeccomp = (t: string | undefined) => t === 'Localhost' || t === 'RuntimeDefault';

function seccompProfileBaseline(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  const setters: string[] = [];
  const values = new Set<string>();
  const pod = podSc(spec)?.seccompProfile;
  if (pod && !validSeccomp(pod.type)) {
    setters.push('pod');
    values.add(pod.type ?? '');
  }
  const bad = containers(spec).filter((c) => {
    const p = sc(c)?.seccompProfile;
    if (!p || validSeccomp(p.type)) return false;
    values.add(p.type ?? '');
    return true;
  });
  if (bad.length) setters.push(containersText(bad.map((c) => c.name)));
  if (!setters.length) return undefined;
  return { reason: 'seccompProfile', detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sorted(values))}` };
}

const ALLOWED_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports', // 1.27
  'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', // 1.29
  'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem', // 1.32
]);

function sysctls(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  const bad = (podSc(spec)?.sysctls ?? []).map((s) => s.name).filter((n) => !ALLOWED_SYSCTLS.has(n));
  return bad.length ? { reason: 'forbidden sysctls', detail: bad.join(', ') } : undefined;
}

function windowsHostProcess(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  const setters: string[] = [];
  if (podSc(spec)?.windowsOptions?.hostProcess === true) setters.push('pod');
  const bad = containers(spec).filter((c) => sc(c)?.windowsOptions?.hostProcess === true).map((c) => c.name);
  if (bad.length) setters.push(containersText(bad));
  return setters.length ? { reason: 'hostProcess', detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true` } : undefined;
}

// Restricted ---------------------------------------------------------------------------------

function allowPrivilegeEscalation(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  if (windows(spec)) return undefined;
  const bad = containers(spec).filter((c) => sc(c)?.allowPrivilegeEscalation !== false).map((c) => c.name);
  return bad.length ? { reason: 'allowPrivilegeEscalation != false', detail: `${containersText(bad)} must set securityContext.allowPrivilegeEscalation=false` } : undefined;
}

function capabilitiesRestricted(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  if (windows(spec)) return undefined;
  const missingDrop: string[] = [];
  const adding: string[] = [];
  const forbidden = new Set<string>();
  for (const c of containers(spec)) {
    const caps = sc(c)?.capabilities;
    if (!caps) {
      missingDrop.push(c.name);
      continue;
    }
    if (!(caps.drop ?? []).includes('ALL')) missingDrop.push(c.name);
    let adds = false;
    for (const cap of caps.add ?? []) {
      if (cap !== 'NET_BIND_SERVICE') {
        adds = true;
        forbidden.add(cap);
      }
    }
    if (adds) adding.push(c.name);
  }
  const details: string[] = [];
  if (missingDrop.length) details.push(`${containersText(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adding.length) details.push(`${containersText(adding)} must not include ${joinQuote(sorted(forbidden))} in securityContext.capabilities.add`);
  return details.length ? { reason: 'unrestricted capabilities', detail: details.join('; ') } : undefined;
}

/** Volume sources the restricted level allows; any other source is named in the message. */
const ALLOWED_VOLUME_SOURCES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret']);
const RESTRICTED_VOLUME_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc',
  'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

function restrictedVolumes(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  const names: string[] = [];
  const types = new Set<string>();
  for (const v of spec.volumes ?? []) {
    const keys = Object.keys(v).filter((k) => k !== 'name');
    if (keys.some((k) => ALLOWED_VOLUME_SOURCES.has(k))) continue;
    names.push(v.name);
    types.add(RESTRICTED_VOLUME_SOURCES.find((k) => k in v) ?? 'unknown');
  }
  if (!names.length) return undefined;
  return {
    reason: 'restricted volume types',
    detail: `${plural('volume', 'volumes', names.length)} ${joinQuote(names)} ${plural('uses', 'use', names.length)} ${plural('restricted volume type', 'restricted volume types', types.size)} ${joinQuote(sorted(types))}`,
  };
}

function runAsNonRoot(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  const setters: string[] = [];
  let podNonRoot = false;
  const pod = podSc(spec)?.runAsNonRoot;
  if (pod === false) setters.push('pod');
  else if (pod === true) podNonRoot = true;
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of containers(spec)) {
    const v = sc(c)?.runAsNonRoot;
    if (v !== undefined) {
      if (!v) explicit.push(c.name);
    } else if (!podNonRoot) implicit.push(c.name);
  }
  if (explicit.length) setters.push(containersText(explicit));
  if (setters.length) return { reason: 'runAsNonRoot != true', detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false` };
  if (implicit.length) return { reason: 'runAsNonRoot != true', detail: `pod or ${containersText(implicit)} must set securityContext.runAsNonRoot=true` };
  return undefined;
}

function runAsUser(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  const setters: string[] = [];
  if (podSc(spec)?.runAsUser === 0) setters.push('pod');
  const bad = containers(spec).filter((c) => sc(c)?.runAsUser === 0).map((c) => c.name);
  if (bad.length) setters.push(containersText(bad));
  return setters.length ? { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0` } : undefined;
}

function seccompProfileRestricted(_: ObjectMeta | undefined, spec: PodSpec): CheckResult | undefined {
  if (windows(spec)) return undefined;
  const setters: string[] = [];
  const values = new Set<string>();
  let podSet = false;
  const pod = podSc(spec)?.seccompProfile;
  if (pod) {
    if (!validSeccomp(pod.type)) {
      setters.push('pod');
      values.add(pod.type ?? '');
    } else podSet = true;
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of containers(spec)) {
    const p = sc(c)?.seccompProfile;
    if (p) {
      if (!validSeccomp(p.type)) {
        explicit.push(c.name);
        values.add(p.type ?? '');
      }
    } else if (!podSet) implicit.push(c.name);
  }
  if (explicit.length) setters.push(containersText(explicit));
  if (setters.length) return { reason: 'seccompProfile', detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sorted(values))}` };
  if (implicit.length) return { reason: 'seccompProfile', detail: `pod or ${containersText(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"` };
  return undefined;
}

// The registry ---------------------------------------------------------------------------------

/** Baseline checks by ID, in sorted ID order (upstream sorts IDs byte-wise: seLinuxOptions before seccompProfile_baseline). */
const BASELINE: [string, Check][] = [
  ['appArmorProfile', appArmorProfile],
  ['capabilities_baseline', capabilitiesBaseline],
  ['hostNamespaces', hostNamespaces],
  ['hostPathVolumes', hostPathVolumes],
  ['hostPorts', hostPorts],
  ['privileged', privileged],
  ['procMount', procMount],
  ['seLinuxOptions', seLinuxOptions],
  ['seccompProfile_baseline', seccompProfileBaseline],
  ['sysctls', sysctls],
  ['windowsHostProcess', windowsHostProcess],
];

/** Restricted checks in sorted ID order, with the baseline checks each replaces. */
const RESTRICTED: [Check, string[]][] = [
  [allowPrivilegeEscalation, []],
  [capabilitiesRestricted, ['capabilities_baseline']],
  [restrictedVolumes, ['hostPathVolumes']],
  [runAsNonRoot, []],
  [runAsUser, []],
  [seccompProfileRestricted, ['seccompProfile_baseline']],
];

const OVERRIDDEN = new Set(RESTRICTED.flatMap(([, ids]) => ids));
const CHECKS: Record<PodSecurityLevel, Check[]> = {
  privileged: [],
  baseline: BASELINE.map(([, c]) => c),
  restricted: [...BASELINE.filter(([id]) => !OVERRIDDEN.has(id)).map(([, c]) => c), ...RESTRICTED.map(([c]) => c)],
};

/** Every failed check of `level`, in the order upstream lists them. */
export function podSecurityViolations(level: PodSecurityLevel, meta: ObjectMeta | undefined, spec: PodSpec): CheckResult[] {
  const out: CheckResult[] = [];
  for (const check of CHECKS[level]) {
    const r = check(meta, spec);
    if (r) out.push(r);
  }
  return out;
}
