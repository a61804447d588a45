// POST pods/NAME/eviction (pkg/registry/core/pod/storage/eviction.go): a delete that honours
// PodDisruptionBudgets. A pod that is not running (Pending, Succeeded, Failed) or already
// terminating is deleted outright; otherwise its single matching PDB must allow a disruption,
// which is then spent (status.disruptionsAllowed - 1, the pod in status.disruptedPods) before
// the pod gets a DisruptionTarget condition and is deleted gracefully.
import type { KubeObject } from '../api/meta.ts';
import type { Pod } from '../api/core-v1.ts';
import { selectorMatches } from '../api/labels.ts';
import type { PodDisruptionBudget } from '../controllers/disruption.ts';
import type { ApiServer, DeleteOptions } from './apiserver.ts';
import { ApiError } from './status.ts';

export const PDB_VIOLATION_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";
export const MULTIPLE_PDBS_MESSAGE = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';

function tooManyRequests(cause?: string): ApiError {
  return new ApiError({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 429, reason: 'TooManyRequests', message: PDB_VIOLATION_MESSAGE,
    ...(cause ? { details: { causes: [{ reason: 'DisruptionBudget', message: cause }] } } : {}),
  });
}

export function evictPod(api: ApiServer, namespace: string, name: string, opts: DeleteOptions = {}): void {
  const pod = api.get<Pod>('pods', namespace, name);
  const phase = pod.status?.phase;
  const ignorePDB = phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
  if (!ignorePDB) {
    const pdbs = api.list<PodDisruptionBudget>('poddisruptionbudgets.policy', namespace).filter((b) => selectorMatches(b.spec?.selector, pod.metadata.labels));
    if (pdbs.length > 1)
      throw new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500, reason: 'InternalError', message: MULTIPLE_PDBS_MESSAGE });
    const pdb = pdbs[0];
    if (pdb) {
      const st = pdb.status ?? {};
      const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      // IfHealthyBudget: an unready pod may go while the budget is otherwise met.
      const unhealthyOk = !ready && (st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0;
      if (!unhealthyOk) {
        if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) throw tooManyRequests('The disruption budget ' + pdb.metadata.name + ' is still being processed by the server.');
        if ((st.disruptionsAllowed ?? 0) <= 0)
          throw tooManyRequests(`The disruption budget ${pdb.metadata.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`);
        if (!opts.dryRun) {
          const next = structuredClone(pdb) as PodDisruptionBudget;
          const s = (next.status ??= {});
          s.disruptionsAllowed = (s.disruptionsAllowed ?? 0) - 1;
          s.disruptedPods = { ...(s.disruptedPods ?? {}), [name]: api.clock.nowRFC3339() };
          api.updateStatus('poddisruptionbudgets.policy', next as KubeObject);
        }
      }
    }
  }
  if (!opts.dryRun && !pod.metadata.deletionTimestamp) {
    const next = structuredClone(pod);
    const conds = (next.status ??= {}).conditions ??= [];
    if (!conds.some((c) => c.type === 'DisruptionTarget')) {
      conds.push({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: api.clock.nowRFC3339(), reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
      api.updateStatus('pods', next);
    }
  }
  api.delete('pods', namespace, name, opts);
}
