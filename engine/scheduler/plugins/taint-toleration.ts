// TaintToleration (plugins/tainttoleration): NoSchedule/NoExecute taints must be tolerated
// (filter); untolerated PreferNoSchedule taints lower the score (weight 3).
import type { Pod, Taint, Toleration } from '../../api/core-v1.ts';
import { SUCCESS, normalize, unschedulable, type Cycle, type FilterPlugin, type NodeInfo, type ScorePlugin, type Status } from '../framework.ts';

export const name = 'TaintToleration';

/** `node(s) had untolerated taint {key: value}` (an empty value prints as `{key: }`). */
export function untoleratedReason(t: Taint): string {
  return `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;
}

/** v1.Toleration.ToleratesTaint */
export function tolerates(tol: Toleration, taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.key && tol.key !== taint.key) return false;
  const op = tol.operator ?? 'Equal';
  if (op === 'Exists') return true;
  return (tol.value ?? '') === (taint.value ?? '');
}

export function fits(pod: Pod, info: NodeInfo): Status {
  const tols = pod.spec.tolerations ?? [];
  for (const taint of info.node.spec?.taints ?? []) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tols.some((t) => tolerates(t, taint))) return unschedulable(name, [untoleratedReason(taint)], true);
  }
  return SUCCESS;
}

function intolerablePreferNoSchedule(tols: readonly Toleration[], info: NodeInfo): number {
  let n = 0;
  for (const t of info.node.spec?.taints ?? []) if (t.effect === 'PreferNoSchedule' && !tols.some((x) => tolerates(x, t))) n++;
  return n;
}

/** Raw count, normalised in reverse across nodes (fewest untolerated taints = 100). */
export function scoreAll(pod: Pod, all: readonly NodeInfo[], cycle: Cycle | undefined, out: Float64Array): void {
  const tols = (pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  // The snapshot knows which nodes have such taints at all: skip reading the others.
  const flagged = cycle?.snapshot?.preferNoSchedule;
  const idx = cycle?.feasibleIndex;
  // No node has a PreferNoSchedule taint (the usual case): every raw count is 0, every score 100.
  if (flagged && idx && cycle.snapshot!.preferNoScheduleCount === 0) {
    out.fill(100, 0, all.length);
    return;
  }
  for (let k = 0; k < all.length; k++) {
    const i = idx ? idx[k]! : all[k]!.index;
    out[k] = flagged && i !== undefined && !flagged[i] ? 0 : intolerablePreferNoSchedule(tols, all[k]!);
  }
  normalize(out, all.length, true);
}

export const plugin = { name, filter: fits, weight: 3, scoreAll } satisfies FilterPlugin & ScorePlugin;
