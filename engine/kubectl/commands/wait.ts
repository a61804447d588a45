// kubectl wait --for=condition=X[=v] | delete | create | jsonpath='{...}'[=v], with
// --timeout (default 30s): `deployment.apps/web condition met` per object, letting virtual
// time pass between checks. Mirrors pkg/cmd/wait (wait.go, condition.go, delete.go, json.go).
import type { KubeObject } from '../../api/meta.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { printMutation } from '../mutation.ts';
import { JsonPathError, parseTemplate, relaxedJsonPath, templateResults } from '../printers/jsonpath.ts';
import { resourceKey } from '../../apiserver/registry.ts';
import { kindPrefix, resolveArgs } from '../resource-args.ts';
import { collectTargets, type Target } from '../targets.ts';

const POLL_MS = 250;

export const wait: Command = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  flags: [
    { name: 'for', type: 'string' },
    { name: 'timeout', type: 'duration' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'local', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'template', type: 'string' },
    { name: 'allow-missing-template-keys', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
  ],
  run,
};

type Check = (o: KubeObject | undefined, first: KubeObject | undefined) => boolean;

interface Condition {
  kind: 'delete' | 'create' | 'state';
  check: Check;
}

function parseFor(raw: string): Condition {
  if (raw === 'delete') return { kind: 'delete', check: (o, first) => !o || o.metadata.uid !== first?.metadata.uid };
  if (raw === 'create') return { kind: 'create', check: (o) => o !== undefined };
  if (raw.startsWith('condition=')) {
    const spec = raw.slice('condition='.length);
    const i = spec.indexOf('=');
    const type = i >= 0 ? spec.slice(0, i) : spec;
    const want = i >= 0 ? spec.slice(i + 1) : 'true';
    return {
      kind: 'state',
      check: (o) => {
        const conds = ((o?.['status'] as { conditions?: { type?: string; status?: string; observedGeneration?: number }[] } | undefined)?.conditions ?? []);
        const c = conds.find((x) => (x.type ?? '').toLowerCase() === type.toLowerCase());
        if (!c || (c.status ?? '').toLowerCase() !== want.toLowerCase()) return false;
        return c.observedGeneration === undefined || c.observedGeneration >= (o?.metadata.generation ?? 0);
      },
    };
  }
  if (raw.startsWith('jsonpath=')) {
    const parts = raw.slice('jsonpath='.length).split('=');
    let expr: string;
    try {
      expr = relaxedJsonPath(parts[0]!);
    } catch (e) {
      if (e instanceof JsonPathError) throw new CommandError(e.message);
      throw e;
    }
    const value = parts.length > 1 ? parts.slice(1).join('=') : undefined;
    if (value === '') throw new CommandError('jsonpath wait has to have a value after equal sign');
    let nodes: ReturnType<typeof parseTemplate>;
    try {
      nodes = parseTemplate(expr);
    } catch (e) {
      if (e instanceof JsonPathError) throw new CommandError(e.message);
      throw e;
    }
    return {
      kind: 'state',
      check: (o) => {
        if (!o) return false;
        let got: unknown[];
        try {
          got = templateResults(nodes, JSON.parse(JSON.stringify(o)));
        } catch {
          return false;
        }
        if (value === undefined) return got.length > 0;
        return got.length === 1 && (typeof got[0] !== 'object' || got[0] === null) && String(got[0]) === value;
      },
    };
  }
  throw new CommandError(`unrecognized condition: ${JSON.stringify(raw)}`);
}

async function run(cx: CommandContext): Promise<number> {
  const f = cx.flags;
  const cond = parseFor(f.str('for'));
  const timeout = f.has('timeout') ? f.int('timeout', 30_000) : 30_000;
  const { targets, errors } = collectTargetsLenient(cx, cond);
  for (const e of errors) cx.err(e);
  if (errors.length) return 1;
  if (targets.length === 0) {
    if (cond.kind === 'delete' && (f.args.some((a) => a.includes('/')) || f.args.length > 1)) return 0;
    throw new CommandError('no matching resources found');
  }
  for (const t of targets) {
    const first = t.object;
    const deadline = cx.now() + timeout;
    let cur: KubeObject | undefined = first;
    for (;;) {
      cur = cx.api.tryGet(t.key, t.namespace, t.name);
      if (cond.check(cur, first)) break;
      if (cx.now() >= deadline || cx.io.cancelled()) {
        const what = `${t.type.plural}/${t.name}`;
        throw new CommandError(timeout === 0 ? `condition not met for ${what}` : `timed out waiting for the condition on ${what}`);
      }
      await cx.io.sleep(Math.min(POLL_MS, Math.max(1, deadline - cx.now())));
    }
    if (cur) printMutation(cx, cur, 'condition met', 'none');
    else cx.out(`${kindPrefix(t.type)}/${t.name} condition met\n`);
  }
  return 0;
}

/**
 * Targets; a named object that is already gone satisfies --for=delete silently, and one that
 * does not exist yet is awaited by --for=create.
 */
function collectTargetsLenient(cx: CommandContext, cond: Condition): { targets: Target[]; errors: string[] } {
  const r = collectTargets(cx, { args: cx.flags.args, selectable: true });
  if (cond.kind === 'delete') return { targets: r.targets, errors: r.errors.filter((e) => !e.includes('(NotFound)')) };
  if (cond.kind === 'create' && r.errors.length) {
    const named = resolveArgs(cx.flags.args).requests.flatMap((q) => q.names.map((name) => ({ type: q.type, name })));
    const targets = named.map(({ type, name }) => {
      const key = resourceKey(type);
      const namespace = type.namespaced ? cx.namespace : undefined;
      return { type, key, namespace, name, object: undefined as unknown as KubeObject };
    });
    return { targets, errors: [] };
  }
  return r;
}
