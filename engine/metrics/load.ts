// Offered load a learner drives (`sim load deployment/web 500m`, the UI's load generator): CPU
// the workload's Service traffic costs, shared evenly by its ready pods, as a load balancer
// spreads requests. Kept as a sim record per workload so it survives reloads.
import type { Store } from '../store/store.ts';

export interface LoadRecord {
  namespace: string;
  /** Store resource key of the workload ("deployments.apps"). */
  resource: string;
  name: string;
  /** Total offered CPU in millicores. */
  milli: number;
}

const PREFIX = 'metrics/load/';
const keyOf = (ns: string, resource: string, name: string) => `${PREFIX}${ns}/${resource}/${name}`;

export function setLoad(store: Store, l: LoadRecord): void {
  if (l.milli <= 0) store.deleteRecord(keyOf(l.namespace, l.resource, l.name));
  else store.setRecord(keyOf(l.namespace, l.resource, l.name), l);
}

export function loads(store: Store): LoadRecord[] {
  return store.recordsWithPrefix(PREFIX).map(([, v]) => v as LoadRecord);
}
