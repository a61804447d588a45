// FitError.Error() (pkg/scheduler/framework/types.go) plus the preemption PostFilter message:
// "0/3 nodes are available: <histogram>. preemption: 0/3 nodes are available: <histogram>.."
// Histogram entries are "<count> <reason>", sorted as strings, joined by ", ". A PreFilter
// rejection's message replaces the first histogram; a successful preemption adds no part.
import type { Status } from './framework.ts';

export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';
export const NO_NODES = 'no nodes available to schedule pods';

export function histogram(reasons: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort().join(', ');
}

/** `preemption: 0/N nodes are available: <histogram>.` from one reason per node. */
export function preemptionMessage(numNodes: number, perNode: string[]): string {
  return `preemption: 0/${numNodes} nodes are available: ${histogram(perNode)}.`;
}

/**
 * The FailedScheduling message. `postFilter` is the preemption part ('' when preemption
 * nominated a node); without it, preemption is assumed to have found no victims anywhere.
 */
export function fitErrorMessage(numNodes: number, statuses: Status[], postFilter?: string, preFilterMessage?: string): string {
  if (numNodes === 0) return NO_NODES;
  const reasons: string[] = [];
  const preemption: string[] = [];
  for (const s of statuses) {
    if (s.code === 'Success') continue;
    reasons.push(...s.reasons);
    preemption.push(s.code === 'UnschedulableAndUnresolvable' ? PREEMPTION_NOT_HELPFUL : NO_PREEMPTION_VICTIMS);
  }
  const post = postFilter ?? preemptionMessage(numNodes, preemption);
  return `0/${numNodes} nodes are available: ${preFilterMessage ?? histogram(reasons)}.${post ? ` ${post}.` : ''}`;
}
