// ControllerRevisions (pkg/controller/history): the template history of StatefulSets (and
// DaemonSets) as `<owner>-<hash>` objects with a revision number; the newest matching one is
// reused (and renumbered) on rollback, as history.FindEqualRevisions + the controllers do.
import type { PodTemplateSpec } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import type { ReconcileContext } from './controller.ts';
import { listOwnedBy } from './listers.ts';
import { computeHash } from './pod-template-hash.ts';

export const HASH_LABEL = 'controller.kubernetes.io/hash';

export type ControllerRevision = KubeObject & { data: unknown; revision: number };

/** The patch a StatefulSet/DaemonSet records: the whole template, replacing. */
function dataFor(template: PodTemplateSpec): unknown {
  return { spec: { template: { ...structuredClone(template), $patch: 'replace' } } };
}

export function listRevisions(cx: ReconcileContext, owner: KubeObject): ControllerRevision[] {
  return listOwnedBy<ControllerRevision>(cx.api, 'controllerrevisions.apps', owner.metadata.namespace, owner.metadata.uid!)
    .filter((r) => r.metadata.ownerReferences?.some((o) => o.controller && o.uid === owner.metadata.uid))
    .sort((a, b) => a.revision - b.revision || (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

/** Finds or creates the revision for `template`; returns it with the full, sorted history. */
export function ensureRevision(cx: ReconcileContext, owner: KubeObject, template: PodTemplateSpec): { current: ControllerRevision; history: ControllerRevision[] } {
  const history = listRevisions(cx, owner);
  const hash = computeHash(template);
  const name = `${owner.metadata.name}-${hash}`;
  const max = history.reduce((m, r) => Math.max(m, r.revision), 0);
  const same = history.find((r) => r.metadata.name === name);
  if (same) {
    if (same.revision === max) return { current: same, history };
    const next = structuredClone(same);
    next.revision = max + 1;
    const updated = cx.api.update<ControllerRevision>('controllerrevisions.apps', next).object;
    return { current: updated, history: listRevisions(cx, owner) };
  }
  const kind = owner.kind;
  const cr: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: owner.metadata.namespace!,
      labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash },
      ownerReferences: [{ apiVersion: owner.apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    data: dataFor(template),
    revision: max + 1,
  };
  const created = cx.api.create<ControllerRevision>('controllerrevisions.apps', owner.metadata.namespace, cr).object;
  return { current: created, history: [...history, created] };
}

/** Keeps at most `limit` revisions not in `live` (oldest deleted first). */
export function truncateHistory(cx: ReconcileContext, history: ControllerRevision[], live: Set<string>, limit: number): void {
  const dead = history.filter((r) => !live.has(r.metadata.name!));
  for (const r of dead.slice(0, Math.max(0, dead.length - limit))) cx.api.delete('controllerrevisions.apps', r.metadata.namespace, r.metadata.name!);
}
