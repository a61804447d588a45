// DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): pods tolerate
// not-ready and unreachable nodes for 300 s unless they already say otherwise.
import type { Pod, Toleration } from '../../api/core-v1.ts';
import { deepFreeze } from '../../store/store.ts';
import { isPod, type AdmissionPlugin } from './admission.ts';

export const DEFAULT_TOLERATION_SECONDS = 300;
/**
 * The tolerations added, frozen and shared by every pod (most pods get both, as this very list):
 * stored objects are never changed in place, and the store skips frozen parts.
 */
const DEFAULT_TOLERATIONS: readonly Toleration[] = deepFreeze(
  ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].map((key) => ({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: DEFAULT_TOLERATION_SECONDS })),
);

function tolerates(tols: Toleration[], key: string): boolean {
  return tols.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
}

export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(req) {
    if (req.operation !== 'CREATE' || !isPod(req)) return;
    const pod = req.object as Pod;
    if (!pod.spec || typeof pod.spec !== 'object') return;
    const tols = pod.spec.tolerations ?? [];
    if (tols.length === 0) {
      pod.spec.tolerations = DEFAULT_TOLERATIONS as Toleration[];
      return;
    }
    const add = DEFAULT_TOLERATIONS.filter((t) => !tolerates(tols, t.key!));
    if (add.length) pod.spec.tolerations = [...tols, ...add];
  },
};
