// kubectl taint nodes NAME KEY[=VALUE]:EFFECT ... | KEY[:EFFECT]- (pkg/cmd/taint): parse the
// specs (kubectl's own validation words), merge them into spec.taints the way
// reorganizeTaints does (new taints first, then the untouched old ones) and print
// `node/x tainted|untainted|modified`.
import type { Node, Taint } from '../../api/core-v1.ts';
import { labelValueErrors, qualifiedNameErrors } from '../../apiserver/validation/names.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf } from '../mutation.ts';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export const taint: Command = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'overwrite', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'field-manager', type: 'string' },
    { name: 'validate', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
    { name: 'allow-missing-template-keys', type: 'bool' },
  ],
  run,
};

/** Taint.ToString(). */
export function taintString(t: Pick<Taint, 'key' | 'value'> & { effect?: string }): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

function parseTaint(st: string, cx: CommandContext): { key: string; value?: string; effect?: string } {
  const bad = (extra?: string) => new CommandError(`invalid taint spec: ${st}${extra ? `, ${extra}` : ''}`, cx.helpHint());
  const parts = st.split(':');
  let key: string;
  let value: string | undefined;
  let effect: string | undefined;
  if (parts.length === 1) key = parts[0]!;
  else if (parts.length === 2) {
    effect = parts[1]!;
    if (!EFFECTS.includes(effect)) throw new CommandError(`invalid taint effect: ${effect}, unsupported taint effect`, cx.helpHint());
    const kv = parts[0]!.split('=');
    if (kv.length > 2) throw bad();
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      const errs = labelValueErrors(value);
      if (errs.length) throw bad(errs.join('; '));
    }
  } else throw bad();
  const errs = qualifiedNameErrors(key);
  if (errs.length) throw bad(errs.join('; '));
  return { key, ...(value ? { value } : {}), ...(effect ? { effect } : {}) };
}

async function run(cx: CommandContext): Promise<number> {
  const args = cx.flags.args;
  const resources: string[] = [];
  const specs: string[] = [];
  for (const a of args) (a.includes('=') || a.includes(':') || a.endsWith('-') ? specs : resources).push(a);
  if (!specs.length) throw new CommandError('at least one taint update is required', cx.helpHint());
  const add: Taint[] = [];
  const remove: { key: string; effect?: string }[] = [];
  for (const s of specs) {
    if (s.endsWith('-')) {
      const t = parseTaint(s.slice(0, -1), cx);
      remove.push({ key: t.key, ...(t.effect ? { effect: t.effect } : {}) });
      continue;
    }
    const t = parseTaint(s, cx);
    if (!t.effect) throw new CommandError(`invalid taint spec: ${s}`, cx.helpHint());
    if (add.some((x) => x.key === t.key && x.effect === t.effect))
      throw new CommandError(`duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`, cx.helpHint());
    add.push(t as Taint);
  }
  for (const r of remove)
    if (add.some((a) => a.key === r.key && (!r.effect || a.effect === r.effect)))
      throw new CommandError('can not both modify and remove the following taint(s) in the same command: ' + r.key, cx.helpHint());
  const nodes = targetNodes(cx, resources);
  const dry = dryRunOf(cx);
  const overwrite = cx.flags.bool('overwrite');
  for (const node of nodes) {
    const old = node.spec?.taints ?? [];
    if (!overwrite) {
      const exists = add.filter((a) => old.some((o) => o.key === a.key && o.effect === a.effect)).map((a) => a.key);
      if (exists.length) throw new CommandError(`node ${node.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
    }
    const next: Taint[] = add.map((t) => ({ ...t }));
    for (const o of old) if (!next.some((n) => n.key === o.key && n.effect === o.effect)) next.push(o);
    const added = old.length !== next.length;
    let deleted = false;
    const notFound: string[] = [];
    let list = next;
    for (const r of remove) {
      const before = list.length;
      list = list.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
      deleted = list.length !== before;
      if (!deleted) notFound.push(`taint ${JSON.stringify(taintString(r))} not found`);
    }
    if (notFound.length) throw new CommandError(notFound.length === 1 ? notFound[0]! : `[${notFound.join(', ')}]`);
    const op = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
    if (dry !== 'client')
      cx.api.patch('nodes', undefined, node.metadata.name!, 'merge', { spec: { taints: list.length ? list : null } }, { dryRun: dry === 'server' });
    const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
    cx.out(`node/${node.metadata.name} ${op}${suffix}\n`);
  }
  return 0;
}

function targetNodes(cx: CommandContext, resources: string[]): Node[] {
  const sel = cx.flags.str('selector');
  const all = cx.flags.bool('all');
  const isNodeType = (t: string) => ['node', 'nodes', 'no'].includes(t);
  if (resources.length === 0) throw new CommandError('one or more resources must be specified as <resource> <name>', cx.helpHint());
  const names: string[] = [];
  if (resources[0]!.includes('/')) {
    for (const r of resources) {
      const [t, n] = r.split('/');
      if (!isNodeType(t!)) throw new CommandError(`invalid resource type ${t}, only node types are supported`, cx.helpHint());
      names.push(n!);
    }
  } else {
    if (!isNodeType(resources[0]!)) throw new CommandError(`invalid resource type ${resources[0]}, only node types are supported`, cx.helpHint());
    names.push(...resources.slice(1));
  }
  if (all || sel) return cx.api.list<Node>('nodes', undefined, sel ? { labelSelector: sel } : {});
  if (!names.length) throw new CommandError('resource(s) were provided, but no name was specified', cx.helpHint());
  return names.map((n) => cx.api.get<Node>('nodes', undefined, n));
}
