// The pod's QoS class (pkg/apis/core/helper/qos GetPodQOS): BestEffort, Burstable or Guaranteed,
// from the cpu and memory requests and limits of all containers.
import type { PodSpec } from '../../api/core-v1.ts';
import { addQuantity, compareQuantity, parseQuantity, type Quantity } from '../../api/quantity.ts';

const QOS_RESOURCES = ['cpu', 'memory'];

function positive(v: unknown): Quantity | undefined {
  // Most containers leave most of these unset: skip the (costly) exception path.
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  try {
    const q = parseQuantity(v as string);
    return q.mantissa > 0n ? q : undefined;
  } catch {
    return undefined;
  }
}

export function podQOSClass(spec: PodSpec): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const name of QOS_RESOURCES) {
      const r = positive(c.resources?.requests?.[name]);
      if (r) requests.set(name, requests.has(name) ? addQuantity(requests.get(name)!, r) : r);
    }
    const found = new Set<string>();
    for (const name of QOS_RESOURCES) {
      const l = positive(c.resources?.limits?.[name]);
      if (!l) continue;
      found.add(name);
      limits.set(name, limits.has(name) ? addQuantity(limits.get(name)!, l) : l);
    }
    if (found.size !== QOS_RESOURCES.length) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantity(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
