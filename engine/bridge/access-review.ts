// POST authorization.k8s.io/v1 selfsubjectaccessreviews and selfsubjectrulesreviews: the
// requesting user (kubectl's identity, or the one its --as/--as-group impersonation headers
// name) checked against the API server's RBAC authorizer, so `kubectl auth can-i` works.
import { ADMIN_USER, authorize, impersonated, rulesFor, type Attributes, type UserInfo } from '../apiserver/authorizer.ts';
import type { Engine } from '../engine.ts';
import type { BridgeRequest } from './http.ts';

/** The user a request acts as: Impersonate-User / Impersonate-Group headers, else the admin. */
export function requestUser(req: BridgeRequest): UserInfo {
  const as = req.headers['impersonate-user'];
  const groups = (req.headers['impersonate-group'] ?? '').split(/,\s*/).filter((g) => g);
  return as ? impersonated(as, groups) : ADMIN_USER;
}

interface AccessReview {
  spec?: {
    resourceAttributes?: { namespace?: string; verb?: string; group?: string; resource?: string; subresource?: string; name?: string };
    nonResourceAttributes?: { path?: string; verb?: string };
  };
}

export function accessReview(engine: Engine, req: BridgeRequest, body: AccessReview): Record<string, unknown> {
  const spec = body.spec ?? {};
  const user = requestUser(req);
  let attrs: Attributes;
  if (spec.nonResourceAttributes) attrs = { user, verb: spec.nonResourceAttributes.verb ?? '', path: spec.nonResourceAttributes.path ?? '' };
  else {
    const r = spec.resourceAttributes ?? {};
    attrs = { user, verb: r.verb ?? '', apiGroup: r.group ?? '', resource: r.resource ?? '' };
    if (r.namespace) attrs.namespace = r.namespace;
    if (r.subresource) attrs.subresource = r.subresource;
    if (r.name) attrs.name = r.name;
  }
  const d = authorize(engine.api, attrs);
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status: { allowed: d.allowed, ...(d.reason ? { reason: d.reason } : {}) },
  };
}

export function rulesReview(engine: Engine, req: BridgeRequest, body: { spec?: { namespace?: string } }): Record<string, unknown> {
  const ns = body.spec?.namespace;
  const rules = rulesFor(engine.api, requestUser(req), ns || undefined);
  const resourceRules = rules.filter((r) => !r.nonResourceURLs?.length).map((r) => ({ verbs: r.verbs ?? [], ...(r.apiGroups ? { apiGroups: r.apiGroups } : {}), ...(r.resources ? { resources: r.resources } : {}), ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}) }));
  const nonResourceRules = rules.filter((r) => r.nonResourceURLs?.length).map((r) => ({ verbs: r.verbs ?? [], nonResourceURLs: r.nonResourceURLs }));
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: body.spec ?? {},
    status: { resourceRules, nonResourceRules, incomplete: false },
  };
}
