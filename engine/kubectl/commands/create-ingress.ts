// kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]] [--class]
// [--default-backend=svc:port] [--annotation=k=v]. Paths ending in `*` are Prefix, others
// Exact; rules share a host entry. Mirrors pkg/cmd/create/create_ingress.go.
import type { KubeObject } from '../../api/meta.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { MUTATION_FLAGS } from '../mutation.ts';
import { createGenerated, meta, nameArg } from './generator.ts';

const RULE = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?$/;
const BACKEND = /^([\w-]+):([\w-]+)$/;

function backend(svc: string, port: string): Record<string, unknown> {
  return { service: { name: svc, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

export const createIngress: Command = {
  name: 'ingress',
  aliases: ['ing'],
  short: 'Create an ingress with the specified name',
  flags: [
    { name: 'rule', type: 'stringArray' },
    { name: 'class', type: 'string' },
    { name: 'default-backend', type: 'string' },
    { name: 'annotation', type: 'stringArray' },
    ...MUTATION_FLAGS,
  ],
  run(cx: CommandContext): number {
    const name = nameArg(cx);
    const f = cx.flags;
    const rules = f.list('rule');
    const def = f.str('default-backend');
    if (rules.length === 0 && !def) throw new CommandError('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
    const parsed = rules.map((r) => {
      const m = r.match(RULE);
      if (!m) throw new CommandError(`rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
      return { host: m[1]!, path: m[2]!, svc: m[3]!, port: m[4]!, tls: m[6] === 'tls', secret: m[7] ?? '' };
    });
    if (def && !BACKEND.test(def)) throw new CommandError(`default-backend should be in format servicename:serviceport`);
    const annotations: Record<string, string> = {};
    for (const a of f.list('annotation')) {
      const i = a.indexOf('=');
      if (i <= 0) throw new CommandError(`annotation ${a} is invalid and should be in format key=[value]`);
      annotations[a.slice(0, i)] = a.slice(i + 1);
    }
    const spec: Record<string, unknown> = {};
    if (def) {
      const m = def.match(BACKEND)!;
      spec['defaultBackend'] = backend(m[1]!, m[2]!);
    }
    if (f.str('class')) spec['ingressClassName'] = f.str('class');
    const ingRules: { host?: string; http: { paths: unknown[] } }[] = [];
    for (const r of parsed) {
      const prefix = r.path.endsWith('*');
      const path = { path: prefix ? r.path.slice(0, -1) : r.path, pathType: prefix ? 'Prefix' : 'Exact', backend: backend(r.svc, r.port) };
      const existing = ingRules.find((x) => (x.host ?? '') === r.host);
      if (existing) existing.http.paths.push(path);
      else ingRules.push({ ...(r.host ? { host: r.host } : {}), http: { paths: [path] } });
    }
    if (ingRules.length) spec['rules'] = ingRules;
    const tls: { hosts?: string[]; secretName?: string }[] = [];
    const seen = new Set<string>();
    for (const r of parsed) {
      if (!r.tls || seen.has(r.host)) continue;
      if (r.host) seen.add(r.host);
      const entry = tls.find((t) => (t.secretName ?? '') === r.secret);
      if (entry) {
        if (r.host) (entry.hosts ??= []).push(r.host);
        continue;
      }
      tls.push({ ...(r.host ? { hosts: [r.host] } : {}), ...(r.secret ? { secretName: r.secret } : {}) });
    }
    if (tls.length) spec['tls'] = tls;
    const obj: KubeObject = {
      kind: 'Ingress',
      apiVersion: 'networking.k8s.io/v1',
      metadata: meta(name, Object.keys(annotations).length ? { annotations } : {}),
      spec,
      status: { loadBalancer: {} },
    };
    return createGenerated(cx, 'ingresses.networking.k8s.io', true, obj, 'failed to create ingress: ');
  },
};
