// kubectl create quota | priorityclass | poddisruptionbudget: small generators. Mirrors
// pkg/cmd/create/create_quota.go, create_priorityclass.go and create_pdb.go.
import type { KubeObject } from '../../api/meta.ts';
import { canonicalQuantity } from '../../api/quantity.ts';
import { parseSelector, SelectorParseError } from '../../api/labels.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { MUTATION_FLAGS } from '../mutation.ts';
import { createGenerated, meta, nameArg } from './generator.ts';

export const createQuota: Command = {
  name: 'quota',
  aliases: ['resourcequota'],
  short: 'Create a quota with the specified name',
  flags: [{ name: 'hard', type: 'string' }, { name: 'scopes', type: 'string' }, ...MUTATION_FLAGS],
  run(cx: CommandContext): number {
    const name = nameArg(cx);
    const spec: Record<string, unknown> = {};
    const hardText = cx.flags.str('hard');
    if (hardText) {
      const hard: Record<string, string> = {};
      for (const kv of hardText.split(',')) {
        const parts = kv.split('=');
        if (parts.length !== 2) throw new CommandError(`invalid argument syntax ${kv}, expected <resource>=<value>`);
        try {
          hard[parts[0]!] = canonicalQuantity(parts[1]!);
        } catch {
          throw new CommandError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
        }
      }
      spec['hard'] = hard;
    }
    const scopes = cx.flags.str('scopes');
    if (scopes) spec['scopes'] = scopes.split(',').map((s) => s.trim()).filter(Boolean);
    const obj: KubeObject = { kind: 'ResourceQuota', apiVersion: 'v1', metadata: meta(name), spec, status: {} };
    return createGenerated(cx, 'resourcequotas', true, obj, 'failed to create quota: ');
  },
};

export const createPriorityClass: Command = {
  name: 'priorityclass',
  aliases: ['pc'],
  short: 'Create a priority class with the specified name',
  flags: [
    { name: 'value', type: 'int' },
    { name: 'global-default', type: 'bool' },
    { name: 'description', type: 'string' },
    { name: 'preemption-policy', type: 'string' },
    ...MUTATION_FLAGS,
  ],
  run(cx: CommandContext): number {
    const name = nameArg(cx);
    const f = cx.flags;
    const obj: KubeObject = { kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: meta(name), value: f.int('value', 0) };
    if (f.bool('global-default')) obj['globalDefault'] = true;
    if (f.str('description')) obj['description'] = f.str('description');
    obj['preemptionPolicy'] = f.str('preemption-policy') || 'PreemptLowerPriority';
    return createGenerated(cx, 'priorityclasses.scheduling.k8s.io', false, obj, 'failed to create priorityclass: ');
  },
};

function intOrPercent(s: string): number | string {
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

/** metav1.ParseToLabelSelector: equality requirements become matchLabels, the rest expressions. */
export function toLabelSelector(text: string): Record<string, unknown> {
  let reqs;
  try {
    reqs = parseSelector(text);
  } catch (e) {
    if (e instanceof SelectorParseError) throw new CommandError(`couldn't parse the selector string "${text}": ${e.message}`);
    throw e;
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Record<string, unknown>[] = [];
  for (const r of reqs) {
    if (r.op === '=') matchLabels[r.key] = r.value;
    else if (r.op === '!=') matchExpressions.push({ key: r.key, operator: 'NotIn', values: [r.value] });
    else if (r.op === 'in' || r.op === 'notin') matchExpressions.push({ key: r.key, operator: r.op === 'in' ? 'In' : 'NotIn', values: r.values });
    else matchExpressions.push({ key: r.key, operator: r.op === 'exists' ? 'Exists' : 'DoesNotExist' });
  }
  const out: Record<string, unknown> = {};
  if (Object.keys(matchLabels).length) out['matchLabels'] = matchLabels;
  if (matchExpressions.length) out['matchExpressions'] = matchExpressions;
  return out;
}

export const createPdb: Command = {
  name: 'poddisruptionbudget',
  aliases: ['pdb'],
  short: 'Create a pod disruption budget with the specified name',
  flags: [{ name: 'selector', type: 'string' }, { name: 'min-available', type: 'string' }, { name: 'max-unavailable', type: 'string' }, ...MUTATION_FLAGS],
  run(cx: CommandContext): number {
    const name = nameArg(cx);
    const f = cx.flags;
    if (!f.str('selector')) throw new CommandError('a selector must be specified');
    const min = f.str('min-available');
    const max = f.str('max-unavailable');
    if (!min && !max) throw new CommandError('one of min-available or max-unavailable must be specified');
    if (min && max) throw new CommandError('min-available and max-unavailable cannot be both specified');
    const spec: Record<string, unknown> = {};
    if (min) spec['minAvailable'] = intOrPercent(min);
    spec['selector'] = toLabelSelector(f.str('selector'));
    if (max) spec['maxUnavailable'] = intOrPercent(max);
    const obj: KubeObject = {
      kind: 'PodDisruptionBudget',
      apiVersion: 'policy/v1',
      metadata: meta(name),
      spec,
      status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
    };
    return createGenerated(cx, 'poddisruptionbudgets.policy', true, obj, 'failed to create poddisruptionbudgets: ');
  },
};
