// kubectl rollout status|history|undo|pause|resume|restart (k8s.io/kubectl pkg/cmd/rollout and
// pkg/polymorphichelpers: status viewers, history viewers, rollbacker, pauser/resumer/restarter).
// Undo is client-side as upstream: the chosen ReplicaSet's template (minus pod-template-hash) is
// written back into the Deployment, which the controller then rolls out as a new revision.
import type { Deployment, ReplicaSet } from '../../api/apps-v1.ts';
import type { PodTemplateSpec } from '../../api/core-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import { resourceKey } from '../../apiserver/registry.ts';
import { ApiError } from '../../apiserver/status.ts';
import { listOwnedBy } from '../../controllers/listers.ts';
import { equalIgnoreHash } from '../../controllers/pod-template-hash.ts';
import { parseDuration } from '../../sim/duration.ts';
import { rfc3339 } from '../../time/clock.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf } from '../mutation.ts';
import { describePodTemplate } from '../printers/describe/common.ts';
import { DescribeWriter } from '../printers/describe/writer.ts';
import { tabwrite } from '../printers/tabwriter.ts';
import { kindPrefix, qualifiedPlural, resolveArgs, ResourceArgError } from '../resource-args.ts';
import { errorText } from '../server-errors.ts';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const REVISION = 'deployment.kubernetes.io/revision';
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
/** Deployment annotations a rollback keeps from the Deployment rather than the ReplicaSet. */
const SKIP_ON_ROLLBACK = new Set([
  'kubectl.kubernetes.io/last-applied-configuration', REVISION, 'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to',
]);

const COMMON = [
  { name: 'filename', short: 'f', type: 'stringSlice' as const },
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'recursive', short: 'R', type: 'bool' as const },
  { name: 'output', short: 'o', type: 'string' as const },
];

interface Target {
  key: string;
  kind: string;
  group: string;
  plural: string;
  name: string;
}

/** TYPE NAME / TYPE/NAME arguments, each resolved to one object (or -l over a type). */
function targets(cx: CommandContext): Target[] {
  const args = cx.flags.args;
  if (args.length === 0) {
    cx.err(`error: required resource not specified\n`);
    throw new CommandError('', undefined);
  }
  let resolved;
  try {
    resolved = resolveArgs(args).requests;
  } catch (e) {
    if (e instanceof ResourceArgError) throw new CommandError(e.message);
    throw e;
  }
  const out: Target[] = [];
  for (const r of resolved) {
    const key = resourceKey(r.type);
    let names = r.names;
    if (names.length === 0) {
      const sel = cx.flags.str('selector');
      if (!sel) throw new CommandError(`resource(s) were provided, but no name was specified`);
      names = cx.api.list(key, cx.namespace, { labelSelector: sel }).map((o) => o.metadata.name!);
    }
    for (const name of names) out.push({ key, kind: r.type.kind, group: r.type.group, plural: r.type.plural, name });
  }
  return out;
}

const typed = (t: Target) => `${kindPrefix(t)}/${t.name}`;

/** Runs `body` per target, printing server errors kubectl-style; exit 1 if any failed. */
async function each(cx: CommandContext, body: (t: Target) => Promise<void> | void): Promise<number> {
  let list: Target[];
  try {
    list = targets(cx);
  } catch (e) {
    if (e instanceof CommandError && e.message === '') return 1;
    throw e;
  }
  let failed = false;
  for (const t of list) {
    try {
      await body(t);
    } catch (e) {
      if (e instanceof ApiError) {
        cx.err(errorText(e));
        failed = true;
      } else if (e instanceof CommandError) {
        cx.err(`error: ${e.message}\n`);
        failed = true;
      } else throw e;
    }
  }
  return failed ? 1 : 0;
}

// Status viewers -------------------------------------------------------------------------------

interface Viewed {
  message: string;
  done: boolean;
}

function deploymentStatus(d: Deployment): Viewed {
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const cond = st.conditions?.find((c) => c.type === 'Progressing');
    if (cond?.reason === 'ProgressDeadlineExceeded') throw new CommandError(`deployment "${d.metadata.name}" exceeded its progress deadline`);
    const replicas = d.spec.replicas ?? 1;
    const updated = st.updatedReplicas ?? 0;
    const name = d.metadata.name;
    if (updated < replicas) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
    if ((st.replicas ?? 0) > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
    if ((st.availableReplicas ?? 0) < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
    return { message: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
}

function daemonSetStatus(ds: KubeObject): Viewed {
  const spec = ds['spec'] as { updateStrategy?: { type?: string } };
  if ((spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') throw new CommandError('rollout status is only available for RollingUpdate strategy type');
  const st = (ds['status'] ?? {}) as Record<string, number>;
  const name = ds.metadata.name;
  if ((ds.metadata.generation ?? 0) <= (st['observedGeneration'] ?? 0)) {
    const desired = st['desiredNumberScheduled'] ?? 0;
    const updated = st['updatedNumberScheduled'] ?? 0;
    if (updated < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`, done: false };
    if ((st['numberAvailable'] ?? 0) < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${st['numberAvailable'] ?? 0} of ${desired} updated pods are available...\n`, done: false };
    return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
  }
  return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
}

function statefulSetStatus(sts: KubeObject): Viewed {
  const spec = sts['spec'] as { replicas?: number; updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } } };
  const strategy = spec.updateStrategy?.type ?? 'RollingUpdate';
  if (strategy !== 'RollingUpdate') throw new CommandError('rollout status is only available for RollingUpdate strategy type');
  const st = (sts['status'] ?? {}) as Record<string, number | string>;
  const observed = Number(st['observedGeneration'] ?? 0);
  if (observed === 0 || (sts.metadata.generation ?? 0) > observed) return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = spec.replicas ?? 1;
  const ready = Number(st['readyReplicas'] ?? 0);
  const updated = Number(st['updatedReplicas'] ?? 0);
  if (ready < replicas) return { message: `Waiting for ${replicas - ready} pods to be ready...\n`, done: false };
  const partition = spec.updateStrategy?.rollingUpdate?.partition;
  if (partition !== undefined) {
    if (updated < replicas - partition)
      return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...\n`, done: false };
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if (st['updateRevision'] !== st['currentRevision'])
    return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${String(st['updateRevision'])}...\n`, done: false };
  return { message: `statefulset rolling update complete ${Number(st['currentReplicas'] ?? 0)} pods at revision ${String(st['currentRevision'])}...\n`, done: true };
}

function viewerFor(t: Target): (o: KubeObject) => Viewed {
  if (t.key === 'deployments.apps') return (o) => deploymentStatus(o as Deployment);
  if (t.key === 'daemonsets.apps') return daemonSetStatus;
  if (t.key === 'statefulsets.apps') return statefulSetStatus;
  throw new CommandError(`no status viewer has been implemented for ${t.kind}`);
}

const status: Command = {
  name: 'status',
  short: 'Show the status of the rollout',
  flags: [...COMMON, { name: 'watch', short: 'w', type: 'bool' }, { name: 'revision', type: 'int' }, { name: 'timeout', type: 'string' }],
  run: (cx) =>
    each(cx, async (t) => {
      const view = viewerFor(t);
      const watch = cx.flags.has('watch') ? cx.flags.bool('watch') : true;
      const timeoutMs = cx.flags.str('timeout') ? parseDuration(cx.flags.str('timeout')) ?? 0 : 0;
      const start = cx.now();
      let obj = cx.api.get(t.key, cx.namespace, t.name);
      if (t.key === 'deployments.apps' && cx.flags.has('revision')) {
        const want = cx.flags.int('revision', 0);
        const rev = Number(obj.metadata.annotations?.[REVISION] ?? 0);
        if (want > 0 && rev !== want) throw new CommandError(`desired revision (${want}) is different from the running revision (${rev})`);
      }
      let last = '';
      // Every change to the object is a watch event; the viewer's message is printed per event.
      const seen: KubeObject[] = [];
      const stop = cx.engine.store.watch((e) => {
        if (e.object.metadata.namespace === cx.namespace && e.object.metadata.name === t.name && e.type !== 'DELETED') seen.push(e.object);
      }, t.key);
      try {
        for (;;) {
          const v = view(obj);
          if (v.message !== last || v.done) cx.out(v.message);
          last = v.message;
          if (v.done || !watch) return;
          while (seen.length === 0) {
            if (cx.io.cancelled()) return;
            if (timeoutMs && cx.now() - start >= timeoutMs) throw new CommandError('timed out waiting for the condition');
            await cx.io.sleep(100);
          }
          obj = seen.shift()!;
        }
      } finally {
        stop();
      }
    }),
};

// History -------------------------------------------------------------------------------------

function ownedReplicaSets(cx: CommandContext, d: Deployment): ReplicaSet[] {
  return listOwnedBy<ReplicaSet>(cx.api, 'replicasets.apps', d.metadata.namespace, d.metadata.uid!).filter(
    (rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid),
  );
}

/** DaemonSets and StatefulSets keep their template history as ControllerRevisions. */
const REVISIONED = new Set(['daemonsets.apps', 'statefulsets.apps']);
type Revision = KubeObject & { revision: number; data?: { spec?: { template?: PodTemplateSpec & { $patch?: string } } } };

function controllerRevisions(cx: CommandContext, o: KubeObject): Revision[] {
  return listOwnedBy<Revision>(cx.api, 'controllerrevisions.apps', o.metadata.namespace, o.metadata.uid!)
    .filter((r) => r.metadata.ownerReferences?.some((x) => x.controller && x.uid === o.metadata.uid))
    .sort((a, b) => a.revision - b.revision);
}

/** The template a revision's patch (spec.template with $patch: replace) restores. */
function revisionTemplate(r: Revision): PodTemplateSpec {
  const tpl = structuredClone(r.data?.spec?.template ?? {}) as PodTemplateSpec & { $patch?: string };
  delete tpl.$patch;
  return tpl;
}

function canonicalJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJSON(o[k])}`).join(',')}}`;
}

/** DaemonSetHistoryViewer / StatefulSetHistoryViewer (printHistory). */
function revisionHistory(cx: CommandContext, t: Target): void {
  const o = cx.api.get(t.key, cx.namespace, t.name);
  const byRev = new Map<number, Revision>();
  for (const r of controllerRevisions(cx, o)) byRev.set(r.revision, r);
  const want = cx.flags.int('revision', 0);
  if (byRev.size === 0) {
    cx.out(`No rollout history found.\n`);
    return;
  }
  if (want > 0) {
    const r = byRev.get(want);
    if (!r) throw new CommandError(`unable to find the specified revision`);
    const w = new DescribeWriter();
    describePodTemplate(w, revisionTemplate(r));
    cx.out(`${typed(t)} with revision #${want}\n${w.toString()}\n`);
    return;
  }
  let table = 'REVISION\tCHANGE-CAUSE\n';
  for (const r of [...byRev.keys()].sort((a, b) => a - b)) table += `${r}\t${byRev.get(r)!.metadata.annotations?.[CHANGE_CAUSE] || '<none>'}\n`;
  cx.out(`${typed(t)} \n${tabwrite(table, { minwidth: 0, padding: 2 })}\n`);
}

/** DaemonSetRollbacker / StatefulSetRollbacker: the revision's patch applied to the object. */
function revisionUndo(cx: CommandContext, t: Target): void {
  const toRevision = cx.flags.int('to-revision', 0);
  if (toRevision < 0) throw new CommandError(`unable to find specified revision ${toRevision} in history`);
  const o = cx.api.get(t.key, cx.namespace, t.name);
  const history = controllerRevisions(cx, o);
  if (toRevision === 0 && history.length <= 1) throw new CommandError('no last revision to roll back to');
  const to = toRevision === 0 ? history[history.length - 2] : history.find((r) => r.revision === toRevision);
  if (!to) throw new CommandError(`unable to find specified revision ${toRevision} in history`);
  const dry = dryRunOf(cx);
  if (dry === 'client') {
    const w = new DescribeWriter();
    describePodTemplate(w, revisionTemplate(to));
    cx.out(`${typed(t)} ${w.toString()}`);
    return;
  }
  const current = (o['spec'] as { template: PodTemplateSpec }).template;
  if (canonicalJSON(current) === canonicalJSON(revisionTemplate(to))) {
    cx.out(`${typed(t)} skipped rollback (current template already matches revision ${toRevision})\n`);
    return;
  }
  cx.api.patch(t.key, cx.namespace, t.name, 'strategic', to.data ?? {}, { dryRun: dry === 'server' });
  cx.out(`${typed(t)} rolled back${dry === 'server' ? ' (server dry run)' : ''}\n`);
}

const revisionOf = (o: KubeObject) => Number(o.metadata.annotations?.[REVISION] ?? NaN);

const history: Command = {
  name: 'history',
  short: 'View rollout history',
  flags: [...COMMON, { name: 'revision', type: 'int' }, { name: 'show-managed-fields', type: 'bool' }],
  run: (cx) =>
    each(cx, (t) => {
      if (REVISIONED.has(t.key)) return revisionHistory(cx, t);
      if (t.key !== 'deployments.apps') throw new CommandError(`no history viewer has been implemented for ${t.kind}`);
      const d = cx.api.get<Deployment>(t.key, cx.namespace, t.name);
      const byRev = new Map<number, ReplicaSet>();
      for (const rs of ownedReplicaSets(cx, d)) {
        const r = revisionOf(rs);
        if (Number.isFinite(r)) byRev.set(r, rs);
      }
      const want = cx.flags.int('revision', 0);
      if (want > 0) {
        const rs = byRev.get(want);
        if (!rs) throw new CommandError(`unable to find the specified revision`);
        const tpl = structuredClone(rs.spec.template) as PodTemplateSpec;
        const cause = rs.metadata.annotations?.[CHANGE_CAUSE];
        if (cause) tpl.metadata = { ...(tpl.metadata ?? {}), annotations: { ...(tpl.metadata?.annotations ?? {}), [CHANGE_CAUSE]: cause } };
        const w = new DescribeWriter();
        describePodTemplate(w, tpl);
        cx.out(`${typed(t)} with revision #${want}\n${w.toString()}\n`);
        return;
      }
      if (byRev.size === 0) {
        cx.out(`No rollout history found.\n`);
        return;
      }
      let table = 'REVISION\tCHANGE-CAUSE\n';
      for (const r of [...byRev.keys()].sort((a, b) => a - b)) table += `${r}\t${byRev.get(r)!.metadata.annotations?.[CHANGE_CAUSE] || '<none>'}\n`;
      cx.out(`${typed(t)} \n${tabwrite(table, { minwidth: 0, padding: 2 })}\n`);
    }),
};

// Undo ------------------------------------------------------------------------------------------

const undo: Command = {
  name: 'undo',
  short: 'Undo a previous rollout',
  flags: [...COMMON, { name: 'to-revision', type: 'int' }, { name: 'dry-run', type: 'string' }],
  run: (cx) =>
    each(cx, (t) => {
      if (REVISIONED.has(t.key)) return revisionUndo(cx, t);
      if (t.key !== 'deployments.apps') throw new CommandError(`no rollbacker has been implemented for {"${t.group}" "${t.kind}"}`);
      const d = cx.api.get<Deployment>(t.key, cx.namespace, t.name);
      if (d.spec.paused) throw new CommandError(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
      const toRevision = cx.flags.int('to-revision', 0);
      let latest: [number, ReplicaSet | undefined] = [-1, undefined];
      let previous: [number, ReplicaSet | undefined] = [-1, undefined];
      let found: ReplicaSet | undefined;
      for (const rs of ownedReplicaSets(cx, d).sort((a, b) => revisionOf(a) - revisionOf(b))) {
        const v = revisionOf(rs);
        if (!Number.isFinite(v)) continue;
        if (toRevision === 0) {
          if (latest[0] < v) {
            previous = latest;
            latest = [v, rs];
          } else if (previous[0] < v) previous = [v, rs];
        } else if (toRevision === v) found = rs;
      }
      if (toRevision > 0 && !found) throw new CommandError(`unable to find specified revision ${toRevision} in history`);
      if (toRevision === 0) {
        if (!previous[1]) throw new CommandError(`no rollout history found for deployment "${t.name}"`);
        found = previous[1];
      }
      const rs = found!;
      const dry = dryRunOf(cx);
      const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
      if (equalIgnoreHash(rs.spec.template, d.spec.template)) {
        cx.out(`${typed(t)} skipped rollback (current template already matches revision ${revisionOf(rs)})\n`);
        return;
      }
      const template = structuredClone(rs.spec.template);
      if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
      const annotations: Record<string, string> = {};
      for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (SKIP_ON_ROLLBACK.has(k)) annotations[k] = v;
      for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!SKIP_ON_ROLLBACK.has(k)) annotations[k] = v;
      if (dry !== 'client')
        cx.api.patch(t.key, cx.namespace, t.name, 'json', [
          { op: 'replace', path: '/spec/template', value: template },
          { op: 'replace', path: '/metadata/annotations', value: annotations },
        ], { dryRun: dry === 'server' });
      cx.out(`${typed(t)} rolled back${suffix}\n`);
    }),
};

// Pause / resume / restart ------------------------------------------------------------------------

function pauser(pause: boolean): Command {
  return {
    name: pause ? 'pause' : 'resume',
    short: pause ? 'Mark the provided resource as paused' : 'Resume a paused resource',
    flags: [...COMMON, { name: 'field-manager', type: 'string' }],
    run: (cx) =>
      each(cx, (t) => {
        if (t.key !== 'deployments.apps') throw new CommandError(`${pause ? 'pausing' : 'resuming'} is not supported`);
        const d = cx.api.get<Deployment>(t.key, cx.namespace, t.name);
        if (!!d.spec.paused === pause) throw new CommandError(`${qualifiedPlural(t)} "${t.name}" is ${pause ? 'already paused' : 'not paused'}`);
        cx.api.patch(t.key, cx.namespace, t.name, 'strategic', { spec: { paused: pause ? true : null } });
        cx.out(`${typed(t)} ${pause ? 'paused' : 'resumed'}\n`);
      }),
  };
}

const restart: Command = {
  name: 'restart',
  short: 'Restart a resource',
  flags: [...COMMON, { name: 'field-manager', type: 'string' }, { name: 'dry-run', type: 'string' }],
  run: (cx) =>
    each(cx, (t) => {
      if (!['deployments.apps', 'daemonsets.apps', 'statefulsets.apps'].includes(t.key)) throw new CommandError(`restarting is not supported`);
      const o = cx.api.get(t.key, cx.namespace, t.name);
      const spec = o['spec'] as { paused?: boolean; template: PodTemplateSpec };
      if (spec.paused) throw new CommandError(`${qualifiedPlural(t)} "${t.name}" can't restart paused deployment (run rollout resume first)`);
      const at = rfc3339(Math.floor(cx.now() / 1000) * 1000);
      if (spec.template.metadata?.annotations?.[RESTARTED_AT] === at)
        throw new CommandError(`failed to create patch for ${t.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`);
      const dry = dryRunOf(cx);
      if (dry !== 'client')
        cx.api.patch(t.key, cx.namespace, t.name, 'strategic', { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: at } } } } }, { dryRun: dry === 'server' });
      const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
      cx.out(`${typed(t)} restarted${suffix}\n`);
    }),
};

export const rollout: Command = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  flags: [],
  subcommands: [history, pauser(true), restart, pauser(false), status, undo],
};
