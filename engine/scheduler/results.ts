// Why the scheduler did what it did, per pod: each plugin's verdict and score per node, kept
// as a sim-private record (`scheduler/results/<podUID>`) for the inspector. Never written to
// the Pod, so `kubectl get pod -o yaml` stays what a real cluster shows.
import type { Store } from '../store/store.ts';
import type { Status } from './framework.ts';

export interface NodeResult {
  node: string;
  /** The failing filter's verdict, if any (upstream stops at the first failure). */
  filters: { plugin: string; status: Status }[];
  /** How many filters (in profile order) passed before that. */
  passed: number;
  /** Each score plugin's score, in the profile's score order (SCORERS; 0 for one that was skipped). */
  scores?: number[];
  total?: number;
}

export interface SchedulingResult {
  pod: string;
  at: number;
  /** One row per recorded node, in the order they were visited (the selected node's last if it was not among them). */
  nodes: NodeResult[];
  selected?: string;
  message?: string;
  /** Nodes evaluated but not kept (only the first MAX_RECORDED_NODES, or LARGE_CLUSTER_RECORDED_NODES on a bigger cluster, are kept to bound memory). */
  omitted?: number;
}

/**
 * Every node's verdicts are kept on a cluster of up to this many nodes (a learner's cluster); a
 * record per pod of every node of a 100-node cluster would be most of the heap a pod costs.
 */
export const MAX_RECORDED_NODES = 20;
/** Above MAX_RECORDED_NODES nodes, only this many visited nodes (and the selected one) are kept per pod. */
export const LARGE_CLUSTER_RECORDED_NODES = 10;

export const resultKey = (podUID: string) => `scheduler/results/${podUID}`;

export function recordResult(store: Store, podUID: string, r: SchedulingResult): void {
  store.setRecord(resultKey(podUID), r);
}

/** The pod is gone: so is the record of why it went where it went. */
export function forgetResult(store: Store, podUID: string): void {
  store.deleteRecord(resultKey(podUID));
}

export function readResult(store: Store, podUID: string): SchedulingResult | undefined {
  return store.getRecord<SchedulingResult>(resultKey(podUID));
}
