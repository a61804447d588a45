// ImageLocality (plugins/imagelocality): prefer nodes that already have the pod's images,
// weighted by image size and by how widely the image is spread (avoids piling onto one node).
import type { Node, Pod } from '../../api/core-v1.ts';
import { lookupImage, parseImageRef, preloadedImages } from '../../containers/images.ts';
import { writeScores, type Cycle, type NodeInfo, type ScorePlugin } from '../framework.ts';

export const name = 'ImageLocality';
const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

let preloaded: ReadonlySet<string> | undefined;
/** Image sets by the kubelet's record (records are replaced, never mutated, so identity is a version). */
const setsByRecord = new WeakMap<readonly string[], ReadonlySet<string>>();

/** Record keys by node, built once (a key built per lookup is a new string to hash every time). */
const recordKeys = new Map<string, string>();
function recordKey(node: string): string {
  let k = recordKeys.get(node);
  if (k === undefined) recordKeys.set(node, (k = `kubelet/images/${node}`));
  return k;
}

function nodeImages(cycle: Cycle, node: string): ReadonlySet<string> {
  const rec = cycle.store.getRecord<string[]>(recordKey(node));
  if (!rec) return (preloaded ??= new Set(preloadedImages()));
  let s = setsByRecord.get(rec);
  if (!s) setsByRecord.set(rec, (s = new Set(rec)));
  return s;
}

/** nodeStatusUpdateFrequency: how often upstream's kubelet reports node.status.images, which imageStates are built from. */
export const IMAGE_STATES_REFRESH_MS = 10_000;

/** Up to this many nodes (a learner's cluster) image presence is read afresh every cycle; above, as of the last refresh. */
const FRESH_UP_TO_NODES = 20;

/** Which snapshot nodes hold an image (1 by node index), and how many. */
interface Held {
  nodes: Uint8Array;
  count: number;
}

/** Per snapshot: each image's holders, as of `at` (virtual ms). */
const presenceBySnapshot = new WeakMap<readonly Node[], { at: number; byImage: Map<string, Held> }>();

function read(cycle: Cycle, nodes: readonly Node[], image: string): Held {
  const held = Uint8Array.from(nodes, (n) => (nodeImages(cycle, n.metadata.name!).has(image) ? 1 : 0));
  return { nodes: held, count: held.reduce((a, b) => a + b, 0) };
}

/**
 * Which snapshot nodes hold an image (upstream's imageStates). Reading every node's image record
 * for every pod is what would cost most on a big cluster; upstream reads node.status.images,
 * which the kubelet reports every 10 s, so a view up to 10 s old is what a real scheduler sees.
 */
function presence(cycle: Cycle, image: string): Held {
  const nodes = cycle.snapshot!.nodes;
  if (nodes.length <= FRESH_UP_TO_NODES) return read(cycle, nodes, image);
  const now = cycle.now ?? 0;
  let p = presenceBySnapshot.get(nodes);
  if (!p || now - p.at >= IMAGE_STATES_REFRESH_MS) presenceBySnapshot.set(nodes, (p = { at: now, byImage: new Map() }));
  let h = p.byImage.get(image);
  if (!h) p.byImage.set(image, (h = read(cycle, nodes, image)));
  return h;
}

export function scoreAll(pod: Pod, feasible: readonly NodeInfo[], cycle: Cycle, out: Float64Array): void {
  const images = (pod.spec.containers ?? []).map((c) => parseImageRef(c.image ?? '')).filter((r) => r !== undefined);
  if (!images.length) {
    out.fill(0, 0, feasible.length);
    return;
  }
  const sizes = images.map((r) => lookupImage(r)?.sizeBytes ?? 0);
  const maxThreshold = MAX_CONTAINER_THRESHOLD * (pod.spec.containers?.length ?? 1);
  // scaledImageScore: size × the share of all nodes holding the image (avoids piling onto one node).
  const total = cycle.nodes.length;
  const idx = cycle.feasibleIndex;
  if (cycle.snapshot && idx) {
    const held = images.map((r) => presence(cycle, r.normalized));
    return scoreHeld(held, sizes, total, maxThreshold, idx, feasible.length, out);
  }
  const all = cycle.nodes.map((n) => nodeImages(cycle, n.metadata.name!));
  const spread = images.map((r) => all.filter((s) => s.has(r.normalized)).length);
  writeScores(out, feasible.map((info) => {
    const have = nodeImages(cycle, info.node.metadata.name!);
    let sum = 0;
    images.forEach((r, i) => {
      if (have.has(r.normalized)) sum += sizes[i]! * (spread[i]! / total);
    });
    return score(sum, maxThreshold);
  }));
}

/** The snapshot path: presence by node index, no image record read. */
function scoreHeld(held: readonly Held[], sizes: readonly number[], total: number, maxThreshold: number, idx: Int32Array, n: number, out: Float64Array): void {
  const none = score(0, maxThreshold);
  // No node holds any of the images (a new image): every node scores the same.
  if (held.every((h) => h.count === 0)) {
    out.fill(none, 0, n);
    return;
  }
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    let sum = 0;
    for (let m = 0; m < held.length; m++) if (held[m]!.nodes[i]) sum += sizes[m]! * (held[m]!.count / total);
    // Most nodes hold none of the pod's images: their score is the same, worked out once.
    out[k] = sum === 0 ? none : score(sum, maxThreshold);
  }
}

/** calculatePriority: the size sum clamped to [23 MB, 1000 MB × containers], scaled to 0..100. */
function score(sum: number, maxThreshold: number): number {
  const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), maxThreshold);
  return Math.floor((100 * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

export const plugin = { name, weight: 1, scoreAll } satisfies ScorePlugin;
