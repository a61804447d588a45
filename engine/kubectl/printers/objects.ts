// The generic printers of `get`/`create`/`apply -o`: yaml, json and name. Several objects
// (or any list query) print as a `kind: List`, as kubectl's printGeneric does; managedFields
// stay hidden unless --show-managed-fields.
import type { KubeObject } from '../../api/meta.ts';
import { typeForKind } from '../../apiserver/registry.ts';
import { kindPrefix } from '../resource-args.ts';
import { toJson } from './json.ts';
import { toYaml } from './yaml.ts';

export type GenericFormat = 'yaml' | 'json' | 'name';

export function stripManagedFields(o: KubeObject): KubeObject {
  if (!o.metadata || !('managedFields' in o.metadata)) return o;
  const { managedFields: _, ...metadata } = o.metadata;
  return { ...o, metadata };
}

export function listOf(items: KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** `deployment.apps/web`. */
export function nameOf(o: KubeObject): string {
  const t = typeForKind(o.apiVersion ?? '', o.kind ?? '');
  const prefix = t ? kindPrefix(t) : (o.kind ?? '').toLowerCase();
  return `${prefix}/${o.metadata?.name ?? ''}`;
}

export function printGeneric(objects: KubeObject[], format: GenericFormat, single: boolean, showManaged = false, typed = false): string {
  const objs = showManaged ? objects : objects.map(stripManagedFields);
  if (format === 'name') return objs.map((o) => `${nameOf(o)}\n`).join('');
  const value = single && objs.length === 1 ? objs[0] : listOf(objs);
  return format === 'yaml' ? toYaml(value) : `${toJson(value, !typed)}\n`;
}
