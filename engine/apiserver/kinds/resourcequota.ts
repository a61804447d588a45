// ResourceQuota strategy: status starts empty (the resourcequota controller fills hard and
// used), spec.hard quantities are canonical, and ValidateResourceQuota's name and value rules.
import type { KubeObject } from '../../api/meta.ts';
import { formatQuantity, parseQuantity } from '../../api/quantity.ts';
import type { FieldError } from '../status.ts';
import type { KindStrategy } from '../strategy.ts';
import { invalid, notSupported } from '../validation/field.ts';
import { canonicalizeResourceList } from './pod-defaults.ts';

type ResourceList = Record<string, string>;

const STANDARD_QUOTA_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas',
  'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
]);
const INTEGER_RESOURCES = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
]);
const SCOPES = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating'];

function validateList(list: ResourceList | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(list ?? {})) {
    const field = `${path}[${k}]`;
    if (!k.includes('/') && !STANDARD_QUOTA_RESOURCES.has(k) && !k.startsWith('hugepages-') && !k.startsWith('requests.hugepages-'))
      errs.push(invalid(field, k, 'must be a standard resource for quota'));
    let q;
    try {
      q = parseQuantity(v);
    } catch {
      continue;
    }
    const s = formatQuantity(q);
    if (q.mantissa < 0n) errs.push(invalid(field, s, 'must be greater than or equal to 0'));
    if ((INTEGER_RESOURCES.has(k) || k.startsWith('count/')) && q.scale < 0 && q.mantissa % 10n ** BigInt(-q.scale) !== 0n)
      errs.push(invalid(field, s, 'must be an integer'));
  }
  return errs;
}

function validateQuota(obj: KubeObject): FieldError[] {
  const spec = (obj['spec'] ?? {}) as { hard?: ResourceList; scopes?: string[] };
  const errs = validateList(spec.hard, 'spec.hard');
  for (const s of spec.scopes ?? []) if (!SCOPES.includes(s)) errs.push(notSupported('spec.scopes', s, SCOPES));
  return errs;
}

export const resourceQuotaStrategy: KindStrategy = {
  prepareForCreate(obj) {
    obj['status'] = {};
  },
  defaults(obj) {
    const spec = obj['spec'] as { hard?: Record<string, unknown> } | undefined;
    if (spec && typeof spec === 'object') canonicalizeResourceList(spec.hard);
    const status = obj['status'] as { hard?: Record<string, unknown>; used?: Record<string, unknown> } | undefined;
    if (status && typeof status === 'object') {
      canonicalizeResourceList(status.hard);
      canonicalizeResourceList(status.used);
    }
  },
  validate: validateQuota,
};
