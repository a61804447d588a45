// The API server: every read and write in the cluster goes through these verbs (kubectl,
// controllers, scheduler, kubelets, the UI, lesson checks). It handles the generic metadata
// machinery (names, generateName, uid, resourceVersion, generation, namespaces, finalizers,
// graceful deletion) and delegates kind-specific defaulting and validation to kinds/*.ts.
import { compileFieldSelector } from './field-selectors.ts';
import { deepEqual } from '../api/deep-equal.ts';
import type { KubeObject, ObjectMeta } from '../api/meta.ts';
import { matches, parseSelector, type Selector } from '../api/labels.ts';
import type { Clock } from '../time/clock.ts';
import { K8S_ALPHANUMS, type Rng } from '../time/rng.ts';
import type { Store, WatchHandler } from '../store/store.ts';
import type { AdmissionPlugin, AdmissionRequest } from './admission/admission.ts';
import { ADMISSION_PLUGINS } from './admission/plugins.ts';
import { STRATEGIES } from './kinds/index.ts';
import { checkRequestSize } from './request-size.ts';
import { evictPod } from './eviction.ts';
import { filterEvent, WatchCache } from './watch-cache.ts';
import { QuantityError } from '../api/quantity.ts';
import { decodeObject, rootDefinition, type FieldValidation } from './schema/decode.ts';
import { nameValidatorFor, validateObjectMeta } from './validation/object-meta.ts';
import { applyMergePatch } from './patch/merge-patch.ts';
import { applyJsonPatch } from './patch/json-patch.ts';
import { applyStrategicMergePatch } from './patch/strategic-merge-patch.ts';
import { apiVersionOf, resourceKey, typeByKey, type ResourceType } from './registry.ts';
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  notFound,
  OPTIMISTIC_LOCK_MESSAGE,
  serviceUnavailable,
  type FieldError,
} from './status.ts';
import { RequestContext } from './request-context.ts';

export interface WriteOptions {
  dryRun?: boolean;
  /**
   * What to do with unknown fields (metav1.FieldValidation): Warn (the server default) drops
   * them with a `unknown field "x"` warning, Strict rejects the request, Ignore drops silently.
   * kubectl sends Strict unless run with --validate=warn|false.
   */
  fieldValidation?: FieldValidation;
  /**
   * A well-formed object built by a cluster component itself (the event recorder) and handed
   * over: the server keeps (and freezes) it, so the caller must not touch it again. Skips the
   * request-size check, the defensive copy and schema decoding, which only guard against what
   * a client might send. Admission, defaulting and validation still run.
   */
  trusted?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
  /** Precondition: only delete the object with this uid. */
  uid?: string;
}

export interface ListOptions {
  labelSelector?: string | Selector;
  fieldSelector?: string;
}

export interface WatchOptions extends ListOptions {
  /**
   * Resume after this version: retained events newer than it are replayed first (410 Gone when
   * it is older than the watch cache's window). "0" starts with the current objects as ADDED.
   * Unset: only changes from now on.
   */
  resourceVersion?: string;
  /** Only objects in this namespace. */
  namespace?: string;
}

export interface WriteResult<T extends KubeObject = KubeObject> {
  object: T;
  warnings: string[];
}

export type PatchType = 'merge' | 'json' | 'strategic';

/** Why the API server cannot answer now (component faults), or undefined when it can. */
export type Availability = () => ApiError | undefined;

/** Resources whose registry strategy tracks metadata.generation (bumped on spec changes). */
const TRACKS_GENERATION = new Set([
  'deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'daemonsets.apps', 'controllerrevisions.apps',
  'jobs.batch', 'cronjobs.batch', 'horizontalpodautoscalers.autoscaling', 'ingresses.networking.k8s.io',
  'networkpolicies.networking.k8s.io', 'poddisruptionbudgets.policy', 'priorityclasses.scheduling.k8s.io',
]);

const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const UUID_CHARS = new Uint16Array(36);

export class ApiServer {
  /** Set by the control-plane components (apiserver or etcd stopped). */
  availability: Availability = () => undefined;
  /** The admission chain every write passes (admission/plugins.ts has the order). */
  admission: readonly AdmissionPlugin[] = ADMISSION_PLUGINS;
  /** Recent watch events, for watches that resume from a resourceVersion. */
  readonly watchCache: WatchCache;

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly rng: Rng,
  ) {
    this.watchCache = new WatchCache(store);
  }

  // Reads -------------------------------------------------------------------------------

  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T {
    this.checkAvailable();
    const t = this.type(resource);
    const o = this.store.get(resource, t.namespaced ? namespace : undefined, name);
    if (!o) throw notFound({ group: t.group, resource: t.plural }, name);
    return o as T;
  }

  /** Like get, but undefined instead of NotFound. Still fails when the server is down. */
  tryGet<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined {
    this.checkAvailable();
    const t = this.type(resource);
    return this.store.get(resource, t.namespaced ? namespace : undefined, name) as T | undefined;
  }

  list<T extends KubeObject = KubeObject>(resource: string, namespace?: string, opts: ListOptions = {}): T[] {
    this.checkAvailable();
    const t = this.type(resource);
    let items = this.store.list(resource, t.namespaced ? namespace : undefined) as T[];
    if (opts.labelSelector !== undefined) {
      const sel = typeof opts.labelSelector === 'string' ? parseSelector(opts.labelSelector) : opts.labelSelector;
      if (sel.length) items = items.filter((o) => matches(sel, o.metadata.labels));
    }
    if (opts.fieldSelector) items = items.filter(compileFieldSelector(t, opts.fieldSelector));
    return items;
  }

  /**
   * Watches one resource (or all). With options: filtered by namespace and selectors (objects
   * moving in or out of the selection arrive as ADDED/DELETED), resumed from a resourceVersion.
   * Throws 410 Gone for a version older than the retained window of events.
   */
  watch(handler: WatchHandler, resource?: string, opts: WatchOptions = {}): () => void {
    const filtered = opts.namespace !== undefined || opts.labelSelector !== undefined || !!opts.fieldSelector;
    if (!filtered && opts.resourceVersion === undefined) return this.store.watch(handler, resource);
    this.checkAvailable();
    const t = resource === undefined ? undefined : this.type(resource);
    const sel = typeof opts.labelSelector === 'string' ? parseSelector(opts.labelSelector) : opts.labelSelector ?? [];
    const field = opts.fieldSelector ? (t ? compileFieldSelector(t, opts.fieldSelector) : fieldSelectorPredicate(opts.fieldSelector)) : undefined;
    const ns = t && !t.namespaced ? undefined : opts.namespace;
    const ok = (o: KubeObject) =>
      (ns === undefined || o.metadata.namespace === ns) && (!sel.length || matches(sel, o.metadata.labels)) && (!field || field(o));
    const deliver: WatchHandler = filtered
      ? (e) => {
          const f = filterEvent(e, ok);
          if (f) handler(f);
        }
      : handler;
    const rv = opts.resourceVersion;
    if (rv === '0') {
      for (const r of resource === undefined ? this.store.resources() : [resource])
        for (const object of this.store.list(r, ns)) if (ok(object)) handler({ type: 'ADDED', resource: r, object });
    } else if (rv !== undefined && rv !== '') {
      const n = Number(rv);
      if (!Number.isInteger(n) || n < 0) throw badRequest(`invalid resource version: ${rv}`);
      for (const e of this.watchCache.since(n)) if (resource === undefined || e.resource === resource) deliver(e);
    }
    return this.store.watch(deliver, resource);
  }

  // Writes ------------------------------------------------------------------------------

  create<T extends KubeObject>(resource: string, namespace: string | undefined, input: T, opts: WriteOptions = {}): WriteResult<T> {
    this.checkAvailable();
    const t = this.type(resource);
    if (!opts.trusted) checkRequestSize(input);
    const cx = this.context();
    const warnings = cx.warnings;
    // Not a spread copy: V8 gives each spread clone of objects whose fields vary in type (Events'
    // involvedObject) a map of its own, so every Event would carry its own hidden class.
    const obj = opts.trusted ? (input as KubeObject) : (structuredClone(input) as KubeObject);
    if (!opts.trusted) decode(t, obj, opts, warnings);
    obj.apiVersion = apiVersionOf(t);
    obj.kind = t.kind;
    const meta: ObjectMeta = (obj.metadata = { ...(obj.metadata ?? {}) });
    if (t.namespaced) {
      const ns = namespace ?? meta.namespace ?? 'default';
      if (meta.namespace && namespace && meta.namespace !== namespace)
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      meta.namespace = ns;
      // NamespaceLifecycle first: nothing else (names, allocations) happens in a missing namespace.
      this.admitNamespace(t, resource, ns, meta.name || meta.generateName || '', cx);
    } else delete meta.namespace;

    // Mutating admission sees the requested name: upstream generates names afterwards.
    const requestedName = meta.name || meta.generateName || '';
    if (!meta.name && meta.generateName) meta.name = this.generateName(meta.generateName, resource, meta.namespace);
    // System-set fields a client may not choose (checked first: a delete of an absent key still costs a call).
    if ('uid' in meta) delete meta.uid;
    if ('resourceVersion' in meta) delete meta.resourceVersion;
    if ('deletionTimestamp' in meta) delete meta.deletionTimestamp;
    if ('deletionGracePeriodSeconds' in meta) delete meta.deletionGracePeriodSeconds;
    if ('managedFields' in meta) delete meta.managedFields;
    meta.creationTimestamp = this.clock.nowRFC3339();
    meta.uid = this.uuid();
    if (TRACKS_GENERATION.has(resource)) meta.generation = 1;

    const strategy = STRATEGIES[resource];
    strategy?.prepareForCreate?.(obj, cx);
    if (strategy?.defaults) {
      try {
        strategy.defaults(obj, cx);
      } catch (e) {
        throw decodingError(t, e);
      }
    }
    const req: AdmissionRequest = { operation: 'CREATE', resource, type: t, namespace: meta.namespace, name: requestedName, object: obj, dryRun: !!opts.dryRun };
    this.admit('admit', req, cx);
    strategy?.admit?.(obj, cx);
    const errs = this.validateMeta(t, obj, cx);
    if (strategy?.validate) errs.push(...strategy.validate(obj, cx));
    if (errs.length) throw invalid(t.kind, t.group, meta.name ?? '', errs);
    req.name = meta.name ?? '';
    this.admit('validate', req, cx);
    if (opts.dryRun) {
      if (this.store.get(resource, meta.namespace, meta.name!)) throw alreadyExists({ group: t.group, resource: t.plural }, meta.name!);
      return { object: obj as T, warnings };
    }
    const stored = this.store.createFresh(resource, obj) as T | undefined;
    if (!stored) throw alreadyExists({ group: t.group, resource: t.plural }, meta.name!);
    cx.committed();
    return { object: stored, warnings };
  }

  /** Replaces an object (PUT). With metadata.resourceVersion set, it must be current. */
  update<T extends KubeObject>(resource: string, input: T, opts: WriteOptions = {}): WriteResult<T> {
    if (!opts.trusted) checkRequestSize(input);
    return this.write(resource, input, 'main', opts);
  }

  /** PUT .../status: only status changes (and nothing else). */
  updateStatus<T extends KubeObject>(resource: string, input: T, opts: WriteOptions = {}): WriteResult<T> {
    if (!opts.trusted) checkRequestSize(input);
    return this.write(resource, input, 'status', opts);
  }

  patch<T extends KubeObject = KubeObject>(
    resource: string,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions & { subresource?: 'status' } = {},
  ): WriteResult<T> {
    checkRequestSize(patch);
    const current = this.get(resource, namespace, name);
    let next: KubeObject;
    try {
      if (type === 'json') next = applyJsonPatch(current, patch) as KubeObject;
      else if (type === 'merge') next = applyMergePatch(current, patch) as KubeObject;
      else next = applyStrategicMergePatch(current, patch) as KubeObject;
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw badRequest((e as Error).message);
    }
    // A patch applies to the current version: carry its resourceVersion unless the patch set one.
    const patchedRV = (patch as { metadata?: { resourceVersion?: string } } | null)?.metadata?.resourceVersion;
    next.metadata = { ...next.metadata, resourceVersion: patchedRV ?? current.metadata.resourceVersion };
    try {
      return this.write(resource, next as T, opts.subresource === 'status' ? 'status' : 'main', opts);
    } catch (e) {
      // patch.go reports a strict decoding failure of the patched object bare, without the
      // decoder's "cannot be handled as" prefix.
      const strict = e instanceof ApiError && e.status.reason === 'BadRequest' ? /^\w+ in version "[^"]*" cannot be handled as a \w+: (strict decoding error: .*)$/s.exec(e.status.message) : null;
      if (strict) throw badRequest(strict[1]!);
      throw e;
    }
  }

  delete(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): WriteResult {
    this.checkAvailable();
    const t = this.type(resource);
    const ns = t.namespaced ? namespace : undefined;
    const current = this.store.get(resource, ns, name);
    if (!current) throw notFound({ group: t.group, resource: t.plural }, name);
    if (opts.uid && current.metadata.uid !== opts.uid)
      throw conflict({ group: t.group, resource: t.plural }, name, `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${current.metadata.uid}`);
    const cx = this.context();
    const warnings = cx.warnings;
    const delReq: AdmissionRequest = { operation: 'DELETE', resource, type: t, namespace: ns, name, object: undefined, oldObject: current, dryRun: !!opts.dryRun };
    // Delete admission's after-commit actions are not run (nothing charges on delete).
    this.admit('admit', delReq, cx);
    this.admit('validate', delReq, cx);
    if (resource === 'namespaces') {
      const terminating = this.terminateNamespace(current, opts);
      if (terminating) return { object: terminating, warnings };
    }

    // Only metadata changes (deletionTimestamp, grace period, finalizers): share the rest of the frozen object.
    const next = opts.dryRun
      ? (structuredClone(current) as KubeObject)
      : (Object.assign({}, current, { metadata: Object.assign({}, current.metadata) }) as KubeObject);
    const meta = next.metadata;
    const finalizers = new Set(meta.finalizers ?? []);
    const policy = opts.propagationPolicy ?? defaultPropagation(t);
    if (policy === 'Foreground') finalizers.add('foregroundDeletion');
    if (policy === 'Orphan') finalizers.add('orphan');
    const grace = this.gracePeriod(t, current, opts);
    const graceful = grace > 0;

    if (finalizers.size === 0 && !graceful) {
      if (opts.dryRun) return { object: current, warnings };
      const last = this.store.remove(resource, ns, name)!;
      STRATEGIES[resource]?.afterDelete?.(last, cx);
      return { object: last, warnings };
    }
    if (meta.deletionTimestamp) {
      // Already deleting: a shorter grace period may shorten it; nothing else changes.
      if (!graceful || grace < (meta.deletionGracePeriodSeconds ?? Infinity)) {
        meta.deletionGracePeriodSeconds = grace;
        if (!graceful && finalizers.size === 0) {
          if (opts.dryRun) return { object: current, warnings };
          return { object: this.store.remove(resource, ns, name)!, warnings };
        }
      } else return { object: current, warnings };
    } else {
      meta.deletionTimestamp = graceful ? this.clock.nowRFC3339ShiftedBy(grace * 1000) : this.clock.nowRFC3339();
      meta.deletionGracePeriodSeconds = grace;
    }
    if (finalizers.size) meta.finalizers = [...finalizers];
    if (opts.dryRun) return { object: next, warnings };
    return { object: this.store.putFresh(resource, next), warnings };
  }

  /**
   * PUT namespaces/NAME/finalize: the namespace controller clears spec.finalizers once the
   * namespace is empty; a terminating namespace without finalizers is then removed.
   */
  finalizeNamespace(name: string, finalizers: string[]): KubeObject {
    this.checkAvailable();
    const current = this.get('namespaces', undefined, name);
    const next = structuredClone(current) as KubeObject;
    next['spec'] = { ...((next['spec'] as object | undefined) ?? {}), finalizers };
    if (!finalizers.length) delete (next['spec'] as { finalizers?: string[] }).finalizers;
    if (next.metadata.deletionTimestamp && !finalizers.length && !(next.metadata.finalizers ?? []).length)
      return this.store.remove('namespaces', undefined, name)!;
    return this.store.put('namespaces', next);
  }

  /** Deleting a namespace that has spec.finalizers marks it Terminating (the controller empties it). */
  private terminateNamespace(current: KubeObject, opts: DeleteOptions): KubeObject | undefined {
    const specFinalizers = (current['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    if (!specFinalizers.length) return undefined;
    if (current.metadata.deletionTimestamp) return current;
    const next = structuredClone(current) as KubeObject;
    next.metadata.deletionTimestamp = this.clock.nowRFC3339();
    next.metadata.deletionGracePeriodSeconds = 0;
    next['status'] = { ...((next['status'] as object | undefined) ?? {}), phase: 'Terminating' };
    if (opts.dryRun) return next;
    return this.store.put('namespaces', next);
  }

  /** POST pods/NAME/eviction: a delete that honours PodDisruptionBudgets (eviction.ts). */
  evict(namespace: string, name: string, opts: DeleteOptions = {}): void {
    this.checkAvailable();
    evictPod(this, namespace, name, opts);
  }

  /** POST pods/NAME/binding: the scheduler's only write to a pod. */
  bind(namespace: string, podName: string, nodeName: string): void {
    this.checkAvailable();
    const pod = this.get('pods', namespace, podName);
    const spec = pod['spec'] as { nodeName?: string };
    if (spec.nodeName)
      throw conflict({ group: '', resource: 'pods/binding' }, podName, `pod ${podName} is already assigned to node "${spec.nodeName}"`);
    if (pod.metadata.deletionTimestamp) throw conflict({ group: '', resource: 'pods/binding' }, podName, `pod ${podName} is being deleted, cannot be assigned to a host`);
    // Copy only what changes (spec.nodeName, the PodScheduled condition); the rest stays shared and frozen.
    const status = { ...((pod['status'] as Record<string, unknown> | undefined) ?? {}) };
    const conds = [...((status['conditions'] as Record<string, unknown>[] | undefined) ?? [])];
    const cond = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.clock.nowRFC3339() };
    const i = conds.findIndex((c) => c['type'] === 'PodScheduled');
    if (i >= 0) conds[i] = cond;
    else conds.push(cond);
    status['conditions'] = conds;
    const next: KubeObject = { ...pod, metadata: { ...pod.metadata }, spec: { ...(pod['spec'] as object), nodeName }, status };
    this.store.putFresh('pods', next);
  }

  // Internals ------------------------------------------------------------------------------

  private write<T extends KubeObject>(resource: string, input: T, sub: 'main' | 'status', opts: WriteOptions): WriteResult<T> {
    this.checkAvailable();
    const t = this.type(resource);
    const ns = t.namespaced ? input.metadata.namespace ?? 'default' : undefined;
    const name = input.metadata.name ?? '';
    const gr = { group: t.group, resource: t.plural };
    const current = this.store.get(resource, ns, name);
    if (!current) throw notFound(gr, name);
    const rv = input.metadata.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw conflict(gr, name, OPTIMISTIC_LOCK_MESSAGE);
    const cx = this.context();
    const warnings = cx.warnings;

    let next: KubeObject;
    if (sub === 'status') {
      // Only status changes: share the (frozen) rest of the stored object.
      next = { ...current, metadata: { ...current.metadata } } as KubeObject;
      if ('status' in input) next['status'] = opts.trusted ? input['status'] : structuredClone(input['status']);
    } else {
      next = opts.trusted ? (input as KubeObject) : (structuredClone(input) as KubeObject);
      if (!opts.trusted) decode(t, next, opts, warnings);
      next.apiVersion = apiVersionOf(t);
      next.kind = t.kind;
      // System-owned metadata cannot be changed by a client.
      const m = (next.metadata = { ...next.metadata });
      m.namespace = ns;
      m.uid = current.metadata.uid;
      m.creationTimestamp = current.metadata.creationTimestamp;
      // Set or absent, never assigned undefined and deleted (a delete of a middle key makes the object a slow dictionary).
      const cm = current.metadata;
      if (cm.deletionTimestamp !== undefined) m.deletionTimestamp = cm.deletionTimestamp;
      else if ('deletionTimestamp' in m) delete m.deletionTimestamp;
      if (cm.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = cm.deletionGracePeriodSeconds;
      else if ('deletionGracePeriodSeconds' in m) delete m.deletionGracePeriodSeconds;
      if (cm.generation !== undefined) m.generation = cm.generation;
      else if ('generation' in m) delete m.generation;
      if (t.hasStatus) {
        if ('status' in current) next['status'] = structuredClone(current['status']);
        else delete next['status'];
      }
      if (current.metadata.deletionTimestamp) {
        const added = (m.finalizers ?? []).filter((f) => !(current.metadata.finalizers ?? []).includes(f));
        if (added.length)
          throw invalid(t.kind, t.group, name, [
            { type: 'FieldValueForbidden', field: 'metadata.finalizers', detail: `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}` },
          ]);
      }
      const strategy = STRATEGIES[resource];
      try {
        strategy?.prepareForUpdate?.(next, current, cx);
        strategy?.defaults?.(next, cx);
      } catch (e) {
        throw decodingError(t, e);
      }
      const req: AdmissionRequest = { operation: 'UPDATE', resource, type: t, namespace: ns, name, object: next, oldObject: current, dryRun: !!opts.dryRun };
      this.admit('admit', req, cx);
      if (m.generation !== undefined && specChanged(next, current)) m.generation = (current.metadata.generation ?? 0) + 1;
      const errs = [...this.validateMeta(t, next, cx), ...(strategy?.validateUpdate?.(next, current, cx) ?? strategy?.validate?.(next, cx) ?? [])];
      if (errs.length) throw invalid(t.kind, t.group, name, errs);
      this.admit('validate', req, cx);
    }
    if (opts.dryRun) return { object: next as T, warnings };
    if (unchanged(next, current)) return { object: current as T, warnings };
    // The last finalizer removed from an object being deleted: it goes away now.
    if (next.metadata.deletionTimestamp && (next.metadata.finalizers ?? []).length === 0 && !gracefulPending(resource, next)) {
      const last = this.store.remove(resource, ns, name)!;
      STRATEGIES[resource]?.afterDelete?.(last, cx);
      return { object: last as T, warnings };
    }
    const stored = this.store.putFresh(resource, next) as T;
    cx.committed();
    return { object: stored, warnings };
  }

  private gracePeriod(t: ResourceType, current: KubeObject, opts: DeleteOptions): number {
    // Only pods are deleted gracefully, and only once a kubelet may be running them.
    if (t.plural !== 'pods' || t.group !== '') return 0;
    const spec = current['spec'] as { nodeName?: string; terminationGracePeriodSeconds?: number };
    if (!spec.nodeName) return 0;
    const phase = (current['status'] as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return 0;
    const g = opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, g);
  }

  private validateMeta(t: ResourceType, obj: KubeObject, cx: RequestContext): FieldError[] {
    return validateObjectMeta(obj.metadata, t.namespaced, nameValidatorFor(resourceKey(t)), cx.warn);
  }

  /** NamespaceLifecycle alone, ahead of the rest of the chain (see create). It only reads the store and rejects. */
  private admitNamespace(t: ResourceType, resource: string, ns: string, name: string, cx: RequestContext): void {
    for (const p of this.admission) {
      if (p.name !== 'NamespaceLifecycle') continue;
      p.admit?.({ operation: 'CREATE', resource, type: t, namespace: ns, name, object: undefined, dryRun: false }, cx);
      return;
    }
  }

  /** Runs one phase of the admission chain; plugins reject by throwing. */
  private admit(phase: 'admit' | 'validate', req: AdmissionRequest, cx: RequestContext): void {
    for (const p of this.admission) {
      if (phase === 'admit' && p.name === 'NamespaceLifecycle' && req.operation === 'CREATE') continue; // ran first
      p[phase]?.(req, cx);
    }
  }

  private generateName(base: string, resource: string, namespace: string | undefined): string {
    const b = base.length > 58 ? base.slice(0, 58) : base;
    for (let i = 0; i < 8; i++) {
      const candidate = b + this.rng.string(5, K8S_ALPHANUMS);
      if (!this.store.get(resource, namespace, candidate)) return candidate;
    }
    return b + this.rng.string(5, K8S_ALPHANUMS);
  }

  uuid(): string {
    // Char codes into a reused buffer, one string at the end (no 36-piece string concatenation).
    const out = UUID_CHARS;
    let at = 0;
    for (let i = 0; i < 32; i++) {
      let d = this.rng.int(16);
      if (i === 12) d = 4;
      if (i === 16) d = 8 + (d & 3);
      if (i === 8 || i === 12 || i === 16 || i === 20) out[at++] = 0x2d; // '-'
      out[at++] = HEX_CODES[d]!;
    }
    return String.fromCharCode.apply(null, out as unknown as number[]);
  }

  private context(): RequestContext {
    return new RequestContext(this.store, this.clock, this.rng);
  }

  private type(resource: string): ResourceType {
    const t = typeByKey(resource);
    if (!t) throw new Error(`apiserver: unknown resource key "${resource}" (use resourceKey(type))`);
    return t;
  }

  /** Throws what a request would get while the server (or etcd) is down. */
  checkAvailable(): void {
    const err = this.availability();
    if (err) throw err;
  }
}

/**
 * Decoding against the kind's schema: Go's json type errors and unknown fields, worded as the
 * API server words them (`Deployment in version "v1" cannot be handled as a Deployment: ...`).
 */
function decode(t: ResourceType, obj: KubeObject, opts: WriteOptions, warnings: string[]): void {
  const requested = typeof obj.apiVersion === 'string' && obj.apiVersion ? obj.apiVersion : apiVersionOf(t);
  const def = rootDefinition(requested, t.kind) ?? rootDefinition(apiVersionOf(t), t.kind);
  if (!def) return;
  const mode = opts.fieldValidation ?? 'Warn';
  const r = decodeObject(obj, def, mode);
  const version = requested.includes('/') ? requested.slice(requested.indexOf('/') + 1) : requested;
  const prefix = `${t.kind} in version "${version}" cannot be handled as a ${t.kind}: `;
  if (r.error) throw badRequest(prefix + r.error);
  if (!r.unknown.length) return;
  const texts = r.unknown.map((f) => `unknown field "${f}"`);
  if (mode === 'Strict') throw badRequest(`${prefix}strict decoding error: ${texts.join(', ')}`);
  warnings.push(...texts);
}

/** Decoding problems (bad quantities) thrown by defaulting are 400s worded as the API server's decoder words them. */
function decodingError(t: ResourceType, e: unknown): unknown {
  if (e instanceof QuantityError) return badRequest(`${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: ${e.message}`);
  return e;
}

function defaultPropagation(_t: ResourceType): 'Background' | 'Foreground' | 'Orphan' {
  return 'Background';
}

function gracefulPending(resource: string, o: KubeObject): boolean {
  // A pod being gracefully deleted stays until its kubelet confirms (delete with grace 0).
  return resource === 'pods' && (o.metadata.deletionGracePeriodSeconds ?? 0) > 0;
}

function specChanged(a: KubeObject, b: KubeObject): boolean {
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (k === 'metadata' || k === 'status' || k === 'apiVersion' || k === 'kind') continue;
    if (!deepEqual(a[k], b[k])) return true;
  }
  return false;
}

/** Equal apart from metadata.resourceVersion (compared in place: no copies per write). */
function unchanged(a: KubeObject, b: KubeObject): boolean {
  return equalExcept(a, b, 'metadata') && equalExcept(a.metadata, b.metadata, 'resourceVersion');
}

/** deepEqual of two objects, ignoring one key (undefined values count as absent, as there). */
function equalExcept(a: object, b: object, skip: string): boolean {
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let n = 0;
  for (const k in ao) {
    if (k === skip || ao[k] === undefined) continue;
    n++;
    if (!deepEqual(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (k !== skip && bo[k] !== undefined) n--;
  return n === 0;
}

/** Field selectors kubectl users type: metadata.name, metadata.namespace, spec.nodeName, status.phase, involvedObject.*. */
/** A field selector on no particular kind (a watch of every resource): any field path. */
export function fieldSelectorPredicate(fs: string): (o: KubeObject) => boolean {
  const reqs = fs.split(',').filter((p) => p !== '').map((p) => {
    const m = p.match(/^([^!=]+)(==|=|!=)(.*)$/);
    if (!m) throw badRequest(`invalid selector: '${fs}'; can't understand '${p}'`); // fields.parseSelector
    return { path: m[1]!.trim(), neg: m[2] === '!=', value: m[3]!.trim() };
  });
  return (o) =>
    reqs.every((r) => {
      let v: unknown = o;
      for (const part of r.path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
      const s = v === undefined || v === null ? '' : String(v);
      return r.neg ? s !== r.value : s === r.value;
    });
}

export { resourceKey, serviceUnavailable };
