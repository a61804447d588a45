// DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): pods tolerate
// not-ready and unreachable nodes for 300 s unless they already say otherwise.
import type { Pod, Toleration } from '../../api/core-v1.ts';
import { isPod, type AdmissionPlugin } from './admission.ts';

export const DEFAULT_TOLERATION_SECONDS = 300;
const KEYS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

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
    const add: Toleration[] = [];
    for (const key of KEYS)
      if (!tolerates(tols, key)) add.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    if (add.length) pod.spec.tolerations = [...tols, ...add];
  },
};
