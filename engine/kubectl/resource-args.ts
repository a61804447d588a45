// What `kubectl get|describe|delete` arguments name: `TYPE`, `TYPE NAME...`, `TYPE/NAME...`,
// `TYPE1,TYPE2 [NAME...]` and the `all` category, resolved against the API server's types the
// way cli-runtime's resource.Builder does.
import { resolveResource, type ResourceType } from '../apiserver/registry.ts';

export interface ResourceRequest {
  type: ResourceType;
  /** Empty: every object of the type (in scope). */
  names: string[];
}

export interface ResolvedArgs {
  requests: ResourceRequest[];
  /** One object named explicitly (TYPE NAME or one TYPE/NAME): printed alone, not as a List. */
  singleItem: boolean;
  /** Several types asked for: NAME cells carry `kind.group/`. */
  multipleTypes: boolean;
  /** The RESTMapper's ambiguity warnings (`short name "ev" could also match ...`). */
  warnings?: string[];
}

/** Short names two groups register; the core type wins and kubectl warns. */
const AMBIGUOUS_SHORT_NAMES: Record<string, string> = { ev: 'events.events.k8s.io' };

/** The warnings kubectl prints for the types typed in `args` (before any output). */
export function shortNameWarnings(args: readonly string[]): string[] {
  const typed = args.length && !args[0]!.includes('/') ? args[0]!.split(',') : args.filter((a) => a.includes('/')).map((a) => a.slice(0, a.indexOf('/')));
  const out: string[] = [];
  for (const t of typed) {
    const other = AMBIGUOUS_SHORT_NAMES[t.toLowerCase()];
    if (other && !out.some((w) => w.includes(`"${t}"`))) out.push(`Warning: short name "${t}" could also match lower priority resource ${other}\n`);
  }
  return out;
}

export class ResourceArgError extends Error {}

/** kubectl's `all` category (v1.32 api-resources --categories). */
const ALL = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs'];

function resolveType(typed: string): ResourceType {
  const t = resolveResource(typed);
  if (!t) throw new ResourceArgError(`the server doesn't have a resource type "${typed}"`);
  return t;
}

export function resolveArgs(args: readonly string[]): ResolvedArgs {
  if (args.length === 0) return { requests: [], singleItem: false, multipleTypes: false };
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length)
      throw new ResourceArgError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
      );
    const requests: ResourceRequest[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const typed = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!typed || !name) throw new ResourceArgError(`arguments in resource/name form must have a single resource and name`);
      const type = resolveType(typed);
      const prev = requests.find((r) => r.type === type);
      if (prev) prev.names.push(name);
      else requests.push({ type, names: [name] });
    }
    return { requests, singleItem: args.length === 1, multipleTypes: requests.length > 1 };
  }
  const [typeArg, ...names] = args;
  const typeNames = typeArg!.split(',').filter((s) => s !== '');
  const expanded = typeNames.flatMap((t) => (t.toLowerCase() === 'all' ? ALL : [t]));
  const requests: ResourceRequest[] = [];
  for (const typed of expanded) {
    const type = resolveType(typed);
    if (!requests.some((r) => r.type === type)) requests.push({ type, names: [...names] });
  }
  return { requests, singleItem: requests.length === 1 && names.length === 1, multipleTypes: typeNames.length > 1 || typeNames.some((t) => t.toLowerCase() === 'all') };
}

/** `pod`, `deployment.apps`: how kubectl prefixes names (`deployment.apps/web`). */
export function kindPrefix(t: Pick<ResourceType, 'kind' | 'group'>): string {
  return t.group ? `${t.kind.toLowerCase()}.${t.group}` : t.kind.toLowerCase();
}

/** `pods`, `deployments.apps`: how API errors and delete messages name the resource. */
export function qualifiedPlural(t: Pick<ResourceType, 'plural' | 'group'>): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}
