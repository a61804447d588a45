// The API server's own endpoints (pkg/controlplane/reconcilers): the `kubernetes` Service has
// no selector; kube-apiserver keeps its Endpoints and EndpointSlice pointing at the
// control-plane node's address on 6443.
import type { Node } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import type { Controller, ReconcileContext, Result } from '../controllers/controller.ts';
import { RESOURCE as SLICES } from '../controllers/endpointslice.ts';
import { SERVICE_NAME_LABEL } from './endpoint-util.ts';

export const NAME = 'apiserver-endpoints';
const KEY = 'default/kubernetes';

function apiserverIP(cx: ReconcileContext): string | undefined {
  const cp = cx.api.list<Node>('nodes').find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
  return cp?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

function reconcile(_key: string, cx: ReconcileContext): Result {
  const ip = apiserverIP(cx);
  if (!ip || !cx.api.tryGet('services', 'default', 'kubernetes')) return;
  const subsets = [{ addresses: [{ ip }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }];
  const ep = cx.api.tryGet('endpoints', 'default', 'kubernetes');
  if (!ep) {
    cx.api.create('endpoints', 'default', {
      apiVersion: 'v1', kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets,
    } as KubeObject);
  } else if (JSON.stringify(ep['subsets']) !== JSON.stringify(subsets)) {
    cx.api.update('endpoints', { ...structuredClone(ep), subsets } as KubeObject);
  }
  const endpoints = [{ addresses: [ip], conditions: { ready: true } }];
  const ports = [{ name: 'https', port: 6443, protocol: 'TCP' }];
  const slice = cx.api.tryGet(SLICES, 'default', 'kubernetes');
  if (!slice) {
    cx.api.create(SLICES, 'default', {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { [SERVICE_NAME_LABEL]: 'kubernetes' } },
      addressType: 'IPv4', endpoints, ports,
    } as KubeObject);
  } else if (JSON.stringify(slice['endpoints']) !== JSON.stringify(endpoints)) {
    cx.api.update(SLICES, { ...structuredClone(slice), endpoints, ports } as KubeObject);
  }
}

export function createApiserverEndpoints(): Controller {
  const mine = (o: KubeObject) => (o.metadata.namespace === 'default' && o.metadata.name === 'kubernetes' ? [KEY] : []);
  return {
    name: NAME,
    watches: [
      { resource: 'services', map: mine },
      { resource: 'endpoints', map: mine },
      { resource: SLICES, map: mine },
      { resource: 'nodes', map: (o) => (o.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined ? [KEY] : []) },
    ],
    resync: () => [KEY],
    reconcile,
  };
}
