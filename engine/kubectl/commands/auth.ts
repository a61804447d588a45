// kubectl auth can-i VERB TYPE[/NAME] | VERB /url [--as USER] [--as-group G] [-n NS|-A]
// [--subresource S] [--list] [-q]: `yes` (exit 0) or `no` (exit 1), decided by the API
// server's RBAC authorizer. Mirrors pkg/cmd/auth/cani.go.
import { ADMIN_USER, authorize, impersonated, rulesFor, type Attributes } from '../../apiserver/authorizer.ts';
import { resolveResource } from '../../apiserver/registry.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { renderRows } from '../printers/table.ts';
import { goList } from '../printers/describe/common.ts';
import { combineResourceGroup, compactRules } from '../printers/describe/rbac.ts';

const KNOWN_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest'];
const NON_RESOURCE_VERBS = ['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*'];

const canI: Command = {
  name: 'can-i',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'list', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'subresource', type: 'string' },
  ],
  run,
};

function user(cx: CommandContext) {
  const as = cx.flags.str('as');
  const groups = cx.flags.list('as-group');
  if (!as && groups.length) throw new CommandError('requesting uid, groups or user-extra for test without impersonating a user');
  return as ? impersonated(as, groups) : ADMIN_USER;
}

function run(cx: CommandContext): number {
  const f = cx.flags;
  const ns = f.bool('all-namespaces') ? '' : cx.namespace;
  if (f.bool('list')) {
    if (f.args.length) throw new CommandError('list option must be specified with no arguments', `See '${cx.path} -h' for help and examples.`);
    return list(cx, ns);
  }
  if (f.args.length !== 2) throw new CommandError('you must specify two arguments: verb resource or verb resource/resourceName.', `See '${cx.path} -h' for help and examples.`);
  const [verb, what] = f.args as [string, string];
  const attrs: Attributes = { user: user(cx), verb };
  if (what.startsWith('/')) {
    if (!NON_RESOURCE_VERBS.includes(verb)) cx.err(`Warning: verb '${verb}' is not a known verb\n\n`);
    attrs.path = what;
  } else {
    const slash = what.indexOf('/');
    const typed = slash >= 0 ? what.slice(0, slash) : what;
    if (slash >= 0) attrs.name = what.slice(slash + 1);
    const t = typed === '*' ? undefined : resolveResource(typed);
    // cani.go Validate: the namespace (the context's, "default" at least) does not apply.
    if (t && !t.namespaced && ns)
      cx.err(t.group ? `Warning: resource '${t.plural}' is not namespace scoped in group '${t.group}'\n\n` : `Warning: resource '${t.plural}' is not namespace scoped\n\n`);
    if (!KNOWN_VERBS.includes(verb)) cx.err(`Warning: verb '${verb}' is not a known verb\n\n`);
    if (typed === '*') {
      attrs.resource = '*';
      attrs.apiGroup = '*';
    } else if (t) {
      attrs.resource = t.plural;
      attrs.apiGroup = t.group;
      if (t.namespaced && ns) attrs.namespace = ns;
    } else {
      cx.err(`Warning: the server doesn't have a resource type '${typed}'\n\n`);
      const dot = typed.indexOf('.');
      attrs.resource = dot >= 0 ? typed.slice(0, dot) : typed;
      attrs.apiGroup = dot >= 0 ? typed.slice(dot + 1) : '';
      if (ns) attrs.namespace = ns;
    }
    if (f.str('subresource')) attrs.subresource = f.str('subresource');
  }
  const d = authorize(cx.api, attrs);
  if (!f.bool('quiet')) cx.out(d.allowed ? 'yes\n' : 'no\n');
  return d.allowed ? 0 : 1;
}

function list(cx: CommandContext, ns: string): number {
  // printStatus: rules broken down, compacted and sorted as rbac.SortableRuleSlice does.
  const rules = compactRules(rulesFor(cx.api, user(cx), ns || undefined));
  const rows: string[][] = cx.flags.bool('no-headers') ? [] : [['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']];
  for (const r of rules) rows.push([combineResourceGroup(r.resources, r.apiGroups), goList(r.nonResourceURLs), goList(r.resourceNames), goList(r.verbs)]);
  cx.out(renderRows(rows));
  return 0;
}

export const auth: Command = {
  name: 'auth',
  short: 'Inspect authorization',
  flags: [],
  subcommands: [canI],
};
