// kubectl create service clusterip|nodeport|loadbalancer|externalname NAME [--tcp=port[:target]].
// Labels and selector app=NAME, port names `80` or `80-8080`. Mirrors
// pkg/cmd/create/create_service.go.
import type { KubeObject } from '../../api/meta.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { MUTATION_FLAGS } from '../mutation.ts';
import { createGenerated, meta, nameArg } from './generator.ts';

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

function intOrString(s: string): number | string {
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

function build(cx: CommandContext, type: ServiceType): number {
  const name = nameArg(cx);
  const f = cx.flags;
  const tcp = f.list('tcp');
  const clusterIP = f.str('clusterip');
  if (type === 'ExternalName' && !f.str('external-name')) {
    cx.klogFatal('required flag(s) "external-name" not set');
    return 1;
  }
  if (type !== 'ExternalName' && tcp.length === 0 && !(type === 'ClusterIP' && clusterIP === 'None'))
    throw new CommandError('at least one tcp port specifier must be provided');
  const ports = tcp.map((spec) => {
    const [portStr, target] = spec.split(':') as [string, string | undefined];
    if (!/^\d+$/.test(portStr)) throw new CommandError(`strconv.Atoi: parsing ${JSON.stringify(portStr)}: invalid syntax`);
    const port = Number(portStr);
    const targetPort = target !== undefined ? intOrString(target) : port;
    const p: Record<string, unknown> = { name: spec.replace(/:/g, '-'), protocol: 'TCP', port, targetPort };
    if (type === 'NodePort' && f.int('node-port', 0) !== 0) p['nodePort'] = f.int('node-port', 0);
    return p;
  });
  const labels = { app: name };
  const spec: Record<string, unknown> = {};
  if (ports.length) spec['ports'] = ports;
  spec['selector'] = { ...labels };
  if (type === 'ClusterIP' && clusterIP) spec['clusterIP'] = clusterIP;
  spec['type'] = type;
  if (type === 'ExternalName') spec['externalName'] = f.str('external-name');
  const obj: KubeObject = { kind: 'Service', apiVersion: 'v1', metadata: meta(name, { labels }), spec, status: { loadBalancer: {} } };
  return createGenerated(cx, 'services', true, obj, `failed to create ${type} service: `);
}

const common = [{ name: 'tcp', type: 'stringSlice' as const }, ...MUTATION_FLAGS];

export const createService: Command = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service using a specified subcommand',
  flags: [],
  subcommands: [
    { name: 'clusterip', short: 'Create a ClusterIP service', flags: [...common, { name: 'clusterip', type: 'string' }], run: (cx) => build(cx, 'ClusterIP') },
    { name: 'nodeport', short: 'Create a NodePort service', flags: [...common, { name: 'node-port', type: 'int' }], run: (cx) => build(cx, 'NodePort') },
    { name: 'loadbalancer', short: 'Create a LoadBalancer service', flags: common, run: (cx) => build(cx, 'LoadBalancer') },
    { name: 'externalname', short: 'Create an ExternalName service', flags: [...common, { name: 'external-name', type: 'string' }], run: (cx) => build(cx, 'ExternalName') },
  ],
};
