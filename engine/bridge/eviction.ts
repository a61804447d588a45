// POST pods/NAME/eviction (policy/v1 Eviction): the API server's eviction (api.evict, which
// honours PodDisruptionBudgets), and POST pods/NAME/binding (the scheduler's call, also open
// to clients).
import type { KubeObject } from '../api/meta.ts';
import type { DeleteOptions } from '../apiserver/apiserver.ts';
import { badRequest } from '../apiserver/status.ts';
import type { Engine } from '../engine.ts';

export function evict(engine: Engine, namespace: string, name: string, body: KubeObject | undefined, dryRun: boolean): void {
  if (body?.metadata?.name && body.metadata.name !== name) throw badRequest('name in URL does not match name in Eviction object');
  const given = ((body as { deleteOptions?: DeleteOptions & { gracePeriodSeconds?: number; dryRun?: string[] } } | undefined)?.deleteOptions ?? {}) as DeleteOptions & { dryRun?: unknown };
  const opts: DeleteOptions = {};
  if (given.gracePeriodSeconds !== undefined) opts.gracePeriodSeconds = given.gracePeriodSeconds;
  if (dryRun || (Array.isArray(given.dryRun) && given.dryRun.includes('All'))) opts.dryRun = true;
  engine.api.evict(namespace, name, opts);
}

export function bindPod(engine: Engine, namespace: string, name: string, body: KubeObject | undefined): void {
  const target = (body as { target?: { name?: string } } | undefined)?.target?.name;
  if (!target) throw badRequest('Binding.target.name: Required value');
  engine.api.bind(namespace, name, target);
}
