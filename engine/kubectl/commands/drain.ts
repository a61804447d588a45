// kubectl drain NODE: cordon, then evict every pod on the node that may go (pkg/cmd/drain,
// pkg/drain/filters.go + drain.go). Pods are filtered (DaemonSet-managed, mirror, local
// storage, no controller) with kubectl's exact error and warning words; evictions honour
// PodDisruptionBudgets and retry every 5 s on 429 as kubectl does, each pod's deletion is then
// polled every second, and --timeout bounds the whole wait (virtual time passes meanwhile).
import type { Node, Pod } from '../../api/core-v1.ts';
import { ApiError } from '../../apiserver/status.ts';
import { parseDuration } from '../../sim/duration.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf } from '../mutation.ts';
import { setUnschedulable, targetNodes } from './node-args.ts';

export const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
export const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
export const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
export const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
export const UNMANAGED_FATAL = 'Pods declare no controller (use --force to override)';
export const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

const RETRY_MS = 5_000;
const POLL_MS = 1_000;

export const drain: Command = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  flags: [
    { name: 'chunk-size', type: 'int' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'delete-local-data', type: 'bool' },
    { name: 'disable-eviction', type: 'bool' },
    { name: 'dry-run', type: 'string' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'pod-selector', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'skip-wait-for-delete-timeout', type: 'int' },
    { name: 'timeout', type: 'string' },
  ],
  run,
};

type Verdict = { delete: boolean; kind: 'okay' | 'skip' | 'warning' | 'error'; message?: string };

interface Options {
  ignoreDaemonSets: boolean;
  deleteEmptyDir: boolean;
  force: boolean;
}

const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const controllerRef = (p: Pod) => p.metadata.ownerReferences?.find((r) => r.controller);

/** makeFilters order: daemonSet, mirrorPod, localStorage, unreplicated; the last verdict run wins. */
function verdict(cx: CommandContext, pod: Pod, o: Options): Verdict {
  const filters: ((p: Pod) => Verdict)[] = [
    (p) => {
      const ref = controllerRef(p);
      if (!ref || ref.kind !== 'DaemonSet') return { delete: true, kind: 'okay' };
      if (!cx.api.tryGet('daemonsets.apps', p.metadata.namespace, ref.name) && o.force) return { delete: true, kind: 'okay' };
      if (!o.ignoreDaemonSets) return { delete: false, kind: 'error', message: DAEMONSET_FATAL };
      return { delete: false, kind: 'warning', message: DAEMONSET_WARNING };
    },
    (p) => (p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? { delete: false, kind: 'skip' } : { delete: true, kind: 'okay' }),
    (p) => {
      if (!(p.spec.volumes ?? []).some((v) => (v as { emptyDir?: unknown }).emptyDir !== undefined) || isTerminal(p)) return { delete: true, kind: 'okay' };
      if (!o.deleteEmptyDir) return { delete: false, kind: 'error', message: LOCAL_STORAGE_FATAL };
      return { delete: true, kind: 'warning', message: LOCAL_STORAGE_WARNING };
    },
    (p) => {
      if (isTerminal(p) || controllerRef(p)) return { delete: true, kind: 'okay' };
      if (o.force) return { delete: true, kind: 'warning', message: UNMANAGED_WARNING };
      return { delete: false, kind: 'error', message: UNMANAGED_FATAL };
    },
  ];
  let v: Verdict = { delete: true, kind: 'okay' };
  for (const f of filters) {
    v = f(pod);
    if (!v.delete) break;
  }
  return v;
}

interface PodList {
  items: { pod: Pod; v: Verdict }[];
}

function podsForDeletion(cx: CommandContext, node: string, o: Options): { list: PodList; errors: string[] } {
  const sel = cx.flags.str('pod-selector');
  const pods = cx.api.list<Pod>('pods', undefined, { fieldSelector: `spec.nodeName=${node}`, ...(sel ? { labelSelector: sel } : {}) });
  const items = pods.map((pod) => ({ pod, v: verdict(cx, pod, o) }));
  const failed = new Map<string, string[]>();
  for (const i of items) {
    if (i.v.kind !== 'error') continue;
    const m = i.v.message ?? 'unexpected error';
    failed.set(m, [...(failed.get(m) ?? []), `${i.pod.metadata.namespace}/${i.pod.metadata.name}`]);
  }
  const errors = [...failed].sort(([a], [b]) => (a < b ? -1 : 1)).map(([m, ps]) => `cannot delete ${m}: ${ps.join(', ')}`);
  return { list: { items }, errors };
}

function warnings(list: PodList): string {
  const byMsg = new Map<string, string[]>();
  for (const i of list.items) {
    if (i.v.kind !== 'warning') continue;
    byMsg.set(i.v.message!, [...(byMsg.get(i.v.message!) ?? []), `${i.pod.metadata.namespace}/${i.pod.metadata.name}`]);
  }
  return [...byMsg].map(([m, ps]) => `${m}: ${ps.join(', ')}`).join('; ');
}

/** Go's time.Duration String() for whole milliseconds: 30s, 1m30s, 2m0s. */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}

/** An aggregate error as Go prints it: one message bare, several as `[a, b]`. */
function aggregate(errs: string[]): string {
  return errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`;
}

async function run(cx: CommandContext): Promise<number> {
  const f = cx.flags;
  const o: Options = { ignoreDaemonSets: f.bool('ignore-daemonsets'), deleteEmptyDir: f.bool('delete-emptydir-data') || f.bool('delete-local-data'), force: f.bool('force') };
  const timeoutText = f.str('timeout') || '0s';
  const timeoutMs = parseDuration(timeoutText);
  if (timeoutMs === undefined) throw new CommandError(`invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`);
  const nodes = targetNodes(cx, 'drain');
  const dry = dryRunOf(cx);
  for (const node of nodes) setUnschedulable(cx, node, true);
  const remaining: string[] = [];
  const fatal: string[] = [];
  for (const node of nodes) {
    let err: string[];
    try {
      err = await drainNode(cx, node, o, dry, timeoutMs);
    } catch (e) {
      if (e instanceof Interrupted) return 130;
      throw e;
    }
    if (err.length === 0) {
      cx.out(`node/${node.metadata.name} drained${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}\n`);
      continue;
    }
    cx.err(`error: unable to drain node "${node.metadata.name}" due to error: ${aggregate(err)}, continuing command...\n`);
    remaining.push(node.metadata.name!);
    fatal.push(...err);
  }
  if (!remaining.length) return 0;
  cx.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  for (const e of fatal) cx.err(`error: ${e}\n`);
  return 1;
}

async function drainNode(cx: CommandContext, node: Node, o: Options, dry: string, timeoutMs: number): Promise<string[]> {
  const name = node.metadata.name!;
  const { list, errors } = podsForDeletion(cx, name, o);
  if (errors.length) return errors;
  const w = warnings(list);
  if (w) cx.err(`Warning: ${w}\n`);
  const pods = list.items.filter((i) => i.v.delete).map((i) => i.pod);
  if (dry !== 'none') {
    for (const p of pods) cx.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}${dry === 'server' ? ' (server dry run)' : ' (dry run)'}\n`);
    return [];
  }
  const errs = await evictAll(cx, pods, timeoutMs);
  if (!errs.length) return [];
  const pending = podsForDeletion(cx, name, o).list.items.filter((i) => i.v.delete);
  if (pending.length) {
    cx.err(`There are pending pods in node "${name}" when an error occurred: ${aggregate(errs)}\n`);
    for (const i of pending) cx.err(`pod/${i.pod.metadata.name}\n`);
  }
  return errs;
}

/** Ctrl-C (or the session bound): kubectl dies mid-drain and prints nothing more. */
class Interrupted extends Error {}

interface Eviction {
  pod: Pod;
  state: 'evict' | 'wait' | 'done';
  at: number;
}

async function evictAll(cx: CommandContext, pods: Pod[], timeoutMs: number): Promise<string[]> {
  const useEviction = !cx.flags.bool('disable-eviction');
  const grace = cx.flags.int('grace-period', -1);
  const start = cx.now();
  const work: Eviction[] = pods.map((pod) => ({ pod, state: 'evict', at: start }));
  const errors: string[] = [];
  const desc = (p: Pod) => `pods/"${p.metadata.name}" -n "${p.metadata.namespace}"`;
  for (;;) {
    const now = cx.now();
    for (const e of work) {
      if (e.state === 'done') continue;
      const { namespace: ns, name } = e.pod.metadata;
      if (timeoutMs > 0 && now - start >= timeoutMs) {
        errors.push(e.state === 'evict'
          ? `error when evicting ${desc(e.pod)}: global timeout reached: ${goDurationString(timeoutMs)}`
          : `error when waiting for pod "${name}" in namespace "${ns}" to terminate: global timeout reached: ${goDurationString(timeoutMs)}`);
        e.state = 'done';
        continue;
      }
      if (e.at > now) continue;
      if (e.state === 'evict') {
        cx.out(`${useEviction ? 'evicting' : 'deleting'} pod ${ns}/${name}\n`);
        try {
          const opts = grace >= 0 ? { gracePeriodSeconds: grace } : {};
          if (useEviction) cx.api.evict(ns!, name!, opts);
          else cx.api.delete('pods', ns, name!, opts);
          e.state = 'wait';
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          if (err.status.code === 404) {
            e.state = 'done';
            continue;
          }
          if (err.status.code === 429) {
            cx.err(`error when evicting ${desc(e.pod)} (will retry after 5s): ${err.status.message}\n`);
            e.at = now + RETRY_MS;
            continue;
          }
          errors.push(`error when evicting ${desc(e.pod)}: ${err.status.message}`);
          e.state = 'done';
          continue;
        }
      }
      // waitForDelete: PollImmediate every second until the pod (this uid) is gone.
      const cur = cx.api.tryGet<Pod>('pods', ns, name!);
      if (!cur || cur.metadata.uid !== e.pod.metadata.uid) {
        cx.out(`pod/${name} ${useEviction ? 'evicted' : 'deleted'}\n`);
        e.state = 'done';
      } else e.at = now + POLL_MS;
    }
    const next = work.filter((e) => e.state !== 'done').map((e) => e.at);
    if (!next.length) return errors;
    if (cx.io.cancelled()) throw new Interrupted();
    let wake = Math.min(...next);
    if (timeoutMs > 0) wake = Math.min(wake, start + timeoutMs);
    await cx.io.sleep(Math.max(0, wake - cx.now()));
    if (cx.io.cancelled()) throw new Interrupted();
  }
}
