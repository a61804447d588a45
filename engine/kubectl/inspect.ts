// The page's inspector: the same text `kubectl describe` and `kubectl get -o yaml` print for
// one object, addressed by kind (Pod, Deployment, ...) or resource name.
import type { KubeObject } from '../api/meta.ts';
import { resolveResource, RESOURCE_TYPES, resourceKey, type ResourceType } from '../apiserver/registry.ts';
import { ApiError } from '../apiserver/status.ts';
import type { Engine } from '../engine.ts';
import { describeObject } from './printers/describe/index.ts';
import { printGeneric } from './printers/objects.ts';
import { statusText } from './server-errors.ts';

export interface InspectTarget {
  kind: string;
  namespace?: string;
  name: string;
}

function typeOf(kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.kind === kind && t.group !== 'events.k8s.io') ?? resolveResource(kind);
}

function lookup(engine: Engine, target: InspectTarget): { key: string; obj: KubeObject } | string {
  const t = typeOf(target.kind);
  if (!t) return `error: the server doesn't have a resource type "${target.kind}"\n`;
  const key = resourceKey(t);
  try {
    return { key, obj: engine.api.get(key, t.namespaced ? target.namespace ?? 'default' : undefined, target.name) };
  } catch (e) {
    if (e instanceof ApiError) return statusText(e.status);
    throw e;
  }
}

/** `kubectl describe <kind> <name>` output. */
export function describeText(engine: Engine, target: InspectTarget): string {
  const r = lookup(engine, target);
  if (typeof r === 'string') return r;
  return describeObject({ api: engine.api, now: engine.clock.now() }, r.key, r.obj);
}

/** `kubectl get <kind> <name> -o yaml` output. */
export function yamlText(engine: Engine, target: InspectTarget): string {
  const r = lookup(engine, target);
  if (typeof r === 'string') return r;
  return printGeneric([r.obj], 'yaml', true);
}
