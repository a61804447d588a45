// Quota usage per object (pkg/quota/v1/evaluator/core and the generic object-count evaluator):
// what one object charges against a ResourceQuota. Shared by the ResourceQuota admission plugin
// (charging a request) and the resourcequota controller (recounting stored objects).
import type { Pod } from '../../api/core-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import { matches, type Selector } from '../../api/labels.ts';
import { addQuantity, compareQuantity, parseQuantity, type Quantity } from '../../api/quantity.ts';
import { parseTime } from '../../time/clock.ts';
import { typeByKey } from '../registry.ts';
import { podQOSClass } from '../kinds/pod-qos.ts';
import { podResourceList } from './limit-ranger.ts';
import type { Operation } from './admission.ts';

export type Usage = Map<string, Quantity>;

export interface QuotaEvaluator {
  /** Whether a write of this kind can change usage (most kinds: only creates). */
  handles(op: Operation, subresource?: string): boolean;
  /** The quota resource names among `names` this evaluator charges. */
  matchingResources(names: string[]): string[];
  usage(obj: KubeObject, now: number): Usage;
  /** Extra requirements when a quota covers some resources (pods: explicit cpu/memory). */
  constraints?(required: string[], obj: KubeObject): string | undefined;
  /** Whether a quota scope selects the object (pods only). */
  matchesScope?(scope: ScopeRequirement, obj: KubeObject): boolean;
}

export interface ScopeRequirement {
  scopeName: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

const ONE: Quantity = { mantissa: 1n, scale: 0, format: 'DecimalSI' };

function count(n: number): Quantity {
  return { mantissa: BigInt(n), scale: 0, format: 'DecimalSI' };
}

function qty(v: unknown): Quantity | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  try {
    return parseQuantity(v);
  } catch {
    return undefined;
  }
}

/** ObjectCountQuotaResourceNameFor: `count/<resource>[.<group>]`. */
export function objectCountName(resource: string): string {
  return `count/${resource}`;
}

function intersect(names: string[], known: readonly string[]): string[] {
  return names.filter((n) => known.includes(n));
}

// Pods ---------------------------------------------------------------------------------------

const POD_RESOURCES = [
  'count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods',
];
/** If a quota tracks these, every container must state them (an upstream compatibility rule). */
const VALIDATION_SET = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];
const NATIVE_PREFIXES = ['kubernetes.io/', 'requests.kubernetes.io/'];

function isExtendedQuotaName(name: string): boolean {
  return name.startsWith('requests.') && name.includes('/') && !NATIVE_PREFIXES.some((p) => name.slice('requests.'.length).startsWith(p));
}

/** podComputeUsageHelper: pods=1 plus the compute resources named by requests and limits. */
function computeUsage(requests: Map<string, Quantity>, limits: Map<string, Quantity>): Usage {
  const u: Usage = new Map([['pods', ONE]]);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = requests.get(r);
    if (req) {
      u.set(r, req);
      u.set(`requests.${r}`, req);
    }
    const lim = limits.get(r);
    if (lim) u.set(`limits.${r}`, lim);
  }
  for (const [r, v] of requests) {
    if (r.startsWith('hugepages-')) {
      u.set(r, v);
      u.set(`requests.${r}`, v);
    } else if (r.includes('/') && !NATIVE_PREFIXES.some((p) => r.startsWith(p))) u.set(`requests.${r}`, v);
  }
  return u;
}

function containerList(list: Record<string, string> | undefined): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [k, v] of Object.entries(list ?? {})) {
    const x = qty(v);
    if (x) out.set(k, x);
  }
  return out;
}

/** QuotaV1Pod: terminal pods and pods past their deletion grace period are not charged. */
export function podCharged(pod: Pod, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  const del = parseTime(pod.metadata.deletionTimestamp);
  const grace = pod.metadata.deletionGracePeriodSeconds;
  if (del !== undefined && grace !== undefined && now > del + grace * 1000) return false;
  return true;
}

function isTerminating(pod: Pod): boolean {
  const ads = (pod.spec as { activeDeadlineSeconds?: number }).activeDeadlineSeconds;
  return ads !== undefined && ads !== null && ads >= 0;
}

const podEvaluator: QuotaEvaluator = {
  handles: (op, sub) => op === 'CREATE' && !sub,
  matchingResources(names) {
    return names.filter((n) => POD_RESOURCES.includes(n) || n.startsWith('hugepages-') || n.startsWith('requests.hugepages-') || isExtendedQuotaName(n));
  },
  usage(obj, now) {
    const pod = obj as Pod;
    const u: Usage = new Map([['count/pods', ONE]]);
    if (!pod.spec || !podCharged(pod, now)) return u;
    for (const [k, v] of computeUsage(podResourceList(pod, 'requests'), podResourceList(pod, 'limits'))) u.set(k, v);
    return u;
  },
  constraints(required, obj) {
    const pod = obj as Pod;
    const req = required.filter((r) => VALIDATION_SET.includes(r));
    if (!req.length || !pod.spec) return undefined;
    const missing = new Map<string, Set<string>>();
    for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
      const have = computeUsage(containerList(c.resources?.requests as Record<string, string>), containerList(c.resources?.limits as Record<string, string>));
      for (const r of req) if (!have.has(r)) (missing.get(r) ?? missing.set(r, new Set()).get(r)!).add(c.name);
    }
    if (!missing.size) return undefined;
    const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
    return `must specify ${parts.join('; ')}`;
  },
  matchesScope(scope, obj) {
    const pod = obj as Pod;
    switch (scope.scopeName) {
      case 'Terminating':
        return isTerminating(pod);
      case 'NotTerminating':
        return !isTerminating(pod);
      case 'BestEffort':
        return podQOSClass(pod.spec) === 'BestEffort';
      case 'NotBestEffort':
        return podQOSClass(pod.spec) !== 'BestEffort';
      case 'PriorityClass': {
        const pc = pod.spec.priorityClassName ?? '';
        if (scope.operator === 'Exists') return pc !== '';
        const labels: Record<string, string> = pc ? { PriorityClass: pc } : {};
        const sel: Selector =
          scope.operator === 'In' ? [{ key: 'PriorityClass', op: 'in', values: scope.values ?? [] }]
          : scope.operator === 'NotIn' ? [{ key: 'PriorityClass', op: 'notin', values: scope.values ?? [] }]
          : [{ key: 'PriorityClass', op: '!' }];
        return matches(sel, labels);
      }
      case 'CrossNamespacePodAffinity': {
        const aff = (pod.spec as { affinity?: Record<string, { requiredDuringSchedulingIgnoredDuringExecution?: { namespaces?: string[]; namespaceSelector?: unknown }[]; preferredDuringSchedulingIgnoredDuringExecution?: { podAffinityTerm: { namespaces?: string[]; namespaceSelector?: unknown } }[] }> }).affinity;
        const terms = ['podAffinity', 'podAntiAffinity'].flatMap((k) => [
          ...(aff?.[k]?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
          ...(aff?.[k]?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
        ]);
        return terms.some((t) => (t.namespaces ?? []).length > 0 || t.namespaceSelector != null);
      }
    }
    return false;
  },
};

// Services -----------------------------------------------------------------------------------

const SERVICE_RESOURCES = ['count/services', 'services', 'services.loadbalancers', 'services.nodeports'];

const serviceEvaluator: QuotaEvaluator = {
  handles: (op, sub) => (op === 'CREATE' || op === 'UPDATE') && !sub,
  matchingResources: (names) => intersect(names, SERVICE_RESOURCES),
  usage(obj) {
    const spec = (obj['spec'] ?? {}) as { type?: string; ports?: { nodePort?: number }[]; allocateLoadBalancerNodePorts?: boolean };
    const ports = (spec.ports ?? []).length;
    const u: Usage = new Map([
      ['count/services', ONE],
      ['services', ONE],
      ['services.loadbalancers', count(0)],
      ['services.nodeports', count(0)],
    ]);
    if (spec.type === 'NodePort') u.set('services.nodeports', count(ports));
    if (spec.type === 'LoadBalancer') {
      const np = spec.allocateLoadBalancerNodePorts === false ? (spec.ports ?? []).filter((p) => p.nodePort).length : ports;
      u.set('services.nodeports', count(np));
      u.set('services.loadbalancers', ONE);
    }
    return u;
  },
};

// PersistentVolumeClaims ---------------------------------------------------------------------

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

const pvcEvaluator: QuotaEvaluator = {
  handles: (op, sub) => (op === 'CREATE' || op === 'UPDATE') && !sub,
  matchingResources: (names) =>
    names.filter((n) => ['count/persistentvolumeclaims', 'persistentvolumeclaims', 'requests.storage'].includes(n) || n.includes(STORAGE_CLASS_SUFFIX)),
  usage(obj) {
    const spec = (obj['spec'] ?? {}) as { storageClassName?: string; resources?: { requests?: Record<string, string> } };
    const sc = spec.storageClassName ?? obj.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
    const u: Usage = new Map([
      ['persistentvolumeclaims', ONE],
      ['count/persistentvolumeclaims', ONE],
    ]);
    if (sc) u.set(`${sc}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, ONE);
    const requested = qty(spec.resources?.requests?.['storage']);
    const allocated = qty(((obj['status'] ?? {}) as { allocatedResources?: Record<string, string> }).allocatedResources?.['storage']);
    const storage = requested && allocated ? (compareQuantity(requested, allocated) >= 0 ? requested : allocated) : requested ?? allocated;
    if (storage) {
      u.set('requests.storage', storage);
      if (sc) u.set(`${sc}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
    }
    return u;
  },
};

// Everything else: object counts -------------------------------------------------------------

/** Core kinds that also answer to a legacy short quota name. */
const LEGACY_COUNT: Record<string, string> = {
  configmaps: 'configmaps',
  secrets: 'secrets',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

function objectCountEvaluator(resource: string): QuotaEvaluator {
  const names = [objectCountName(resource), ...(LEGACY_COUNT[resource] ? [LEGACY_COUNT[resource]] : [])];
  const usage: Usage = new Map(names.map((n) => [n, ONE]));
  return {
    handles: (op, sub) => op === 'CREATE' && !sub,
    matchingResources: (hard) => intersect(hard, names),
    usage: () => new Map(usage),
  };
}

const cache = new Map<string, QuotaEvaluator>([
  ['pods', podEvaluator],
  ['services', serviceEvaluator],
  ['persistentvolumeclaims', pvcEvaluator],
]);

/** The evaluator for a store resource key, or undefined for cluster-scoped kinds. */
export function evaluatorFor(resource: string): QuotaEvaluator | undefined {
  let e = cache.get(resource);
  if (e) return e;
  const t = typeByKey(resource);
  if (!t || !t.namespaced) return undefined;
  e = objectCountEvaluator(resource);
  cache.set(resource, e);
  return e;
}

// Usage arithmetic ---------------------------------------------------------------------------

export function addUsage(a: Usage, b: Usage): Usage {
  const out: Usage = new Map(a);
  for (const [k, v] of b) out.set(k, out.has(k) ? addQuantity(out.get(k)!, v) : v);
  return out;
}

export function maskUsage(u: Usage, names: Iterable<string>): Usage {
  const out: Usage = new Map();
  for (const n of names) if (u.has(n)) out.set(n, u.get(n)!);
  return out;
}

export function removeZeros(u: Usage): Usage {
  const out: Usage = new Map();
  for (const [k, v] of u) if (v.mantissa !== 0n) out.set(k, v);
  return out;
}

/** Subtracts b from a, never going below zero (SubtractWithNonNegativeResult). */
export function subtractNonNegative(a: Usage, b: Usage): Usage {
  const out: Usage = new Map();
  for (const [k, v] of a) {
    const o = b.get(k);
    const d = o ? addQuantity(v, { ...o, mantissa: -o.mantissa }) : v;
    out.set(k, d.mantissa < 0n ? { mantissa: 0n, scale: 0, format: v.format } : d);
  }
  return out;
}

/** Every scope selector a quota carries (spec.scopes as Exists, plus spec.scopeSelector). */
export function quotaScopes(quota: KubeObject): ScopeRequirement[] {
  const spec = (quota['spec'] ?? {}) as { scopes?: string[]; scopeSelector?: { matchExpressions?: ScopeRequirement[] } };
  return [...(spec.scopes ?? []).map((s) => ({ scopeName: s, operator: 'Exists' as const })), ...(spec.scopeSelector?.matchExpressions ?? [])];
}

/** generic.Matches: the quota tracks something this kind charges, and every scope selects it. */
export function quotaMatches(quota: KubeObject, hardNames: string[], e: QuotaEvaluator, obj: KubeObject): boolean {
  if (!e.matchingResources(hardNames).length) return false;
  for (const s of quotaScopes(quota)) if (!e.matchesScope || !e.matchesScope(s, obj)) return false;
  return true;
}
