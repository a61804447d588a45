// ImageLocality (plugins/imagelocality): prefer nodes that already have the pod's images,
// weighted by image size and by how widely the image is spread (avoids piling onto one node).
import type { Pod } from '../../api/core-v1.ts';
import { lookupImage, parseImageRef, preloadedImages } from '../../containers/images.ts';
import type { Cycle, NodeInfo, ScorePlugin } from '../framework.ts';

export const name = 'ImageLocality';
const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

let preloaded: ReadonlySet<string> | undefined;
/** Image sets by the kubelet's record (records are replaced, never mutated, so identity is a version). */
const setsByRecord = new WeakMap<readonly string[], ReadonlySet<string>>();

function nodeImages(cycle: Cycle, node: string): ReadonlySet<string> {
  const rec = cycle.store.getRecord<string[]>(`kubelet/images/${node}`);
  if (!rec) return (preloaded ??= new Set(preloadedImages()));
  let s = setsByRecord.get(rec);
  if (!s) setsByRecord.set(rec, (s = new Set(rec)));
  return s;
}

export function scoreAll(pod: Pod, feasible: readonly NodeInfo[], cycle: Cycle): number[] {
  const images = (pod.spec.containers ?? []).map((c) => parseImageRef(c.image ?? '')).filter((r) => r !== undefined);
  if (!images.length) return feasible.map(() => 0);
  // Spread = share of nodes holding the image (upstream's imageStates). On big clusters count it
  // over the nodes being scored (a sample, as percentageOfNodesToScore samples) to stay O(sample).
  const pool = cycle.nodes.length <= 100 ? cycle.nodes : feasible.map((f) => f.node);
  const total = pool.length;
  const spread = images.map((r) => pool.filter((n) => nodeImages(cycle, n.metadata.name!).has(r.normalized)).length);
  const maxThreshold = MAX_CONTAINER_THRESHOLD * (pod.spec.containers?.length ?? 1);
  return feasible.map((info) => {
    const have = nodeImages(cycle, info.node.metadata.name!);
    let sum = 0;
    images.forEach((r, i) => {
      if (have.has(r.normalized)) sum += (lookupImage(r)?.sizeBytes ?? 0) * (spread[i]! / total);
    });
    const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), maxThreshold);
    return Math.floor((100 * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
  });
}

export const plugin = { name, weight: 1, scoreAll } satisfies ScorePlugin;
