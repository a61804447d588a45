// What the ReplicaSet controller asks of every pod it owns on every sync (its controller's uid,
// active, ready, whether its labels match the selector and carry the template's labels),
// remembered per pod version. A stored pod is frozen, so a pod object *is* a version and its
// facts stay true; the WeakMap forgets them with the version. Unfrozen pods (test fixtures)
// and unfrozen selectors are never remembered.
import type { Pod } from '../api/core-v1.ts';
import { matches, type Selector } from '../api/labels.ts';
import { controllerOf } from './controller.ts';
import { isPodActive, isPodReady } from './pod-util.ts';

export class PodFacts {
  readonly controllerUid: string | undefined;
  readonly active: boolean;
  readonly ready: boolean;
  /** The last selector asked about (a stored LabelSelector, by identity) and the answer. */
  selectorKey: object | undefined = undefined;
  selected = false;
  /** The last template labels asked about (by identity) and the answer. */
  labelsKey: object | undefined = undefined;
  labeled = false;

  constructor(p: Pod) {
    this.controllerUid = controllerOf(p)?.uid;
    this.active = isPodActive(p);
    this.ready = isPodReady(p);
  }
}

const cache = new WeakMap<Pod, PodFacts>();

export function podFacts(p: Pod): PodFacts {
  let f = cache.get(p);
  if (!f) {
    f = new PodFacts(p);
    if (Object.isFrozen(p)) cache.set(p, f);
  }
  return f;
}

/** matches(sel, labels), remembered per pod version for the stored selector `key` that `sel` was built from. */
export function podSelected(p: Pod, f: PodFacts, key: object, sel: Selector): boolean {
  if (f.selectorKey === key) return f.selected;
  const selected = matches(sel, p.metadata.labels);
  if (Object.isFrozen(key)) {
    f.selectorKey = key;
    f.selected = selected;
  }
  return selected;
}

/** Whether the pod carries every template label (`labels` are the template's, as entries), remembered per version. */
export function podLabeled(p: Pod, f: PodFacts, key: object, labels: [string, string][]): boolean {
  if (f.labelsKey === key) return f.labeled;
  let labeled = true;
  for (const [k, v] of labels) if (p.metadata.labels?.[k] !== v) labeled = false;
  if (Object.isFrozen(key)) {
    f.labelsKey = key;
    f.labeled = labeled;
  }
  return labeled;
}
