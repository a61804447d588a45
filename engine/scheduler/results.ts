// Why the scheduler did what it did, per pod: each plugin's verdict and score per node, kept
// as a sim-private record (`scheduler/results/<podUID>`) for the inspector. Never written to
// the Pod, so `kubectl get pod -o yaml` stays what a real cluster shows.
import type { Store } from '../store/store.ts';
import type { Status } from './framework.ts';

export interface NodeResult {
  /** Filter verdicts in plugin order, up to the first failure (upstream stops there). */
  filters: { plugin: string; status: Status }[];
  scores?: Record<string, number>;
  total?: number;
}

export interface SchedulingResult {
  pod: string;
  at: number;
  nodes: Record<string, NodeResult>;
  selected?: string;
  message?: string;
}

export const resultKey = (podUID: string) => `scheduler/results/${podUID}`;

export function recordResult(store: Store, podUID: string, r: SchedulingResult): void {
  store.setRecord(resultKey(podUID), r);
}

export function readResult(store: Store, podUID: string): SchedulingResult | undefined {
  return store.getRecord<SchedulingResult>(resultKey(podUID));
}
