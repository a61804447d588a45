// NamespaceLifecycle (plugin/pkg/admission/namespace/lifecycle): no content in a namespace that
// does not exist or is terminating, and the immortal namespaces cannot be deleted.
import { ApiError, notFound } from '../status.ts';
import { admissionForbidden, type AdmissionPlugin } from './admission.ts';

export const IMMORTAL_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public'];

/** Kinds that may still be written into a terminating namespace (upstream: events only). */
const ACCESS_REVIEW_OK = new Set(['events', 'events.events.k8s.io']);

export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  admit(req, cx) {
    if (req.operation === 'DELETE') {
      if (req.resource === 'namespaces' && IMMORTAL_NAMESPACES.includes(req.name))
        throw admissionForbidden(req, 'this namespace may not be deleted');
      return;
    }
    if (req.operation !== 'CREATE' || !req.type.namespaced || req.namespace === undefined) return;
    const ns = cx.store.get('namespaces', undefined, req.namespace);
    if (!ns) throw notFound({ group: '', resource: 'namespaces' }, req.namespace);
    if (ns.metadata.deletionTimestamp && !ACCESS_REVIEW_OK.has(req.resource)) {
      const e = admissionForbidden(
        { type: req.type, name: req.name },
        `unable to create new content in namespace ${req.namespace} because it is being terminated`,
      );
      // Upstream carries the NamespaceTerminating cause; the message is what users see. The name is
      // the new object's (create.go takes it from the object when the path has none).
      throw new ApiError({ ...e.status, details: { ...e.status.details, causes: [{ reason: 'NamespaceTerminating', message: `namespace ${req.namespace} is being terminated`, field: 'metadata.namespace' }] } });
    }
  },
};
