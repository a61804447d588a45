// kubectl expose (-f FILE | TYPE NAME) [--port] [--target-port] [--protocol] [--name] [--type]
// [--selector] [--labels] [--external-ip] [--session-affinity] [--cluster-ip] (pkg/cmd/expose,
// generate/versioned/service.go ServiceGeneratorV2). Selector from the object (a workload's
// matchLabels, a pod's labels, a Service's selector), labels from the object's labels, ports
// from --port or every container port (named port-1, port-2, ... when several).
import type { Pod, Service } from '../../api/core-v1.ts';
import type { KubeObject, LabelSelector } from '../../api/meta.ts';
import { resolveResource, resourceKey } from '../../apiserver/registry.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf, MUTATION_FLAGS, printMutation } from '../mutation.ts';
import { printWarnings } from './apply.ts';

export const expose: Command = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  flags: [
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'session-affinity', type: 'string' },
    { name: 'cluster-ip', type: 'string' },
    { name: 'load-balancer-ip', type: 'string' },
    { name: 'override-type', type: 'string' },
    { name: 'overrides', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    ...MUTATION_FLAGS,
  ],
  run,
};

const EXPOSABLE = new Set(['pods', 'services', 'deployments.apps', 'replicasets.apps', 'replicationcontrollers']);

function parseMap(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of s.split(',')) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new CommandError(`unexpected label spec: ${kv}`);
    out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

function selectorFor(o: KubeObject): Record<string, string> {
  if (o.kind === 'Pod') return { ...(o.metadata.labels ?? {}) };
  if (o.kind === 'Service') return { ...((o as Service).spec.selector ?? {}) };
  const sel = (o['spec'] as { selector?: LabelSelector | Record<string, string> } | undefined)?.selector;
  if (o.kind === 'ReplicationController') return { ...((sel as Record<string, string>) ?? {}) };
  const ls = sel as LabelSelector | undefined;
  if (ls?.matchExpressions?.length) throw new CommandError(`couldn't convert expressions - "${ls.matchExpressions.map((e) => `${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(', ')})`).join(',')}" to map-based selector format`);
  return { ...(ls?.matchLabels ?? {}) };
}

function portsFor(o: KubeObject): { port: number; protocol: string }[] {
  if (o.kind === 'Service') return ((o as Service).spec.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
  const spec = o.kind === 'Pod' ? (o as Pod).spec : (o['spec'] as { template?: { spec?: Pod['spec'] } } | undefined)?.template?.spec;
  return (spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' })));
}

function target(cx: CommandContext): KubeObject {
  const args = cx.flags.args;
  if (args.length === 0) throw new CommandError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
  let typed: string;
  let name: string;
  if (args[0]!.includes('/')) [typed, name] = args[0]!.split('/', 2) as [string, string];
  else {
    if (args.length < 2) throw new CommandError('You must provide one or more resources by argument or filename.');
    typed = args[0]!;
    name = args[1]!;
  }
  const t = resolveResource(typed);
  if (!t) throw new CommandError(`the server doesn't have a resource type "${typed}"`);
  const res = resourceKey(t);
  const obj = cx.api.get(res, cx.namespace, name);
  if (!EXPOSABLE.has(res)) throw new CommandError(`cannot expose a ${t.kind}`);
  return obj;
}

/** The Service `kubectl expose` generates (what `--dry-run=client -o yaml` prints). */
export function exposeService(cx: CommandContext, obj: KubeObject): KubeObject {
  const f = cx.flags;
  const selector = f.str('selector') ? parseMap(f.str('selector')) : selectorFor(obj);
  if (Object.keys(selector).length === 0) throw new CommandError(`couldn't retrieve selectors via --selector flag or introspection`);
  const labels = f.str('labels') ? parseMap(f.str('labels')) : { ...(obj.metadata.labels ?? {}) };
  const protocol = f.str('protocol');
  let ports: { name?: string; port: number; protocol: string; targetPort: number | string }[];
  const tp = f.str('target-port');
  const toTarget = (p: number): number | string => (tp ? (/^\d+$/.test(tp) ? Number(tp) : tp) : p);
  if (f.str('port')) {
    const list = f.str('port').split(',');
    ports = list.map((s, i) => {
      if (!/^\d+$/.test(s)) throw new CommandError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
      return { ...(list.length > 1 ? { name: `port-${i + 1}` } : {}), port: Number(s), protocol: protocol || 'TCP', targetPort: toTarget(Number(s)) };
    });
  } else {
    const found = portsFor(obj);
    if (found.length === 0) throw new CommandError("couldn't find port via --port flag or introspection");
    ports = found.map((p, i) => ({ ...(found.length > 1 ? { name: `port-${i + 1}` } : {}), port: p.port, protocol: protocol || p.protocol, targetPort: toTarget(p.port) }));
  }
  const spec: Record<string, unknown> = {};
  if (f.str('cluster-ip')) spec['clusterIP'] = f.str('cluster-ip');
  if (f.str('external-ip')) spec['externalIPs'] = [f.str('external-ip')];
  if (f.str('load-balancer-ip')) spec['loadBalancerIP'] = f.str('load-balancer-ip');
  spec['ports'] = ports;
  spec['selector'] = selector;
  if (f.str('session-affinity')) spec['sessionAffinity'] = f.str('session-affinity');
  if (f.str('type')) spec['type'] = f.str('type');
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { creationTimestamp: null, ...(Object.keys(labels).length ? { labels } : {}), name: f.str('name') || obj.metadata.name! } as unknown as KubeObject['metadata'],
    spec,
    status: { loadBalancer: {} },
  };
}

async function run(cx: CommandContext): Promise<number> {
  const dry = dryRunOf(cx);
  const svc = exposeService(cx, target(cx));
  const type = cx.flags.str('type');
  if (type && !['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type))
    throw new CommandError(`invalid service type: ${type}`);
  if (dry === 'client') {
    printMutation(cx, svc, 'exposed', dry, true);
    return 0;
  }
  const ns = cx.namespace;
  const input = structuredClone(svc);
  input.metadata.namespace = ns;
  delete (input.metadata as Record<string, unknown>)['creationTimestamp'];
  delete input['status'];
  const r = cx.api.create('services', ns, input, { dryRun: dry === 'server' });
  printWarnings(cx, r.warnings);
  printMutation(cx, r.object, 'exposed', dry);
  return 0;
}
