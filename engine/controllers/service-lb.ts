// The cloud-controller-manager's service controller (k8s.io/cloud-provider controllers/service)
// with a kind-like cloud (cloud-provider-kind / MetalLB): a LoadBalancer Service gets an
// address from the 172.18.255.200-250 pool a moment after it appears; until then, and for as
// long as the cloud-controller-manager is stopped, EXTERNAL-IP stays <pending>.
import type { Service } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import { splitKey, type Controller, type ReconcileContext, type Result } from './controller.ts';

export const NAME = 'service-controller';
export const POOL_FIRST = 200;
export const POOL_LAST = 250;
export const POOL_PREFIX = '172.18.255.';
/** The cloud API round trip before the load balancer exists. */
export const ENSURE_MS = 1500;

const SOURCE = { component: NAME };
const pendingKey = (key: string) => `service-lb/pending/${key}`;

function ingressIPs(svc: Service): string[] {
  return (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter(Boolean);
}

function allocate(cx: ReconcileContext, svc: Service): string | undefined {
  const used = new Set(cx.api.list<Service>('services').flatMap(ingressIPs));
  const requested = svc.spec['loadBalancerIP'] as string | undefined;
  if (requested) return used.has(requested) ? undefined : requested;
  for (let n = POOL_FIRST; n <= POOL_LAST; n++) if (!used.has(POOL_PREFIX + n)) return POOL_PREFIX + n;
  return undefined;
}

function writeIngress(cx: ReconcileContext, svc: Service, ip: string | undefined): void {
  const next = structuredClone(svc) as Service & KubeObject;
  next.status = { ...(next.status ?? {}), loadBalancer: ip ? { ingress: [{ ip, ipMode: 'VIP' } as { ip: string }] } : {} };
  cx.api.updateStatus('services', next);
}

function sync(key: string, cx: ReconcileContext): Result {
  const { namespace, name } = splitKey(key);
  const svc = cx.api.tryGet<Service>('services', namespace, name);
  if (!svc) {
    cx.store.deleteRecord(pendingKey(key));
    return;
  }
  const wantsLB = svc.spec.type === 'LoadBalancer' && !svc.spec['loadBalancerClass'];
  if (!wantsLB) {
    cx.store.deleteRecord(pendingKey(key));
    if (ingressIPs(svc).length && svc.spec.type !== 'LoadBalancer') {
      cx.events.record(svc, SOURCE, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
      writeIngress(cx, svc, undefined);
      cx.events.record(svc, SOURCE, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    }
    return;
  }
  if (ingressIPs(svc).length) return;
  const due = cx.store.getRecord<number>(pendingKey(key));
  if (due === undefined) {
    cx.events.record(svc, SOURCE, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    cx.store.setRecord(pendingKey(key), cx.clock.now() + ENSURE_MS);
    return { requeueAfter: ENSURE_MS };
  }
  if (cx.clock.now() < due) return { requeueAfter: due - cx.clock.now() };
  const ip = allocate(cx, svc);
  if (!ip) {
    cx.events.record(svc, SOURCE, 'Warning', 'SyncLoadBalancerFailed', 'Error syncing load balancer: failed to ensure load balancer: no available IPs in pool 172.18.255.200-172.18.255.250');
    cx.store.setRecord(pendingKey(key), cx.clock.now() + 60_000);
    return { requeueAfter: 60_000 };
  }
  writeIngress(cx, svc, ip);
  cx.store.deleteRecord(pendingKey(key));
  cx.events.record(svc, SOURCE, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
}

export function createServiceLBController(): Controller {
  return {
    name: NAME,
    watches: [{ resource: 'services' }],
    reconcile: sync,
  };
}
