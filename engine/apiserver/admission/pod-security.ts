// PodSecurity (k8s.io/pod-security-admission/admission, as kube-apiserver v1.32 runs it with
// kind's default configuration: every mode privileged:latest unless the namespace says
// otherwise, no exemptions). A namespace picks its levels with the labels
// pod-security.kubernetes.io/{enforce,audit,warn}[-version]:
// - pods that violate the enforce level are rejected: `pods "x" is forbidden: violates
//   PodSecurity "restricted:latest": allowPrivilegeEscalation != false (...), ...`;
// - pods and workload templates that violate the warn level get a warning (`would violate
//   PodSecurity ...`); a warn level is implied by a stricter enforce level;
// - tightening a namespace's enforce level warns about the existing pods that violate it;
// - invalid labels are rejected when they are written.
// Versions other than latest are accepted and evaluated with the v1.32 checks (the checks that
// changed after v1.25 only concern Windows pods). Audit annotations are not simulated.
import type { PodSpec } from '../../api/core-v1.ts';
import type { KubeObject, ObjectMeta } from '../../api/meta.ts';
import { deepEqual } from '../../api/deep-equal.ts';
import { invalid as fieldInvalid } from '../validation/field.ts';
import { invalid, type FieldError } from '../status.ts';
import { admissionForbidden, type AdmissionPlugin, type AdmissionRequest } from './admission.ts';
import { podSecurityViolations, type CheckResult, type PodSecurityLevel } from './pod-security-standards.ts';

const PREFIX = 'pod-security.kubernetes.io/';
const LEVELS: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];
/** defaultNamespaceMaxPodsToCheck */
const MAX_PODS_TO_CHECK = 3000;

interface LevelVersion {
  level: PodSecurityLevel;
  version: string;
}

interface Policy {
  enforce: LevelVersion;
  audit: LevelVersion;
  warn: LevelVersion;
}

const text = (lv: LevelVersion) => `${lv.level}:${lv.version}`;
const strictness = (l: PodSecurityLevel) => LEVELS.indexOf(l);

/** api.PolicyToEvaluate: the namespace's policy from its labels, and the labels' errors. */
export function policyOf(labels: Record<string, string> | undefined): { policy: Policy; errors: FieldError[] } {
  const policy: Policy = {
    enforce: { level: 'privileged', version: 'latest' },
    audit: { level: 'privileged', version: 'latest' },
    warn: { level: 'privileged', version: 'latest' },
  };
  const errors: FieldError[] = [];
  if (!labels) return { policy, errors };
  const level = (mode: keyof Policy): boolean => {
    const v = labels[`${PREFIX}${mode}`];
    if (v === undefined) return false;
    if ((LEVELS as readonly string[]).includes(v)) {
      policy[mode].level = v as PodSecurityLevel;
      return true;
    }
    errors.push(fieldInvalid(`metadata.labels[${PREFIX}${mode}]`, v, `must be one of ${LEVELS.join(', ')}`));
    // An invalid enforce level enforces restricted; invalid audit and warn levels fail open.
    policy[mode].level = mode === 'enforce' ? 'restricted' : 'privileged';
    return false;
  };
  const version = (mode: keyof Policy): boolean => {
    const v = labels[`${PREFIX}${mode}-version`];
    if (v === undefined) return false;
    if (v === 'latest' || /^v1\.([0-9]|[1-9][0-9]*)$/.test(v)) policy[mode].version = v;
    else errors.push(fieldInvalid(`metadata.labels[${PREFIX}${mode}-version]`, v, 'must be "latest" or "v1.x"'));
    return true;
  };
  const hasEnforce = level('enforce');
  version('enforce');
  level('audit');
  version('audit');
  const hasWarn = labels[`${PREFIX}warn`] !== undefined;
  level('warn');
  const hasWarnVersion = version('warn');
  // Warn defaults to the enforce level when that is explicitly stricter.
  if (!hasWarn && hasEnforce && strictness(policy.enforce.level) > strictness(policy.warn.level)) {
    policy.warn.level = policy.enforce.level;
    if (!hasWarnVersion) policy.warn.version = policy.enforce.version;
  }
  return { policy, errors };
}

/** AggregateCheckResult.ForbiddenDetail: `reason (detail), reason, ...`. */
function detailOf(results: CheckResult[]): string {
  return results.map((r) => (r.detail ? `${r.reason} (${r.detail})` : r.reason)).join(', ');
}

/** The workload kinds whose pod template is checked (DefaultPodSpecExtractor), and where the template is. */
function templateOf(resource: string, o: KubeObject): { metadata?: ObjectMeta; spec?: PodSpec } | undefined {
  const spec = o['spec'] as Record<string, unknown> | undefined;
  switch (resource) {
    case 'replicationcontrollers':
    case 'replicasets.apps':
    case 'deployments.apps':
    case 'statefulsets.apps':
    case 'daemonsets.apps':
    case 'jobs.batch':
      return spec?.['template'] as { metadata?: ObjectMeta; spec?: PodSpec } | undefined;
    case 'cronjobs.batch':
      return ((spec?.['jobTemplate'] as { spec?: Record<string, unknown> } | undefined)?.spec?.['template'] as { metadata?: ObjectMeta; spec?: PodSpec } | undefined);
    case 'podtemplates':
      return o['template'] as { metadata?: ObjectMeta; spec?: PodSpec } | undefined;
    default:
      return undefined;
  }
}

/** isSignificantPodUpdate: only a changed image or a changed number of containers is evaluated again. */
function significantPodUpdate(pod: PodSpec, old: PodSpec): boolean {
  const images = (cs: { image?: string }[] | undefined) => (cs ?? []).map((c) => c.image);
  if (!deepEqual(images(pod.containers), images(old.containers))) return true;
  if (!deepEqual(images(pod.initContainers), images(old.initContainers))) return true;
  type Ephemeral = { name: string; image?: string }[] | undefined;
  const ephemeral = (s: PodSpec) => (s as { ephemeralContainers?: Ephemeral }).ephemeralContainers ?? [];
  const oldEphemeral = new Map(ephemeral(old).map((c) => [c.name, c.image]));
  return ephemeral(pod).some((c) => !oldEphemeral.has(c.name) || oldEphemeral.get(c.name) !== c.image);
}

function validateNamespace(req: AdmissionRequest, warn: (m: string) => void, pods: () => KubeObject[]): void {
  const ns = req.object!;
  const { policy, errors } = policyOf(ns.metadata.labels);
  if (req.operation === 'CREATE') {
    if (errors.length) throw invalid('Namespace', '', req.name, errors);
    return;
  }
  const old = policyOf(req.oldObject?.metadata.labels);
  if (errors.length && (old.errors.length === 0 || !deepEqual(errors, old.errors))) throw invalid('Namespace', '', req.name, errors);
  const next = policy.enforce;
  const prev = old.policy.enforce;
  if (next.level === prev.level && next.version === prev.version) return;
  if (next.level === 'privileged') return;
  if (next.version === prev.version && strictness(next.level) <= strictness(prev.level)) return;
  for (const w of podsViolating(req.name, next, pods())) warn(w);
}

/** EvaluatePodsInNamespace: one warning per distinct set of reasons, naming the first pod (by name) that has it. */
function podsViolating(namespace: string, enforce: LevelVersion, all: KubeObject[]): string[] {
  // prioritizePods: one pod per controller first, then the other replicas.
  const first: KubeObject[] = [];
  const rest: KubeObject[] = [];
  const seen = new Set<string>();
  for (const p of all) {
    const owner = p.metadata.ownerReferences?.find((r) => r.controller)?.uid;
    if (owner === undefined) first.push(p);
    else if (seen.has(owner)) rest.push(p);
    else {
      seen.add(owner);
      first.push(p);
    }
  }
  const pods = [...first, ...rest];
  const checked = pods.slice(0, MAX_PODS_TO_CHECK);
  const byReasons = new Map<string, { name: string; count: number }>();
  for (const p of checked) {
    const results = podSecurityViolations(enforce.level, p.metadata, p['spec'] as PodSpec);
    if (!results.length) continue;
    const reasons = results.map((r) => r.reason).join(', ');
    const c = byReasons.get(reasons);
    const name = p.metadata.name!;
    if (!c) byReasons.set(reasons, { name, count: 1 });
    else {
      c.count++;
      if (name < c.name) c.name = name;
    }
  }
  const out: string[] = [];
  if (checked.length < pods.length) out.push(`new PodSecurity enforce level only checked against the first ${checked.length} of ${pods.length} existing pods`);
  if (byReasons.size) out.push(`existing pods in namespace "${namespace}" violate the new PodSecurity enforce level "${text(enforce)}"`);
  const lines = [...byReasons].map(([reasons, c]) =>
    c.count === 1 ? `${c.name}: ${reasons}` : c.count === 2 ? `${c.name} (and 1 other pod): ${reasons}` : `${c.name} (and ${c.count - 1} other pods): ${reasons}`,
  );
  return [...out, ...lines.sort()];
}

/** A stored Namespace's policy, read once per version of it (every pod create asks). */
const policies = new WeakMap<KubeObject, Policy>();
function namespacePolicy(ns: KubeObject | undefined): Policy {
  if (!ns) return policyOf(undefined).policy;
  let p = policies.get(ns);
  if (!p) policies.set(ns, (p = policyOf(ns.metadata.labels).policy));
  return p;
}

export const podSecurity: AdmissionPlugin = {
  name: 'PodSecurity',
  validate(req, cx) {
    if (req.operation === 'DELETE' || !req.object) return;
    if (req.resource === 'namespaces') {
      validateNamespace(req, (m) => cx.warn(m), () => cx.store.list('pods', req.name));
      return;
    }
    const isPod = req.resource === 'pods';
    const template = isPod ? undefined : templateOf(req.resource, req.object);
    if (!isPod && !template) return;
    if (req.namespace === undefined) return;
    const policy = namespacePolicy(cx.store.get('namespaces', undefined, req.namespace));
    const spec = (isPod ? req.object['spec'] : template!.spec) as PodSpec | undefined;
    if (!spec) return;
    const metadata = isPod ? req.object.metadata : template!.metadata;
    if (req.operation === 'UPDATE' && req.oldObject) {
      if (isPod && !significantPodUpdate(spec, req.oldObject['spec'] as PodSpec)) return;
      // A workload update that leaves the template alone (scale, labels) is not evaluated again here.
      if (!isPod && deepEqual(templateOf(req.resource, req.oldObject), template)) return;
    }
    if (isPod && policy.enforce.level !== 'privileged') {
      const results = podSecurityViolations(policy.enforce.level, metadata, spec);
      if (results.length) throw admissionForbidden(req, `violates PodSecurity "${text(policy.enforce)}": ${detailOf(results)}`);
    }
    if (policy.warn.level === 'privileged') return;
    const warned = podSecurityViolations(policy.warn.level, metadata, spec);
    if (warned.length) cx.warn(`would violate PodSecurity "${text(policy.warn)}": ${detailOf(warned)}`);
  },
};
