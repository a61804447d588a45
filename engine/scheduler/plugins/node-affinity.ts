// NodeAffinity (plugins/nodeaffinity): spec.nodeSelector and the required node affinity terms
// (matchExpressions on labels, matchFields on metadata.name, as DaemonSet pods use) filter;
// the preferred terms' weights score (weight 2, normalised by the best node).
import type { Node, Pod } from '../../api/core-v1.ts';
import { SUCCESS, normalize, unschedulable, writeScores, type FilterPlugin, type NodeInfo, type ScorePlugin, type Status } from '../framework.ts';

export const name = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

interface Requirement { key: string; operator: string; values?: string[] }
interface Term { matchExpressions?: Requirement[]; matchFields?: Requirement[] }

function reqMatches(r: Requirement, value: string | undefined): boolean {
  const vals = r.values ?? [];
  switch (r.operator) {
    case 'In': return value !== undefined && vals.includes(value);
    case 'NotIn': return value === undefined || !vals.includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt': return value !== undefined && Number(value) > Number(vals[0]);
    case 'Lt': return value !== undefined && Number(value) < Number(vals[0]);
    default: return false;
  }
}

function termMatches(t: Term, node: Node): boolean {
  if (!t.matchExpressions?.length && !t.matchFields?.length) return false;
  const labels = node.metadata.labels ?? {};
  return (t.matchExpressions ?? []).every((r) => reqMatches(r, labels[r.key])) &&
    (t.matchFields ?? []).every((r) => reqMatches(r, r.key === 'metadata.name' ? node.metadata.name : undefined));
}

export function fits(pod: Pod, info: NodeInfo): Status {
  const labels = info.node.metadata.labels ?? {};
  const selector = pod.spec.nodeSelector;
  if (selector) for (const k in selector) if (labels[k] !== selector[k]) return unschedulable(name, [ERR_REASON_POD], true);
  const affinity = pod.spec.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: Term[] } } } | undefined;
  const terms = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && !terms.some((t) => termMatches(t, info.node))) return unschedulable(name, [ERR_REASON_POD], true);
  return SUCCESS;
}

interface Preferred { weight: number; preference: Term }

/** Σ weights of the preferred terms a node matches, normalised to 0..100. */
const preferred = (pod: Pod): Preferred[] =>
  ((pod.spec.affinity as { nodeAffinity?: { preferredDuringSchedulingIgnoredDuringExecution?: Preferred[] } } | undefined)
    ?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution) ?? [];

export function scoreAll(pod: Pod, all: readonly NodeInfo[], _cycle: unknown, out: Float64Array): void {
  const prefs = preferred(pod);
  writeScores(out, all.map((n) => prefs.reduce((acc, p) => acc + (termMatches(p.preference, n.node) ? p.weight : 0), 0)));
  normalize(out, all.length);
}

/** PreScore Skip: without preferred terms every node scores 0. */
const skipScore = (pod: Pod) => preferred(pod).length === 0;

export const plugin = { name, filter: fits, weight: 2, scoreAll, skipScore } satisfies FilterPlugin & ScorePlugin;
