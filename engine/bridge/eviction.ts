// POST pods/NAME/eviction (policy/v1 Eviction): a delete that respects PodDisruptionBudgets,
// and POST pods/NAME/binding (the scheduler's call, also open to clients).
import type { KubeObject } from '../api/meta.ts';
import { selectorMatches } from '../api/labels.ts';
import type { DeleteOptions } from '../apiserver/apiserver.ts';
import { ApiError, badRequest } from '../apiserver/status.ts';
import type { Engine } from '../engine.ts';

interface Pdb extends KubeObject {
  spec?: { selector?: never };
  status?: { disruptionsAllowed?: number };
}

export function evict(engine: Engine, namespace: string, name: string, body: KubeObject | undefined, dryRun: boolean): void {
  const pod = engine.api.get('pods', namespace, name);
  if (body?.metadata?.name && body.metadata.name !== name)
    throw badRequest(`name in URL does not match name in Eviction object`);
  const pdbs = engine.api.list<Pdb>('poddisruptionbudgets.policy', namespace).filter((p) => selectorMatches(p.spec?.selector, pod.metadata.labels));
  if (pdbs.length > 1)
    throw new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500, reason: 'InternalError', message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' });
  const pdb = pdbs[0];
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  if (pdb && phase === 'Running' && (pdb.status?.disruptionsAllowed ?? 0) < 1)
    throw new ApiError({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 429, reason: 'TooManyRequests',
      message: 'Cannot evict pod as it would violate the pod\'s disruption budget.',
      details: { causes: [{ reason: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata.name} needs ${(pdb.status as { desiredHealthy?: number } | undefined)?.desiredHealthy ?? 0} healthy pods and has ${(pdb.status as { currentHealthy?: number } | undefined)?.currentHealthy ?? 0} currently` }] },
    });
  const opts = ((body as { deleteOptions?: DeleteOptions } | undefined)?.deleteOptions ?? {}) as DeleteOptions;
  engine.api.delete('pods', namespace, name, { ...(opts.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {}), dryRun });
}

export function bindPod(engine: Engine, namespace: string, name: string, body: KubeObject | undefined): void {
  const target = (body as { target?: { name?: string } } | undefined)?.target?.name;
  if (!target) throw badRequest('Binding.target.name: Required value');
  engine.api.bind(namespace, name, target);
}
