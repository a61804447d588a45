// kubectl version, cluster-info and api-resources: what the kind cluster reports.
import { EXTRA_VERSIONS, RESOURCE_TYPES, apiVersionOf } from '../../apiserver/registry.ts';
import { KUBERNETES_VERSION } from '../../cluster/versions.ts';
import type { Command, CommandContext } from '../command.ts';
import { printTable } from '../printers/table.ts';
import { toJson } from '../printers/json.ts';
import { toYaml } from '../printers/yaml.ts';

/** kubectl v1.32 as the page ships it, talking to the kind node's API server. */
export const CLIENT_VERSION = KUBERNETES_VERSION;
export const KUSTOMIZE_VERSION = 'v5.5.0';
export const SERVER_URL = 'https://127.0.0.1:6443';

function versionInfo(v: string): Record<string, string> {
  const [major, minor] = v.replace(/^v/, '').split('.');
  return {
    major: major!, minor: minor!, gitVersion: v, gitCommit: '67a30c0adcf52bd3f56ff0893ce19966be12991f', gitTreeState: 'clean',
    buildDate: '2025-02-12T21:19:47Z', goVersion: 'go1.23.6', compiler: 'gc', platform: 'linux/amd64',
  };
}

export const version: Command = {
  name: 'version',
  short: 'Print the client and server version information',
  flags: [
    { name: 'client', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(cx: CommandContext): number {
    const out = cx.flags.str('output');
    const client = cx.flags.bool('client');
    if (out === 'json' || out === 'yaml') {
      const info: Record<string, unknown> = { clientVersion: versionInfo(CLIENT_VERSION), kustomizeVersion: KUSTOMIZE_VERSION };
      if (!client) info['serverVersion'] = versionInfo(KUBERNETES_VERSION);
      cx.out(out === 'json' ? `${toJson(info, false)}\n` : toYaml(info));
      return 0;
    }
    if (out) {
      cx.err(`error: --output must be 'yaml' or 'json'\n`);
      return 1;
    }
    cx.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
    if (!client) {
      cx.api.list('namespaces');
      cx.out(`Server Version: ${KUBERNETES_VERSION}\n`);
    }
    return 0;
  },
};

const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

export const clusterInfo: Command = {
  name: 'cluster-info',
  short: 'Display cluster information',
  flags: [],
  run(cx: CommandContext): number {
    const line = (what: string, url: string) => `${GREEN}${what}${RESET} is running at ${YELLOW}${url}${RESET}\n`;
    let text = line('Kubernetes control plane', SERVER_URL);
    const services = cx.api.list('services', 'kube-system', { labelSelector: 'kubernetes.io/cluster-service=true' });
    for (const s of services) {
      const name = s.metadata.labels?.['kubernetes.io/name'] ?? s.metadata.name ?? '';
      const ports = (s['spec'] as { ports?: { name?: string; port: number }[] }).ports ?? [];
      const port = ports[0]?.name ? `${s.metadata.name}:${ports[0].name}` : s.metadata.name;
      text += line(name, `${SERVER_URL}/api/v1/namespaces/kube-system/services/${port}/proxy`);
    }
    cx.out(`${text}\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
    return 0;
  },
};

export const apiResources: Command = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  flags: [
    { name: 'namespaced', type: 'bool' },
    { name: 'api-group', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'sort-by', type: 'string' },
    { name: 'verbs', type: 'stringSlice' },
    { name: 'categories', type: 'stringSlice' },
    { name: 'cached', type: 'bool' },
  ],
  run(cx: CommandContext): number {
    let types = [...RESOURCE_TYPES].filter((t) => t.kind !== 'Binding' || true);
    if (cx.flags.has('namespaced')) types = types.filter((t) => t.namespaced === cx.flags.bool('namespaced'));
    if (cx.flags.has('api-group')) types = types.filter((t) => t.group === cx.flags.str('api-group'));
    types.sort((a, b) => (a.group === b.group ? (a.plural < b.plural ? -1 : 1) : a.group === '' ? -1 : b.group === '' ? 1 : a.group < b.group ? -1 : 1));
    if (cx.flags.str('output') === 'name') {
      cx.out(types.map((t) => `${t.plural}${t.group ? `.${t.group}` : ''}\n`).join(''));
      return 0;
    }
    const wide = cx.flags.str('output') === 'wide';
    const rows = types.map((t) => ({ apiVersion: 'v1', kind: t.kind, metadata: { name: t.plural }, t }));
    const cols = [
      { name: 'Name', cell: (o: (typeof rows)[number]) => o.t.plural },
      { name: 'Shortnames', cell: (o: (typeof rows)[number]) => o.t.shortNames.join(',') },
      { name: 'Apiversion', cell: (o: (typeof rows)[number]) => apiVersionOf(o.t) },
      { name: 'Namespaced', cell: (o: (typeof rows)[number]) => String(o.t.namespaced) },
      { name: 'Kind', cell: (o: (typeof rows)[number]) => o.t.kind },
      { name: 'Verbs', wide: true, cell: (o: (typeof rows)[number]) => o.t.verbs.join(',') },
    ];
    cx.out(printTable(cols as never, rows as never, { wide, noHeaders: cx.flags.bool('no-headers') }, { now: cx.now() }));
    return 0;
  },
};

/** kubectl api-versions: every served group/version, sorted as the discovery client sorts. */
export const apiVersions: Command = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  flags: [],
  run(cx: CommandContext): number {
    const gvs = new Set<string>();
    for (const t of RESOURCE_TYPES) {
      gvs.add(apiVersionOf(t));
      for (const v of EXTRA_VERSIONS[t.group] ?? []) gvs.add(apiVersionOf({ group: t.group, version: v }));
    }
    cx.out([...gvs].sort().map((g) => `${g}\n`).join(''));
    return 0;
  },
};
