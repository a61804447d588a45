// kubectl config: current-context, get-contexts, use-context, set-context, view — over the
// terminal's in-memory kubeconfig (one kind cluster).
import { CommandError, type Command, type CommandContext } from '../command.ts';
import type { KubeObject } from '../../api/meta.ts';
import { parseOutput } from '../output-format.ts';
import { renderObjects } from '../printers/output.ts';
import { printTable } from '../printers/table.ts';
import { toYaml } from '../printers/yaml.ts';
import { SERVER_URL } from './info.ts';

const currentContext: Command = {
  name: 'current-context',
  flags: [],
  run(cx) {
    cx.out(`${cx.env.config.currentContext}\n`);
    return 0;
  },
};

const getContexts: Command = {
  name: 'get-contexts',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'no-headers', type: 'bool' },
  ],
  run(cx) {
    const cfg = cx.env.config;
    const names = cx.flags.args.length ? cx.flags.args : Object.keys(cfg.contexts).sort();
    for (const n of names) if (!cfg.contexts[n]) throw new CommandError(`context ${n} not found`);
    if (cx.flags.str('output') === 'name') {
      cx.out(names.map((n) => `${n}\n`).join(''));
      return 0;
    }
    const rows = names.map((n) => ({ apiVersion: 'v1', kind: 'Context', metadata: { name: n } }));
    const ctx = (n: string) => cfg.contexts[n]!;
    cx.out(
      printTable(
        [
          { name: 'Current', cell: (o) => (o.metadata.name === cfg.currentContext ? '*' : '') },
          { name: 'Name', cell: (o) => o.metadata.name! },
          { name: 'Cluster', cell: (o) => ctx(o.metadata.name!).cluster },
          { name: 'Authinfo', cell: (o) => ctx(o.metadata.name!).user },
          { name: 'Namespace', cell: (o) => ctx(o.metadata.name!).namespace ?? '' },
        ],
        rows,
        { noHeaders: cx.flags.bool('no-headers') },
        { now: cx.now() },
      ),
    );
    return 0;
  },
};

const useContext: Command = {
  name: 'use-context',
  aliases: ['use'],
  flags: [],
  run(cx) {
    const name = cx.flags.args[0];
    if (!name) throw new CommandError('Unexpected args: []', "See 'kubectl config use-context -h' for help and examples");
    if (!cx.env.config.contexts[name]) throw new CommandError(`no context exists with the name: "${name}"`);
    cx.env.config.currentContext = name;
    cx.out(`Switched to context "${name}".\n`);
    return 0;
  },
};

const setContext: Command = {
  name: 'set-context',
  flags: [
    { name: 'current', type: 'bool' },
    { name: 'cluster', type: 'string' },
    { name: 'user', type: 'string' },
  ],
  run(cx) {
    const cfg = cx.env.config;
    const name = cx.flags.bool('current') ? cfg.currentContext : cx.flags.args[0];
    if (!name) throw new CommandError('you must specify a non-empty context name or --current');
    const existed = name in cfg.contexts;
    const ctx = (cfg.contexts[name] ??= { cluster: '', user: '' });
    if (cx.flags.has('namespace')) {
      const ns = cx.flags.str('namespace');
      if (ns) ctx.namespace = ns;
      else delete ctx.namespace;
    }
    if (cx.flags.has('cluster')) ctx.cluster = cx.flags.str('cluster');
    if (cx.flags.has('user')) ctx.user = cx.flags.str('user');
    cx.out(`Context "${name}" ${existed ? 'modified' : 'created'}.\n`);
    return 0;
  },
};

const view: Command = {
  name: 'view',
  flags: [
    { name: 'minify', type: 'bool' },
    { name: 'raw', type: 'bool' },
    { name: 'flatten', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'template', type: 'string' },
  ],
  run(cx) {
    const cfg = cx.env.config;
    const contexts = Object.keys(cfg.contexts).sort().map((n) => {
      const c = cfg.contexts[n]!;
      return { context: { cluster: c.cluster, ...(c.namespace ? { namespace: c.namespace } : {}), user: c.user }, name: n };
    });
    const data = cx.flags.bool('raw') ? 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==' : 'DATA+OMITTED';
    const doc = {
      apiVersion: 'v1',
      clusters: [{ cluster: { 'certificate-authority-data': data, server: SERVER_URL }, name: 'kind-sandbox' }],
      contexts,
      'current-context': cfg.currentContext,
      kind: 'Config',
      preferences: {},
      users: [{ name: 'kind-sandbox', user: { 'client-certificate-data': data, 'client-key-data': data } }],
    };
    const output = parseOutput(cx.flags.str('output') || 'yaml', false, { template: cx.flags.str('template'), read: (p) => cx.env.workspace.read(p) })!;
    if (output.kind === 'yaml') cx.out(toYaml(doc));
    else if (output.kind === 'name') cx.out('config/<unknown>\n'); // an api.Config has no object name
    else {
      // json and templates see the Go struct's field order (clientcmd/api/v1 Config).
      const goDoc = {
        kind: 'Config',
        apiVersion: 'v1',
        preferences: {},
        clusters: [{ name: 'kind-sandbox', cluster: { server: SERVER_URL, 'certificate-authority-data': data } }],
        users: [{ name: 'kind-sandbox', user: { 'client-certificate-data': data, 'client-key-data': data } }],
        contexts: contexts.map((c) => ({ name: c.name, context: { cluster: c.context.cluster, user: c.context.user, ...(c.context.namespace ? { namespace: c.context.namespace } : {}) } })),
        'current-context': cfg.currentContext,
      };
      cx.out(output.kind === 'json' ? `${JSON.stringify(goDoc, null, 4)}\n` : renderObjects([goDoc as unknown as KubeObject], output, true));
    }
    return 0;
  },
};

export const config: Command = {
  name: 'config',
  short: 'Modify kubeconfig files',
  flags: [],
  subcommands: [currentContext, getContexts, useContext, setContext, view],
};
