// Splits a Kubernetes REST path into group, version, namespace, resource, name and
// subresource, as the API server's RequestInfoResolver does (namespaces/NAME/status and
// namespaces/NAME/finalize are subresources of the namespace itself).
export interface ResourceRoute {
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** undefined when the path is not under /api/v1 or /apis/G/V with a resource. */
export function parseResourcePath(path: string): ResourceRoute | undefined {
  const parts = path.split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) rest = rest.slice(2);
    else return { group, version, resource: 'namespaces', name: rest[1], ...(rest[2] ? { subresource: rest[2] } : {}) };
  }
  if (rest.length > 3) return undefined;
  const r: ResourceRoute = { group, version, resource: rest[0]! };
  if (namespace !== undefined) r.namespace = namespace;
  if (rest[1] !== undefined) r.name = rest[1];
  if (rest[2] !== undefined) r.subresource = rest[2];
  return r;
}
