// A simulated ingress-nginx controller as kind documents it (deploy/static/provider/kind):
// it serves Ingresses of class `nginx` on the control-plane node's ports 80/443 (hostPort,
// mapped to the learner's localhost) and publishes `localhost` as their address
// (--publish-status-address=localhost). It has no pods of its own in kubeplay; routing is
// done by the data plane (engine/network/ingress-route.ts).
import type { KubeObject } from '../api/meta.ts';
import { splitKey, type Controller, type ReconcileContext, type Result } from '../controllers/controller.ts';

export const INGRESS_CLASS = 'nginx';
export const INGRESS_CONTROLLER = 'k8s.io/ingress-nginx';
/** The add-on has no component of its own in the topology; it runs alongside the controllers. */
export const INGRESS_COMPONENT = 'kube-controller-manager';
export const PUBLISHED_ADDRESS = 'localhost';
/** ingress-nginx publishes status on its next sync, a moment after the Ingress appears. */
const STATUS_DELAY_MS = 1000;
const SOURCE = { component: 'nginx-ingress-controller' };
const seenKey = (key: string) => `ingress-nginx/seen/${key}`;

export interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: IngressBackend;
  rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend: IngressBackend }[] } }[];
  tls?: unknown[];
}
export interface IngressBackend {
  service?: { name: string; port?: { number?: number; name?: string } };
}
export interface Ingress extends KubeObject {
  spec?: IngressSpec;
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** Whether ingress-nginx (class `nginx`) serves this Ingress. */
export function servedByNginx(ing: Ingress, classes: KubeObject[]): boolean {
  const cls = ing.spec?.ingressClassName ?? ing.metadata.annotations?.['kubernetes.io/ingress.class'];
  if (cls === INGRESS_CLASS) return true;
  if (cls) return classes.some((c) => c.metadata.name === cls && (c['spec'] as { controller?: string } | undefined)?.controller === INGRESS_CONTROLLER);
  return classes.some(
    (c) => c.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true' && (c['spec'] as { controller?: string } | undefined)?.controller === INGRESS_CONTROLLER,
  );
}

function reconcile(key: string, cx: ReconcileContext): Result {
  const { namespace, name } = splitKey(key);
  const ing = cx.api.tryGet<Ingress>('ingresses.networking.k8s.io', namespace, name);
  if (!ing) {
    cx.store.deleteRecord(seenKey(key));
    return;
  }
  if (!servedByNginx(ing, cx.api.list('ingressclasses.networking.k8s.io'))) return;
  const published = ing.status?.loadBalancer?.ingress?.some((i) => i.hostname === PUBLISHED_ADDRESS);
  const seen = cx.store.getRecord<{ rv: string; due: number }>(seenKey(key));
  if (!seen || seen.rv !== ing.metadata.resourceVersion && !published) {
    if (!seen || seen.rv !== ing.metadata.resourceVersion) cx.events.record(ing, SOURCE, 'Normal', 'Sync', 'Scheduled for sync');
    cx.store.setRecord(seenKey(key), { rv: ing.metadata.resourceVersion ?? '', due: seen?.due ?? cx.clock.now() + STATUS_DELAY_MS });
  }
  if (published) return;
  const due = cx.store.getRecord<{ due: number }>(seenKey(key))!.due;
  if (cx.clock.now() < due) return { requeueAfter: due - cx.clock.now() };
  const next = structuredClone(ing) as Ingress;
  next.status = { loadBalancer: { ingress: [{ hostname: PUBLISHED_ADDRESS }] } };
  const written = cx.api.updateStatus('ingresses.networking.k8s.io', next).object;
  cx.store.setRecord(seenKey(key), { rv: written.metadata.resourceVersion ?? '', due });
}

export function createIngressController(): Controller {
  return {
    name: 'ingress-nginx-controller',
    watches: [{ resource: 'ingresses.networking.k8s.io' }],
    reconcile,
  };
}
