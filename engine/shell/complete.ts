// Tab completion for the terminal: candidates for the last word of a line — commands,
// kubectl subcommands and flags, resource types, live object names (TYPE NAME and
// TYPE/NAME), namespaces after -n, output formats after -o, and sim directives.
import { resolveResource, RESOURCE_TYPES, resourceKey } from '../apiserver/registry.ts';
import { contextNamespace } from '../kubectl/kubeconfig.ts';
import { COMMANDS } from '../kubectl/commands/index.ts';
import type { Command } from '../kubectl/command.ts';
import { GLOBAL_FLAGS } from '../kubectl/flags.ts';
import { explainCompletions } from '../kubectl/commands/explain.ts';
import { BUILTINS } from './builtins/index.ts';
import type { ShellHost } from './shell.ts';

const OUTPUTS = ['custom-columns=', 'custom-columns-file=', 'go-template=', 'go-template-file=', 'json', 'jsonpath=', 'jsonpath-as-json=', 'jsonpath-file=', 'name', 'wide', 'yaml'];
const TAKES_TYPE = new Set(['get', 'describe', 'delete', 'scale', 'explain', 'edit', 'label', 'annotate', 'patch', 'rollout', 'wait', 'set', 'autoscale', 'expose', 'taint', 'cordon', 'uncordon', 'drain']);
/** Flag values kubectl's completion offers. */
const FLAG_VALUES: Record<string, string[]> = {
  '--dry-run': ['client', 'none', 'server'],
  '--type': ['json', 'merge', 'strategic'],
  '--cascade': ['background', 'foreground', 'orphan'],
  '--types': ['Normal', 'Warning'],
  '--for': ['condition=', 'create', 'delete', 'jsonpath='],
};
const SIM_WORDS: Record<string, string[]> = {
  '': ['advance', 'component', 'node', 'reset', 'settle'],
  node: ['add', 'remove', 'start', 'stop'],
  component: ['start', 'stop'],
};

export function complete(line: string, host: ShellHost): string[] {
  const segment = line.split(/\|\||&&|[;|]/).pop() ?? '';
  const words = segment.trimStart().split(/\s+/);
  const cur = words.pop() ?? '';
  const done = words.filter((w) => w !== '');
  const pick = (cands: Iterable<string>) => [...new Set(cands)].filter((c) => c.startsWith(cur)).sort();
  if (done.length === 0) return pick(Object.keys(BUILTINS));
  const cmd = done[0]!;
  if (cmd === 'sim') {
    const key = done.length === 1 ? '' : done[1]!;
    if (done.length === 3 && done[1] === 'node' && ['stop', 'start', 'remove'].includes(done[2]!)) return pick(names(host, 'nodes', undefined));
    return pick(done.length <= 2 ? (SIM_WORDS[key] ?? []) : []);
  }
  if (cmd !== 'kubectl' && cmd !== 'k') return pick(host.workspace.list().map((f) => f.name));
  return kubectlCandidates(done.slice(1), cur, host, pick);
}

function names(host: ShellHost, resource: string, namespace: string | undefined): string[] {
  try {
    return host.engine.api.list(resource, namespace).map((o) => o.metadata.name ?? '');
  } catch {
    return [];
  }
}

function kubectlCandidates(args: string[], cur: string, host: ShellHost, pick: (c: Iterable<string>) => string[]): string[] {
  const prev = args[args.length - 1];
  const nsFlag = args.findIndex((a) => a === '-n' || a === '--namespace');
  const namespace = nsFlag >= 0 ? args[nsFlag + 1] ?? 'default' : contextNamespace(host.state.kubeconfig);
  if (prev === '-n' || prev === '--namespace') return pick(names(host, 'namespaces', undefined));
  if (prev === '-o' || prev === '--output') return pick(OUTPUTS);
  if (prev === '-f' || prev === '--filename') return pick(host.workspace.list().map((f) => f.name));
  if (prev && FLAG_VALUES[prev]) return pick(FLAG_VALUES[prev]!);
  // --flag=value forms.
  const eq = cur.indexOf('=');
  if (cur.startsWith('--') && eq > 0) {
    const flag = cur.slice(0, eq);
    const values = flag === '--output' ? OUTPUTS : flag === '--namespace' ? names(host, 'namespaces', undefined) : FLAG_VALUES[flag] ?? [];
    return pick(values.map((v) => `${flag}=${v}`));
  }
  // Walk subcommands by positional words.
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      if ((a === '-n' || a === '--namespace' || a === '-o' || a === '-l' || a === '-f' || a === '-c') && !a.includes('=')) i++;
      continue;
    }
    positional.push(a);
  }
  let command: Command | undefined;
  let list = COMMANDS;
  let rest = positional;
  while (rest.length) {
    const next = list.find((c) => c.name === rest[0] || (c.aliases ?? []).includes(rest[0]!));
    if (!next) break;
    command = next;
    rest = rest.slice(1);
    list = next.subcommands ?? [];
    if (list.length === 0) break;
  }
  if (cur.startsWith('-')) {
    const flags = [...(command?.flags ?? []), ...GLOBAL_FLAGS];
    return pick(flags.map((f) => `--${f.name}`));
  }
  if (!command) return pick(COMMANDS.map((c) => c.name));
  if (command.subcommands?.length && rest.length === 0 && command.name !== 'create') return pick(command.subcommands.map((c) => c.name));
  if (command.name === 'create' && rest.length === 0) return pick((command.subcommands ?? []).map((c) => c.name));
  if (command.name === 'logs') return pick(names(host, 'pods', namespace));
  if (command.name === 'events' && prev === '--for') return [];
  if (command.name === 'can-i') {
    if (rest.length === 0) return pick(['create', 'delete', 'get', 'list', 'patch', 'update', 'watch', '*']);
    if (rest.length === 1) return pick(RESOURCE_TYPES.filter((t) => t.verbs.includes('get')).map((t) => t.plural));
    return [];
  }
  if (command.name === 'explain' && cur.includes('.')) return explainCompletions(cur);
  if (!TAKES_TYPE.has(command.name)) return [];
  if (cur.includes('/')) {
    const [typed, partial] = cur.split('/', 2) as [string, string];
    const t = resolveResource(typed);
    if (!t) return [];
    return pick(names(host, resourceKey(t), t.namespaced ? namespace : undefined).filter((n) => n.startsWith(partial)).map((n) => `${typed}/${n}`));
  }
  if (rest.length === 0) {
    const types = RESOURCE_TYPES.filter((t) => t.verbs.includes('get')).flatMap((t) => [t.plural, ...t.shortNames]);
    return pick(command.name === 'scale' ? ['deployment', 'replicaset', 'statefulset'] : types);
  }
  const t = resolveResource(rest[0]!.split(',')[0]!);
  if (!t) return [];
  return pick(names(host, resourceKey(t), t.namespaced ? namespace : undefined));
}
