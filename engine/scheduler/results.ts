// Why the scheduler did what it did, per pod: each plugin's verdict and score per node, kept
// as a sim-private record (`scheduler/results/<podUID>`) for the inspector. Never written to
// the Pod, so `kubectl get pod -o yaml` stays what a real cluster shows.
//
// Stored as columns (node names, filters passed, the scores of the nodes that passed, in one
// list each), not as an object with a filter list and a score list per node: a record lives
// as long as its pod, and rows cost three times the memory (3 KB of the ~14 KB a pod costs at
// 10,000 replicas). readResult gives rows back.
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

/** One recorded node's failing filter. */
interface Failure {
  row: number;
  plugin: string;
  status: Status;
}

/** The stored form: a SchedulingResult's rows as columns. */
interface PackedResult {
  pod: string;
  at: number;
  /** Recorded nodes, in visit order. */
  nodes: string[];
  /** Per recorded node: filters passed (all of them when it was feasible). */
  passed: number[];
  failures: Failure[];
  /** For each recorded node that passed every filter, in row order: its score per plugin, then its total. */
  scores: number[];
  /** How many numbers each feasible row has in `scores` (the score plugins + 1). */
  width: number;
  selected?: string;
  message?: string;
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

const NO_FAILURES: Failure[] = [];

/** The rows of one scheduling cycle, filled as it visits and scores nodes. */
export class ResultRows {
  readonly nodes: string[] = [];
  readonly passed: number[] = [];
  private failures: Failure[] = NO_FAILURES;
  private scores: number[] = [];

  /** @param width the score plugins + 1 (the total). */
  constructor(private readonly width: number) {}

  /** A new row for `node`; returns its index. */
  add(node: string, passed = 0): number {
    this.nodes.push(node);
    return this.passed.push(passed) - 1;
  }

  /** The row failed filter `plugin` after `passed` others passed. */
  fail(row: number, plugin: string, status: Status, passed: number): void {
    if (this.failures === NO_FAILURES) this.failures = [];
    this.failures.push({ row, plugin, status });
    this.passed[row] = passed;
  }

  /** The next feasible row's scores (score plugins in order, then the total). */
  pushScore(value: number): void {
    this.scores.push(value);
  }

  pack(pod: string, at: number, extra: { selected?: string; message?: string; omitted?: number }): PackedResult {
    // Built by assignment: a conditional spread in a literal is a slow path in V8 (megamorphic clone).
    // The scores copied to their exact length: the list grew by push and kept the slack.
    const r: PackedResult = { pod, at, nodes: this.nodes, passed: this.passed, failures: this.failures, scores: this.scores.slice(), width: this.width };
    if (extra.omitted) r.omitted = extra.omitted;
    if (extra.selected !== undefined) r.selected = extra.selected;
    if (extra.message !== undefined) r.message = extra.message;
    return r;
  }
}

export function recordResult(store: Store, podUID: string, rows: ResultRows, pod: string, at: number, extra: { selected?: string; message?: string; omitted?: number }): void {
  store.setRecord(resultKey(podUID), rows.pack(pod, at, extra));
}

/** The pod is gone: so is the record of why it went where it went. */
export function forgetResult(store: Store, podUID: string): void {
  store.deleteRecord(resultKey(podUID));
}

/** A record as rows, whichever form it was saved in (columns; rows; before that, rows by node name). */
export function readResult(store: Store, podUID: string): SchedulingResult | undefined {
  const r = store.getRecord<PackedResult | SchedulingResult | (Omit<SchedulingResult, 'nodes'> & { nodes: Record<string, Omit<NodeResult, 'node'>> })>(resultKey(podUID));
  if (!r) return undefined;
  if ('passed' in r && Array.isArray(r.passed)) return unpack(r);
  const nodes = r.nodes as NodeResult[] | Record<string, Omit<NodeResult, 'node'>>;
  if (Array.isArray(nodes)) return r as SchedulingResult;
  return { ...r, nodes: Object.entries(nodes).map(([node, n]) => ({ ...n, node })) };
}

function unpack(r: PackedResult): SchedulingResult {
  const failures = new Map(r.failures.map((f) => [f.row, f]));
  let k = 0;
  const nodes = r.nodes.map((node, row): NodeResult => {
    const failed = failures.get(row);
    const n: NodeResult = { node, filters: failed ? [{ plugin: failed.plugin, status: failed.status }] : [], passed: r.passed[row]! };
    // A row without a failure passed every filter: the next scores are its.
    if (!failed && k * r.width < r.scores.length) {
      const at = k++ * r.width;
      n.scores = r.scores.slice(at, at + r.width - 1);
      n.total = r.scores[at + r.width - 1]!;
    }
    return n;
  });
  const out: SchedulingResult = { pod: r.pod, at: r.at, nodes };
  if (r.selected !== undefined) out.selected = r.selected;
  if (r.message !== undefined) out.message = r.message;
  if (r.omitted) out.omitted = r.omitted;
  return out;
}
