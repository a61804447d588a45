// The service account controller (pkg/controller/serviceaccount/serviceaccounts_controller.go):
// every active namespace gets a `default` ServiceAccount, recreated if deleted.
import type { Controller, ReconcileContext, Result } from './controller.ts';

export const NAME = 'serviceaccount-controller';

export function createServiceAccountController(): Controller {
  return {
    name: NAME,
    watches: [
      { resource: 'namespaces' },
      { resource: 'serviceaccounts', map: (o) => (o.metadata.name === 'default' ? [o.metadata.namespace!] : []) },
    ],
    reconcile(key: string, cx: ReconcileContext): Result {
      const ns = cx.api.tryGet('namespaces', undefined, key);
      if (!ns || ns.metadata.deletionTimestamp) return;
      if (cx.api.tryGet('serviceaccounts', key, 'default')) return;
      cx.api.create('serviceaccounts', key, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: key } });
    },
  };
}
