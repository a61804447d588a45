// ImageLocality (plugins/imagelocality): prefer nodes that already have the pod's images,
// weighted by image size and by how widely the image is spread (avoids piling onto one node).
import type { Node, Pod } from '../../api/core-v1.ts';
import { lookupImage, parseImageRef, preloadedImages } from '../../containers/images.ts';
import type { Cycle, NodeInfo, ScorePlugin } from '../framework.ts';

export const name = 'ImageLocality';
const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

let preloaded: ReadonlySet<string> | undefined;
/** Image sets by the kubelet's record (records are replaced, never mutated, so identity is a version). */
const setsByRecord = new WeakMap<readonly string[], ReadonlySet<string>>();

const recordKey = (node: string) => `kubelet/images/${node}`;

function nodeImages(cycle: Cycle, node: string): ReadonlySet<string> {
  const rec = cycle.store.getRecord<string[]>(recordKey(node));
  if (!rec) return (preloaded ??= new Set(preloadedImages()));
  let s = setsByRecord.get(rec);
  if (!s) setsByRecord.set(rec, (s = new Set(rec)));
  return s;
}

/** nodeStatusUpdateFrequency: how often upstream's kubelet reports node.status.images, which imageStates are built from. */
export const IMAGE_STATES_REFRESH_MS = 10_000;

/** Above this many nodes, image presence is read as of the last refresh (see below). */
const EXACT_UP_TO_NODES = 100;

/** Per snapshot: for each image, 1 where the node holds it, as of `at` (virtual ms). */
const presenceBySnapshot = new WeakMap<readonly Node[], { at: number; byImage: Map<string, Uint8Array> }>();

/**
 * Which snapshot nodes hold an image. Reading every node's image record for every pod is what a
 * 500-node sample would cost on a big cluster; upstream reads node.status.images, which the
 * kubelet reports every 10 s, so a view up to 10 s old is what a real scheduler sees too.
 */
function presence(cycle: Cycle, image: string): Uint8Array {
  const nodes = cycle.snapshot!.nodes;
  const now = cycle.now ?? 0;
  let p = presenceBySnapshot.get(nodes);
  if (!p || now - p.at >= IMAGE_STATES_REFRESH_MS) presenceBySnapshot.set(nodes, (p = { at: now, byImage: new Map() }));
  let a = p.byImage.get(image);
  if (!a) p.byImage.set(image, (a = Uint8Array.from(nodes, (n) => (nodeImages(cycle, n.metadata.name!).has(image) ? 1 : 0))));
  return a;
}

export function scoreAll(pod: Pod, feasible: readonly NodeInfo[], cycle: Cycle): ArrayLike<number> {
  const images = (pod.spec.containers ?? []).map((c) => parseImageRef(c.image ?? '')).filter((r) => r !== undefined);
  if (!images.length) return feasible.map(() => 0);
  const sizes = images.map((r) => lookupImage(r)?.sizeBytes ?? 0);
  const maxThreshold = MAX_CONTAINER_THRESHOLD * (pod.spec.containers?.length ?? 1);
  // Spread = share of nodes holding the image (upstream's imageStates). On big clusters count it
  // over the nodes being scored (a sample, as percentageOfNodesToScore samples) to stay O(sample).
  const idx = cycle.feasibleIndex;
  if (cycle.nodes.length > EXACT_UP_TO_NODES && cycle.snapshot && idx) {
    const held = images.map((r) => presence(cycle, r.normalized));
    const spread = held.map((a) => {
      let n = 0;
      for (let k = 0; k < idx.length; k++) n += a[idx[k]!]!;
      return n;
    });
    const out = new Array<number>(idx.length);
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k]!;
      let sum = 0;
      for (let m = 0; m < images.length; m++) if (held[m]![i]) sum += sizes[m]! * (spread[m]! / feasible.length);
      out[k] = score(sum, maxThreshold);
    }
    return out;
  }
  // Small cluster: every node's images, read once (a feasible snapshot node reuses its entry).
  const all = cycle.nodes.length <= EXACT_UP_TO_NODES ? cycle.nodes.map((n) => nodeImages(cycle, n.metadata.name!)) : undefined;
  const have = feasible.map((info) => (all && info.index !== undefined && cycle.snapshot ? all[info.index]! : nodeImages(cycle, info.node.metadata.name!)));
  const pool = all ?? have;
  const spread = images.map((r) => pool.filter((s) => s.has(r.normalized)).length);
  return feasible.map((_, k) => {
    let sum = 0;
    images.forEach((r, i) => {
      if (have[k]!.has(r.normalized)) sum += sizes[i]! * (spread[i]! / pool.length);
    });
    return score(sum, maxThreshold);
  });
}

/** calculatePriority: the size sum clamped to [23 MB, 1000 MB × containers], scaled to 0..100. */
function score(sum: number, maxThreshold: number): number {
  const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), maxThreshold);
  return Math.floor((100 * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

export const plugin = { name, weight: 1, scoreAll } satisfies ScorePlugin;
