// The Kubernetes REST API over the engine's ApiServer: one request in, one response out (or a
// stream for watch and logs -f). No sockets here: bin/serve-api.ts wraps it in Node's HTTP
// server so the real kubectl can drive the simulated cluster. Every write runs the cluster's
// controllers to quiet at the current virtual instant before answering.
import type { KubeObject } from '../api/meta.ts';
import { SelectorParseError } from '../api/labels.ts';
import type { DeleteOptions, ListOptions, PatchType } from '../apiserver/apiserver.ts';
import type { FieldValidation } from '../apiserver/schema/decode.ts';
import { EXTRA_VERSIONS, RESOURCE_TYPES, resourceKey, apiVersionOf, type ResourceType } from '../apiserver/registry.ts';
import { ApiError, badRequest, internalError, methodNotAllowed } from '../apiserver/status.ts';
import type { Engine } from '../engine.ts';
import {
  AGGREGATED_CONTENT_TYPE,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  subresourcesOf,
  versionInfo,
  wantsAggregated,
} from './discovery.ts';
import { accessReview, rulesReview } from './access-review.ts';
import { bindPod, evict } from './eviction.ts';
import { json, statusResponse, text, type BridgeRequest, type BridgeResponse } from './http.ts';
import { podLog } from './logs.ts';
import { OpenApiDocs, type OpenApiV2 } from './openapi.ts';
import { decodeProtobuf } from './protobuf.ts';
import { parseResourcePath, type ResourceRoute } from './route.ts';
import { toScale, writeScale, type Scale } from './scale.ts';
import { serverSideApply } from './server-side-apply.ts';
import { toTable, wantsTable, type IncludeObject } from './table.ts';
import { watchResponse } from './watch.ts';

export interface BridgeOptions {
  /** The OpenAPI v2 document (kubernetes-swagger.json); without it /openapi/* is 404. */
  openapi?: OpenApiV2;
}

const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
};
const APPLY_PATCH = 'application/apply-patch+yaml';
const REVIEWS = new Set(['selfsubjectaccessreviews', 'selfsubjectrulesreviews']);

type Query = URLSearchParams;

export class ApiBridge {
  private readonly openapi: OpenApiDocs | undefined;

  /** `engineOf` is asked on every request: the runtime may replace the engine (reset). */
  constructor(
    private readonly engineOf: () => Engine,
    opts: BridgeOptions = {},
  ) {
    this.openapi = opts.openapi ? new OpenApiDocs(opts.openapi) : undefined;
  }

  handle(req: BridgeRequest): BridgeResponse {
    const url = new URL(req.url, 'http://bridge.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    try {
      return this.route(req, path, url.searchParams);
    } catch (e) {
      if (e instanceof ApiError) return statusResponse(e.status);
      // Selector syntax errors are the request's fault: 400, as the API server's decoder says.
      if (e instanceof SelectorParseError) return statusResponse(badRequest(e.message).status);
      return statusResponse(internalError((e as Error).message ?? String(e)).status);
    }
  }

  private route(req: BridgeRequest, path: string, q: Query): BridgeResponse {
    const accept = req.headers['accept'];
    if (req.method === 'GET') {
      switch (path) {
        case '/version':
          return json(200, versionInfo());
        case '/healthz':
        case '/livez':
        case '/readyz':
          return text(200, 'ok');
        case '/api':
          return wantsAggregated(accept)
            ? json(200, aggregatedDiscovery(true), { 'content-type': AGGREGATED_CONTENT_TYPE })
            : json(200, apiVersions());
        case '/apis':
          return wantsAggregated(accept)
            ? json(200, aggregatedDiscovery(false), { 'content-type': AGGREGATED_CONTENT_TYPE })
            : json(200, apiGroupList());
        case '/openapi/v2':
          if (!this.openapi) return notFoundPath();
          // kubectl asks for the protobuf form first; only JSON is served.
          if (accept && !accept.split(',').some((a) => /application\/json|\*\/\*/.test(a))) return notAcceptable();
          return text(200, this.openapi.v2Json(), 'application/json');
        case '/openapi/v3':
          return this.openapi ? json(200, this.openapi.root()) : notFoundPath();
      }
      if (path.startsWith('/openapi/v3/')) {
        const doc = this.openapi?.doc(path.slice('/openapi/v3/'.length));
        if (!doc) return notFoundPath();
        return { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'public, immutable', etag: `"${doc.hash}"` }, body: doc.text };
      }
      const m = /^\/api\/(v\w+)$/.exec(path) ?? /^\/apis\/([^/]+\/[^/]+)$/.exec(path);
      if (m) {
        const [group, version] = path.startsWith('/api/') ? ['', m[1]!] : m[1]!.split('/') as [string, string];
        const list = apiResourceList(group, version);
        return list ? json(200, list) : notFoundPath();
      }
      const g = /^\/apis\/([^/]+)$/.exec(path);
      if (g) {
        const doc = apiGroup(g[1]!);
        return doc ? json(200, doc) : notFoundPath();
      }
    }
    const r = parseResourcePath(path);
    if (!r) return notFoundPath();
    // kubectl's typed clients send protobuf: decoded to the same object's JSON.
    const ct = contentType(req);
    if (ct === 'application/vnd.kubernetes.protobuf' && req.bodyBytes?.length)
      req = { ...req, body: JSON.stringify(decodeProtobuf(req.bodyBytes)), headers: { ...req.headers, 'content-type': 'application/json' } };
    else if (req.body && /protobuf|cbor/.test(ct)) return unsupportedBody();
    if (r.group === 'authorization.k8s.io' && r.version === 'v1' && r.name === undefined && REVIEWS.has(r.resource)) {
      if (req.method !== 'POST') return methodNotAllowedFor(req.method);
      const body = parseJson(req.body) as Record<string, unknown>;
      const engine = this.engineOf();
      return json(201, r.resource === 'selfsubjectaccessreviews' ? accessReview(engine, req, body) : rulesReview(engine, req, body));
    }
    const t = typeAt(r);
    if (!t) return notFoundPath();
    if (r.subresource && !subresourcesOf(t).some((s) => s.name === r.subresource)) return notFoundPath();
    return this.resource(req, r, t, q, accept);
  }

  private resource(req: BridgeRequest, r: ResourceRoute, t: ResourceType, q: Query, accept: string | undefined): BridgeResponse {
    const engine = this.engineOf();
    const api = engine.api;
    const key = resourceKey(t);
    const ns = t.namespaced ? r.namespace : undefined;
    const dryRun = q.getAll('dryRun').includes('All');
    const table = wantsTable(accept) ? { include: (q.get('includeObject') as IncludeObject | null) ?? 'Metadata' } : undefined;
    const written = (res: BridgeResponse): BridgeResponse => {
      if (!dryRun) engine.runUntilQuiet();
      return res;
    };

    if (r.name === undefined) {
      // Collection.
      switch (req.method) {
        case 'GET': {
          const opts: ListOptions = {};
          const ls = q.get('labelSelector');
          const fs = q.get('fieldSelector');
          if (ls) opts.labelSelector = ls;
          if (fs) opts.fieldSelector = fs;
          if (isTrue(q.get('watch'))) {
            const timeout = Number(q.get('timeoutSeconds'));
            return watchResponse(engine, {
              resource: key,
              opts: { ...opts, ...(ns !== undefined ? { namespace: ns } : {}), ...(q.get('resourceVersion') ? { resourceVersion: q.get('resourceVersion')! } : {}) },
              ...(table ? { table } : {}),
              ...(timeout > 0 ? { timeoutMs: timeout * 1000 } : {}),
            });
          }
          return this.list(engine, t, key, ns, opts, q, table);
        }
        case 'POST': {
          const body = parseBody(req, t);
          if (key === 'bindings') {
            bindPod(engine, ns ?? 'default', body.metadata?.name ?? '', body);
            return written(json(201, success(201)));
          }
          const res = api.create(key, ns, body, { dryRun, ...fieldValidation(q) });
          return written(json(201, res.object, warningHeaders(res.warnings)));
        }
        case 'DELETE': {
          const opts = deleteOptions(req, q, dryRun);
          const listOpts: ListOptions = {};
          if (q.get('labelSelector')) listOpts.labelSelector = q.get('labelSelector')!;
          if (q.get('fieldSelector')) listOpts.fieldSelector = q.get('fieldSelector')!;
          const items = api.list(key, ns, listOpts).map((o) => api.delete(key, o.metadata.namespace, o.metadata.name ?? '', opts).object);
          return written(json(200, listOf(t, items, String(engine.store.resourceVersion()))));
        }
      }
      return methodNotAllowedFor(req.method);
    }

    const name = r.name;
    switch (r.subresource) {
      case undefined:
        break;
      case 'status':
        if (req.method === 'GET') return json(200, api.get(key, ns, name));
        if (req.method === 'PUT') {
          const body = parseBody(req, t);
          checkName(body, name);
          body.metadata = { ...body.metadata, ...(ns !== undefined ? { namespace: ns } : {}) };
          const res = api.updateStatus(key, body, { dryRun });
          return written(json(200, res.object, warningHeaders(res.warnings)));
        }
        if (req.method === 'PATCH') return written(this.patch(req, key, ns, name, q, dryRun, 'status'));
        return methodNotAllowedFor(req.method);
      case 'scale': {
        if (req.method === 'GET') return json(200, toScale(api.get(key, ns, name)));
        if (req.method === 'PUT') {
          const body = parseJson(req.body) as Scale;
          const res = writeScale(api, t, ns, name, { put: body }, dryRun);
          return written(json(200, res.object, warningHeaders(res.warnings)));
        }
        if (req.method === 'PATCH') {
          const type = PATCH_TYPES[contentType(req)];
          if (!type) return unsupportedPatch();
          const res = writeScale(api, t, ns, name, { patch: parseJson(req.body), type }, dryRun);
          return written(json(200, res.object, warningHeaders(res.warnings)));
        }
        return methodNotAllowedFor(req.method);
      }
      case 'log': {
        if (req.method !== 'GET') return methodNotAllowedFor(req.method);
        const tail = q.get('tailLines');
        return podLog(engine, ns ?? 'default', name, {
          ...(q.get('container') ? { container: q.get('container')! } : {}),
          previous: isTrue(q.get('previous')),
          follow: isTrue(q.get('follow')),
          timestamps: isTrue(q.get('timestamps')),
          ...(tail !== null && tail !== '' ? { tailLines: Number(tail) } : {}),
        });
      }
      case 'eviction':
        if (req.method !== 'POST') return methodNotAllowedFor(req.method);
        evict(engine, ns ?? 'default', name, req.body ? (parseJson(req.body) as KubeObject) : undefined, dryRun);
        return written(json(201, success(201)));
      case 'binding':
        if (req.method !== 'POST') return methodNotAllowedFor(req.method);
        bindPod(engine, ns ?? 'default', name, parseJson(req.body) as KubeObject);
        return written(json(201, success(201)));
      case 'finalize': {
        if (req.method !== 'PUT') return methodNotAllowedFor(req.method);
        const body = parseJson(req.body) as { spec?: { finalizers?: string[] } };
        return written(json(200, api.finalizeNamespace(name, body.spec?.finalizers ?? [])));
      }
      default:
        return notFoundPath();
    }

    switch (req.method) {
      case 'GET': {
        const o = api.get(key, ns, name);
        if (table) return json(200, toTable(key, [o], { now: engine.clock.now(), include: table.include, resourceVersion: o.metadata.resourceVersion ?? '' }));
        return json(200, o);
      }
      case 'PUT': {
        const body = parseBody(req, t);
        checkName(body, name);
        body.metadata = { ...body.metadata, ...(ns !== undefined ? { namespace: ns } : {}) };
        const res = api.update(key, body, { dryRun, ...fieldValidation(q) });
        return written(json(200, res.object, warningHeaders(res.warnings)));
      }
      case 'PATCH':
        return written(this.patch(req, key, ns, name, q, dryRun));
      case 'DELETE': {
        const res = api.delete(key, ns, name, deleteOptions(req, q, dryRun));
        const gone = !dryRun && engine.store.get(key, ns, name) === undefined;
        if (gone) {
          const details = { name, ...(t.group ? { group: t.group } : {}), kind: t.plural, uid: res.object.metadata.uid };
          return written(json(200, { ...success(200), details }, warningHeaders(res.warnings)));
        }
        return written(json(200, res.object, warningHeaders(res.warnings)));
      }
    }
    return methodNotAllowedFor(req.method);
  }

  private list(engine: Engine, t: ResourceType, key: string, ns: string | undefined, opts: ListOptions, q: Query, table: { include: IncludeObject } | undefined): BridgeResponse {
    const all = engine.api.list(key, ns, opts);
    const rv = String(engine.store.resourceVersion());
    // limit/continue: the token carries the offset into the (name-ordered) list.
    let start = 0;
    const cont = q.get('continue');
    if (cont) {
      try {
        start = (JSON.parse(atob(cont)) as { start: number }).start;
      } catch {
        throw badRequest('continue key is not valid: illegal base64 data at input byte 0');
      }
    }
    const limit = Number(q.get('limit') ?? '0');
    const end = limit > 0 ? Math.min(all.length, start + limit) : all.length;
    const items = all.slice(start, end);
    const more = end < all.length;
    const continueToken = more ? btoa(JSON.stringify({ rv, start: end })) : undefined;
    if (table)
      return json(200, toTable(key, items, {
        now: engine.clock.now(),
        include: table.include,
        resourceVersion: rv,
        ...(continueToken ? { continueToken, remaining: all.length - end } : {}),
      }));
    const list = listOf(t, items, rv);
    if (continueToken) Object.assign(list['metadata'] as object, { continue: continueToken, remainingItemCount: all.length - end });
    return json(200, list);
  }

  private patch(req: BridgeRequest, key: string, ns: string | undefined, name: string, q: Query, dryRun: boolean, subresource?: 'status'): BridgeResponse {
    const engine = this.engineOf();
    const ct = contentType(req);
    if (ct === APPLY_PATCH) {
      const res = serverSideApply(engine.api, key, ns, name, req.body, { dryRun, force: isTrue(q.get('force')), fieldManager: q.get('fieldManager') ?? '', ...fieldValidation(q) });
      return json(res.created ? 201 : 200, res.object, warningHeaders(res.warnings));
    }
    const type = PATCH_TYPES[ct];
    if (!type) return unsupportedPatch();
    const res = engine.api.patch(key, ns, name, type, parseJson(req.body), { dryRun, ...fieldValidation(q), ...(subresource ? { subresource } : {}) });
    return json(200, res.object, warningHeaders(res.warnings));
  }
}

function typeAt(r: ResourceRoute): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    (t) => t.group === r.group && t.plural === r.resource && (t.version === r.version || (EXTRA_VERSIONS[t.group] ?? []).includes(r.version)),
  );
}

function listOf(t: ResourceType, items: readonly KubeObject[], rv: string): Record<string, unknown> {
  return {
    kind: `${t.kind}List`,
    apiVersion: apiVersionOf(t),
    metadata: { resourceVersion: rv },
    items: items.map((o) => ({ ...o, apiVersion: o.apiVersion || apiVersionOf(t), kind: o.kind || t.kind })),
  };
}

function success(code: number): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code };
}

function isTrue(v: string | null): boolean {
  return v === 'true' || v === '1';
}

function contentType(req: BridgeRequest): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function fieldValidation(q: Query): { fieldValidation?: FieldValidation } {
  const v = q.get('fieldValidation');
  if (v === null || v === '') return {};
  if (v !== 'Strict' && v !== 'Warn' && v !== 'Ignore')
    throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", but was "${v}"`);
  return { fieldValidation: v };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (e) {
    throw badRequest(`the object provided is unrecognized: ${(e as Error).message}`);
  }
}

function parseBody(req: BridgeRequest, t: ResourceType): KubeObject {
  const o = parseJson(req.body);
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw badRequest(`Object 'Kind' is missing in '${req.body}'`);
  const obj = o as KubeObject;
  obj.metadata ??= {};
  void t;
  return obj;
}

function checkName(body: KubeObject, name: string): void {
  const bodyName = body.metadata?.name;
  if (bodyName && bodyName !== name) throw badRequest(`the name of the object (${bodyName}) does not match the name on the URL (${name})`);
  body.metadata = { ...body.metadata, name };
}

function deleteOptions(req: BridgeRequest, q: Query, dryRun: boolean): DeleteOptions {
  const body = req.body.trim() ? (parseJson(req.body) as { propagationPolicy?: string; gracePeriodSeconds?: number; dryRun?: string[]; preconditions?: { uid?: string } }) : {};
  const opts: DeleteOptions = {};
  const policy = q.get('propagationPolicy') ?? body.propagationPolicy;
  if (policy) {
    if (policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan')
      throw badRequest(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`);
    opts.propagationPolicy = policy;
  }
  const grace = q.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
  if (grace !== null && grace !== undefined && grace !== '') opts.gracePeriodSeconds = Number(grace);
  if (dryRun || body.dryRun?.includes('All')) opts.dryRun = true;
  if (body.preconditions?.uid) opts.uid = body.preconditions.uid;
  return opts;
}

/** Each warning becomes a `Warning: 299 - "text"` header, which kubectl prints as `Warning: text`. */
function warningHeaders(warnings: readonly string[]): Record<string, string[]> {
  return warnings.length ? { warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`) } : {};
}

function notFoundPath(): BridgeResponse {
  return json(404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
}

function notAcceptable(): BridgeResponse {
  return json(406, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'only application/json is served', reason: 'NotAcceptable', code: 406 });
}

function unsupportedPatch(): BridgeResponse {
  return json(415, {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'UnsupportedMediaType', code: 415,
    message: 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json',
  });
}

function unsupportedBody(): BridgeResponse {
  return json(415, {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'UnsupportedMediaType', code: 415,
    message: 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
  });
}

function methodNotAllowedFor(method: string): BridgeResponse {
  return statusResponse(methodNotAllowed(`the server does not allow this method on the requested resource (${method})`).status);
}
