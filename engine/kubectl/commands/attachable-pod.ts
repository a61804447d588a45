// polymorphichelpers.AttachablePodForObject: POD, pod/NAME, or a workload (deployment/web,
// rs/x, svc/y, sts/z, job/j, ds/d) whose selector picks pods; among them kubectl takes the
// "best" for logging: running and ready first, then the older one.
import type { Pod, Service } from '../../api/core-v1.ts';
import { fromLabelSelector, matches } from '../../api/labels.ts';
import type { KubeObject, LabelSelector } from '../../api/meta.ts';
import { resolveResource } from '../../apiserver/registry.ts';
import { resourceKey } from '../../apiserver/registry.ts';
import { isPodReady } from '../../network/endpoint-util.ts';
import { CommandError, type CommandContext } from '../command.ts';

function rank(p: Pod): number {
  return (p.status?.phase === 'Running' ? 0 : 2) + (isPodReady(p) ? 0 : 1);
}

export function selectorOf(o: KubeObject): LabelSelector | undefined {
  if (o.kind === 'Service') {
    const sel = (o as Service).spec.selector;
    return sel ? { matchLabels: sel } : undefined;
  }
  return (o['spec'] as { selector?: LabelSelector } | undefined)?.selector;
}

export function podsFor(cx: CommandContext, o: KubeObject): Pod[] {
  const sel = fromLabelSelector(selectorOf(o));
  if (!sel) return [];
  return cx.api
    .list<Pod>('pods', o.metadata.namespace)
    .filter((p) => matches(sel, p.metadata.labels) && !p.metadata.deletionTimestamp)
    .sort((a, b) => rank(a) - rank(b) || (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name!.localeCompare(b.metadata.name!));
}

/** Resolves `POD` or `TYPE/NAME` to one pod; throws kubectl's errors. */
export function attachablePod(cx: CommandContext, arg: string): Pod {
  const ns = cx.namespace;
  const slash = arg.indexOf('/');
  if (slash < 0) return cx.api.get<Pod>('pods', ns, arg);
  const type = resolveResource(arg.slice(0, slash));
  if (!type) throw new CommandError(`the server doesn't have a resource type "${arg.slice(0, slash)}"`);
  const res = resourceKey(type);
  const obj = cx.api.get(res, ns, arg.slice(slash + 1));
  if (res === 'pods') return obj as Pod;
  const pods = podsFor(cx, obj);
  if (pods.length === 0) throw new CommandError(`cannot attach to ${obj.kind} without pods`);
  return pods[0]!;
}
