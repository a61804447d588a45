// GetPodQOS (pkg/apis/core/helper/qos): Guaranteed when every container sets cpu and memory
// limits equal to its requests, BestEffort when nothing is set, Burstable otherwise.
import type { Pod } from '../api/core-v1.ts';
import { quantityValue } from '../scheduler/resources.ts';

export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const all = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      const q = req[r] ?? lim[r];
      const l = lim[r];
      if ((q !== undefined && quantityValue(q) !== 0) || (l !== undefined && quantityValue(l) !== 0)) any = true;
      if (l === undefined || quantityValue(q) !== quantityValue(l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
