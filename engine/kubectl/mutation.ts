// Shared by the mutating commands: `--dry-run` modes, the `kind.group/name verb` message with
// its ` (dry run)` suffix, and printing the result object with -o.
import type { KubeObject } from '../api/meta.ts';
import { typeForKind } from '../apiserver/registry.ts';
import type { FieldValidation } from '../apiserver/schema/decode.ts';
import { CommandError, type CommandContext } from './command.ts';
import { parseOutput } from './output-format.ts';
import { nameOf } from './printers/objects.ts';
import { renderObjects } from './printers/output.ts';

export type DryRun = 'none' | 'client' | 'server';

export const MUTATION_FLAGS = [
  { name: 'dry-run', type: 'string' as const },
  { name: 'output', short: 'o', type: 'string' as const },
  { name: 'show-managed-fields', type: 'bool' as const },
  { name: 'field-manager', type: 'string' as const },
  { name: 'save-config', type: 'bool' as const },
  { name: 'validate', type: 'string' as const },
  { name: 'template', type: 'string' as const },
  { name: 'allow-missing-template-keys', type: 'bool' as const },
];

export function dryRunOf(cx: CommandContext): DryRun {
  if (!cx.flags.has('dry-run')) return 'none';
  const v = cx.flags.str('dry-run');
  if (v === 'client' || v === 'server' || v === 'none') return v;
  if (v === '' || v === 'true') return 'client';
  if (v === 'false') return 'none';
  throw new CommandError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

/**
 * --validate (default strict): the fieldValidation kubectl sends, so an unknown field is an
 * error by default and only a warning under --validate=warn.
 */
export function fieldValidationOf(cx: CommandContext): FieldValidation {
  const v = cx.flags.has('validate') ? cx.flags.str('validate').toLowerCase() : 'strict';
  if (v === '' || v === 'strict' || v === 'true') return 'Strict';
  if (v === 'warn') return 'Warn';
  if (v === 'ignore' || v === 'false') return 'Ignore';
  throw new CommandError(`invalid - validate option "${cx.flags.str('validate')}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/** Prints the result of a mutation: the object with -o, else `deployment.apps/web created`. */
export function printMutation(cx: CommandContext, obj: KubeObject, verb: string, dry: DryRun, typed = false): void {
  const out = parseOutput(cx.flags.str('output'), false, { template: cx.flags.str('template'), read: (p) => cx.env.workspace.read(p) });
  if (!out) {
    const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
    cx.out(`${nameOf(obj)} ${verb}${suffix}\n`);
    return;
  }
  cx.out(renderObjects([obj], out, true, { showManagedFields: cx.flags.bool('show-managed-fields'), typed }));
}

export function kindKnown(o: KubeObject): boolean {
  return typeForKind(o.apiVersion, o.kind) !== undefined;
}
