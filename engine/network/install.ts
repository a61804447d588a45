// Hosts the networking components on an Engine: the Endpoints and EndpointSlice controllers
// (kube-controller-manager), the load-balancer service controller (cloud-controller-manager),
// the API server's own endpoints, the ingress-nginx controller and one kube-proxy per node.
import { createEndpointsController } from '../controllers/endpoints.ts';
import { createEndpointSliceController } from '../controllers/endpointslice.ts';
import { createServiceLBController } from '../controllers/service-lb.ts';
import type { Engine } from '../engine.ts';
import { createApiserverEndpoints } from './apiserver-endpoints.ts';
import { createIngressController, INGRESS_COMPONENT } from './ingress-controller.ts';
import { syncKubeProxies } from './kube-proxy.ts';
import { generatorState, setGenerator } from './traffic-generator.ts';

const installed = new WeakSet<Engine>();

export function installNetwork(engine: Engine): void {
  if (installed.has(engine)) return;
  installed.add(engine);
  engine.host(createEndpointsController(engine.store), 'kube-controller-manager');
  engine.host(createEndpointSliceController(engine.store), 'kube-controller-manager');
  engine.host(createServiceLBController(), 'cloud-controller-manager');
  engine.host(createApiserverEndpoints(), 'kube-apiserver');
  engine.host(createIngressController(), INGRESS_COMPONENT);
  syncKubeProxies(engine);
  engine.store.watch((e) => {
    if (e.type !== 'MODIFIED') syncKubeProxies(engine);
  }, 'nodes');
  engine.onLoad(() => {
    syncKubeProxies(engine);
    // The page's traffic generator is hosted only while it runs (a restored one resumes).
    const g = generatorState(engine);
    if (g && g.rps > 0) setGenerator(engine, { namespace: g.namespace, service: g.service }, g.rps);
  });
}
