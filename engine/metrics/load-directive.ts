// `sim load TYPE/NAME CPU [-n NAMESPACE]`: drive CPU load at a workload (what the UI's load
// generator does): `sim load deployment/web 500m`, `sim load deployment/web 0` to stop.
import { resolveResource, resourceKey } from '../apiserver/registry.ts';
import type { Engine } from '../engine.ts';
import { quantityValue } from '../scheduler/resources.ts';
import { setLoad } from './load.ts';


/** Returns an error message, or undefined when the load is set. */
export function loadDirective(engine: Engine, args: string[]): string | undefined {
  let ns = 'default';
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-n' || a === '--namespace') ns = args[++i] ?? ns;
    else if (a.startsWith('--namespace=')) ns = a.slice('--namespace='.length);
    else rest.push(a);
  }
  const [target, amount] = rest;
  if (!target || amount === undefined || !target.includes('/')) return 'load: expected "sim load TYPE/NAME CPU" (e.g. sim load deployment/web 500m)';
  const [typed, name] = target.split('/') as [string, string];
  const type = resolveResource(typed);
  if (!type) return `load: unknown resource type "${typed}"`;
  if (!/^\d+(\.\d+)?m?$/.test(amount)) return `load: invalid CPU quantity "${amount}" (try 500m or 2)`;
  const resource = resourceKey(type);
  if (!engine.store.get(resource, ns, name)) return `load: ${resource} "${name}" not found`;
  setLoad(engine.store, { namespace: ns, resource, name, milli: quantityValue(amount) * 1000 });
  return undefined;
}
