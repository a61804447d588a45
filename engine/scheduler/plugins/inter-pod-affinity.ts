// InterPodAffinity (plugins/interpodaffinity): required pod affinity (some matching pod in the
// node's topology domain, or none anywhere if the pod matches its own term), required
// anti-affinity (no matching pod in the domain), existing pods' required anti-affinity against
// this pod; preferred terms score by weight (anti-affinity negative), normalised min..max.
import type { Pod } from '../../api/core-v1.ts';
import { selectorMatches } from '../../api/labels.ts';
import type { LabelSelector } from '../../api/meta.ts';
import { SUCCESS, unschedulable, writeScores, type Cycle, type FilterPlugin, type NodeInfo, type ScorePlugin, type Status } from '../framework.ts';

export const name = 'InterPodAffinity';
export const ERR_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

export interface Term {
  labelSelector?: LabelSelector;
  topologyKey: string;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
}
interface Weighted { weight: number; podAffinityTerm: Term }
interface Affinity {
  podAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: Term[]; preferredDuringSchedulingIgnoredDuringExecution?: Weighted[] };
  podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: Term[]; preferredDuringSchedulingIgnoredDuringExecution?: Weighted[] };
}

export function affinityOf(pod: Pod): Affinity {
  return (pod.spec?.affinity ?? {}) as Affinity;
}

export function hasRequiredAntiAffinity(pod: Pod): boolean {
  return !!affinityOf(pod).podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length;
}

/** Does `target` fall under `term` declared by `owner`? (namespaces default to the owner's). */
function termMatches(term: Term, owner: Pod, target: Pod): boolean {
  const nsSel = term.namespaceSelector;
  const anyNs = nsSel && !nsSel.matchLabels && !nsSel.matchExpressions;
  if (!anyNs) {
    const nss = term.namespaces?.length ? term.namespaces : nsSel ? [] : [owner.metadata.namespace!];
    if (!nss.includes(target.metadata.namespace!)) return false;
  }
  return selectorMatches(term.labelSelector, target.metadata.labels);
}

interface Prepared {
  /** Per required affinity term: topology values holding a matching pod. */
  affinity: Set<string>[];
  anyAffinityMatch: boolean;
  antiAffinity: Set<string>[];
  /** topologyKey=value pairs where an existing pod's anti-affinity forbids this pod. */
  existing: Set<string>;
}

/** Topology value of a node for a key. */
function topo(cycle: Cycle, node: string, key: string): string | undefined {
  return cycle.nodes.find((n) => n.metadata.name === node)?.metadata.labels?.[key];
}

function prepare(pod: Pod, cycle: Cycle): Prepared {
  if (cycle.memo.has(name)) return cycle.memo.get(name) as Prepared;
  const a = affinityOf(pod);
  const req = a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const anti = a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const p: Prepared = { affinity: req.map(() => new Set()), anyAffinityMatch: false, antiAffinity: anti.map(() => new Set()), existing: new Set() };
  const withAnti = (cycle.memo.get('antiAffinityPods') as (() => readonly Pod[]) | undefined)?.() ?? [];
  // Most pods have no terms and no pod around them has anti-affinity: skip the node index then.
  if (!req.length && !anti.length && !withAnti.length) {
    cycle.memo.set(name, p);
    return p;
  }
  const nodeLabels = new Map(cycle.nodes.map((n) => [n.metadata.name!, n.metadata.labels ?? {}]));
  if (req.length || anti.length) {
    for (const q of cycle.boundPods()) {
      const labels = nodeLabels.get(q.spec.nodeName!) ?? {};
      req.forEach((t, i) => {
        if (!termMatches(t, pod, q)) return;
        p.anyAffinityMatch = true;
        if (labels[t.topologyKey] !== undefined) p.affinity[i]!.add(labels[t.topologyKey]!);
      });
      anti.forEach((t, i) => {
        if (termMatches(t, pod, q) && labels[t.topologyKey] !== undefined) p.antiAffinity[i]!.add(labels[t.topologyKey]!);
      });
    }
  }
  for (const q of withAnti) {
    for (const t of affinityOf(q).podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (!termMatches(t, q, pod)) continue;
      const v = nodeLabels.get(q.spec.nodeName!)?.[t.topologyKey];
      if (v !== undefined) p.existing.add(`${t.topologyKey}=${v}`);
    }
  }
  cycle.memo.set(name, p);
  return p;
}

export function fits(pod: Pod, info: NodeInfo, cycle: Cycle): Status {
  const p = prepare(pod, cycle);
  const labels = info.node.metadata.labels ?? {};
  const a = affinityOf(pod);
  const req = a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  if (req.length) {
    const ok = req.every((t, i) => labels[t.topologyKey] !== undefined && p.affinity[i]!.has(labels[t.topologyKey]!));
    // The first pod of a group that matches its own affinity may go anywhere with the keys.
    const self = !p.anyAffinityMatch && req.every((t) => termMatches(t, pod, pod) && labels[t.topologyKey] !== undefined);
    if (!ok && !self) return unschedulable(name, [ERR_AFFINITY], true);
  }
  const anti = a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  for (let i = 0; i < anti.length; i++) {
    const v = labels[anti[i]!.topologyKey];
    if (v !== undefined && p.antiAffinity[i]!.has(v)) return unschedulable(name, [ERR_ANTI_AFFINITY]);
  }
  for (const kv of p.existing) {
    const i = kv.indexOf('=');
    if (labels[kv.slice(0, i)] === kv.slice(i + 1)) return unschedulable(name, [ERR_EXISTING_ANTI_AFFINITY]);
  }
  return SUCCESS;
}

export function scoreAll(pod: Pod, feasible: readonly NodeInfo[], cycle: Cycle, out: Float64Array): void {
  const a = affinityOf(pod);
  const prefs = [
    ...(a.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({ ...w, sign: 1 })),
    ...(a.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({ ...w, sign: -1 })),
  ];
  if (!prefs.length) return writeScores(out, feasible.map(() => 0));
  // Σ weight per topology value, over every bound pod matching each term.
  const byTerm = prefs.map(() => new Map<string, number>());
  for (const q of cycle.boundPods())
    prefs.forEach((w, i) => {
      if (!termMatches(w.podAffinityTerm, pod, q)) return;
      const v = topo(cycle, q.spec.nodeName!, w.podAffinityTerm.topologyKey);
      if (v !== undefined) byTerm[i]!.set(v, (byTerm[i]!.get(v) ?? 0) + w.sign * w.weight);
    });
  const raw = feasible.map((info) => prefs.reduce((acc, w, i) => {
    const v = info.node.metadata.labels?.[w.podAffinityTerm.topologyKey];
    return acc + (v === undefined ? 0 : byTerm[i]!.get(v) ?? 0);
  }, 0));
  const max = Math.max(...raw);
  const min = Math.min(...raw);
  writeScores(out, raw.map((s) => (max === min ? 0 : Math.floor((100 * (s - min)) / (max - min)))));
}

/** PreFilter Skip: no required terms of the pod's own and no existing pod's anti-affinity against it. */
function skip(pod: Pod, cycle: Cycle): boolean {
  const p = prepare(pod, cycle);
  const a = affinityOf(pod);
  return !a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length &&
    !a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length && p.existing.size === 0;
}

/** PreScore Skip: without preferred terms every node scores 0. */
function skipScore(pod: Pod): boolean {
  const a = affinityOf(pod);
  return !a.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length && !a.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length;
}

export const plugin = { name, filter: fits, weight: 2, scoreAll, skip, skipScore } satisfies FilterPlugin & ScorePlugin;
