// Field selectors as the API server takes them (apimachinery fields.ParseSelector plus each
// kind's field label conversion and selectable fields, v1.32): a kind answers only for the
// fields it registers. Core kinds with their own conversion reject others with
// `field label not supported: X`; every other kind uses DefaultMetaV1FieldSelectorConversion
// (`"X" is not a known field selector: only "metadata.name", "metadata.namespace"`).
import type { KubeObject } from '../api/meta.ts';
import type { ResourceType } from './registry.ts';
import { badRequest } from './status.ts';

type Getter = (o: KubeObject) => string;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const at = (o: unknown, path: string): unknown => {
  let v = o;
  for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
};
/** A plain field path, printed as Go prints a string (absent = ""). */
const field = (path: string): Getter => (o) => str(at(o, path));
/** strconv.FormatBool: an absent bool is "false". */
const bool = (path: string): Getter => (o) => String(at(o, path) === true);
/** strconv.Itoa of an int field: absent is "0". */
const int = (path: string): Getter => (o) => String(at(o, path) ?? 0);

const META: Record<string, Getter> = { 'metadata.name': field('metadata.name'), 'metadata.namespace': field('metadata.namespace') };
const NAME_ONLY: Record<string, Getter> = { 'metadata.name': field('metadata.name') };

/** Kinds with their own conversion function (key: group/Kind), and the fields each selects on. */
const SELECTABLE: Record<string, Record<string, Getter>> = {
  '/Pod': {
    ...META,
    'spec.nodeName': field('spec.nodeName'),
    'spec.restartPolicy': field('spec.restartPolicy'),
    'spec.schedulerName': field('spec.schedulerName'),
    'spec.serviceAccountName': field('spec.serviceAccountName'),
    'spec.hostNetwork': bool('spec.hostNetwork'),
    'status.phase': field('status.phase'),
    'status.podIP': field('status.podIP'),
    'status.podIPs': (o) => ((at(o, 'status.podIPs') as { ip?: string }[] | undefined) ?? []).map((p) => p.ip ?? '').join(','),
    'status.nominatedNodeName': field('status.nominatedNodeName'),
  },
  '/Node': { ...NAME_ONLY, 'spec.unschedulable': bool('spec.unschedulable') },
  '/ReplicationController': { ...META, 'status.replicas': int('status.replicas') },
  '/Event': {
    ...META,
    'involvedObject.kind': field('involvedObject.kind'),
    'involvedObject.namespace': field('involvedObject.namespace'),
    'involvedObject.name': field('involvedObject.name'),
    'involvedObject.uid': field('involvedObject.uid'),
    'involvedObject.apiVersion': field('involvedObject.apiVersion'),
    'involvedObject.resourceVersion': field('involvedObject.resourceVersion'),
    'involvedObject.fieldPath': field('involvedObject.fieldPath'),
    reason: field('reason'),
    reportingComponent: field('reportingComponent'),
    source: field('source.component'),
    type: field('type'),
  },
  '/Namespace': { ...NAME_ONLY, 'status.phase': field('status.phase') },
  '/Secret': { ...META, type: field('type') },
  '/Service': { ...META, 'spec.clusterIP': field('spec.clusterIP'), 'spec.type': field('spec.type') },
  'apps/ReplicaSet': { ...META, 'status.replicas': int('status.replicas') },
  'batch/Job': { ...META, 'status.successful': int('status.successful') },
  'certificates.k8s.io/CertificateSigningRequest': { ...NAME_ONLY, 'spec.signerName': field('spec.signerName') },
};

/** Old clients send spec.host for a pod's node. */
const ALIASES: Record<string, Record<string, string>> = { '/Pod': { 'spec.host': 'spec.nodeName' } };

interface Requirement {
  get: Getter;
  negate: boolean;
  value: string;
}

/** fields.ParseSelector's split: `a=b,c!=d` (`==` as `=`); a term without an operator is an error. */
function parse(selector: string): { label: string; negate: boolean; value: string }[] {
  return selector
    .split(',')
    .filter((term) => term !== '')
    .map((term) => {
      const m = /^([^!=]*)(==|=|!=)(.*)$/.exec(term);
      if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
      return { label: m[1]!.trim(), negate: m[2] === '!=', value: m[3]!.trim() };
    });
}

/** The getter of a field label on this kind, or the API server's error for it. */
function getterFor(type: ResourceType, label: string): Getter {
  const kind = `${type.group}/${type.kind}`;
  const own = SELECTABLE[kind];
  if (!own) {
    const meta = META[label];
    if (meta) return meta;
    throw badRequest(`"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
  }
  const get = own[ALIASES[kind]?.[label] ?? label];
  if (!get) throw badRequest(`field label not supported: ${label}`);
  return get;
}

/** A predicate for a field selector on a kind; throws BadRequest as the API server answers. */
export function compileFieldSelector(type: ResourceType, selector: string): (o: KubeObject) => boolean {
  const reqs: Requirement[] = parse(selector).map((r) => ({ get: getterFor(type, r.label), negate: r.negate, value: r.value }));
  return (o) => reqs.every((r) => (r.get(o) === r.value) !== r.negate);
}
