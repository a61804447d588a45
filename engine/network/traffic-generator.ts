// The page's traffic generator: a client outside the learner's pods (on the first worker's
// pod network) sending GET / to a Service's ClusterIP at a steady rate in virtual time, so
// load balancing, a failing readiness probe or a NetworkPolicy show up in the counters.
import type { Node, Pod, Service } from '../api/core-v1.ts';
import type { Controller, ReconcileContext } from '../controllers/controller.ts';
import type { Engine } from '../engine.ts';
import { httpFetch } from './http.ts';
import { readTraffic, TRAFFIC_KEY, type TrafficCounters } from './traffic.ts';

export const GENERATOR_KEY = 'network/traffic-generator';
/** A hidden process (the name holds a `/`, so the control-plane bar does not list it). */
export const GENERATOR_COMPONENT = 'traffic/generator';
const TICK_MS = 250;

export interface GeneratorState {
  namespace: string;
  service: string;
  rps: number;
  /** Requests owed from fractional rates. */
  carry: number;
  ok: number;
  failed: number;
}

function client(engine: Engine, namespace: string): Pod {
  const nodes = (engine.store.list('nodes') as Node[]).filter((n) => !n.spec.taints?.some((t) => t.effect === 'NoSchedule'));
  const node = (nodes[0] ?? (engine.store.list('nodes')[0] as Node | undefined))?.metadata.name ?? '';
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'traffic-generator', namespace, labels: {} }, spec: { nodeName: node, containers: [] }, status: { podIP: '10.244.1.1' } } as Pod;
}

function tick(engine: Engine, cx: ReconcileContext): void {
  const g = engine.store.getRecord<GeneratorState>(GENERATOR_KEY);
  if (!g || g.rps <= 0) return;
  cx.cancel('tick');
  cx.schedule(TICK_MS, 'tick', undefined, true);
  const next = { ...g };
  next.carry += (g.rps * TICK_MS) / 1000;
  const svc = engine.store.get('services', g.namespace, g.service) as Service | undefined;
  const port = svc?.spec.ports?.[0]?.port ?? 80;
  while (next.carry >= 1) {
    next.carry -= 1;
    const ip = svc?.spec.clusterIP;
    const r = ip && ip !== 'None'
      ? httpFetch(engine, { kind: 'pod', pod: client(engine, g.namespace) }, { scheme: 'http', host: ip, port, explicitPort: port !== 80, path: '/' }, { userAgent: 'kubeplay-load/1.0' })
      : undefined;
    if (r?.ok) next.ok++;
    else next.failed++;
  }
  engine.store.setRecord(GENERATOR_KEY, next);
}

export function createTrafficGenerator(engine: Engine): Controller {
  return {
    name: 'traffic-generator',
    watches: [],
    resync: () => ['tick'],
    reconcile: (_key, cx) => tick(engine, cx),
  };
}

/** Starts (rps > 0), retargets or stops the generator; counters reset when the target changes. */
export function setGenerator(engine: Engine, target: { namespace: string; service: string } | undefined, rps: number): void {
  if (!engine.controllers().some((c) => c.name === 'traffic-generator')) engine.host(createTrafficGenerator(engine), GENERATOR_COMPONENT);
  const prev = engine.store.getRecord<GeneratorState>(GENERATOR_KEY);
  if (!target || rps <= 0) {
    if (prev) engine.store.setRecord(GENERATOR_KEY, { ...prev, rps: 0 });
    return;
  }
  const same = prev && prev.namespace === target.namespace && prev.service === target.service;
  engine.store.setRecord(GENERATOR_KEY, { ...target, rps, carry: 0, ok: same ? prev.ok : 0, failed: same ? prev.failed : 0 });
  if (!same) engine.store.setRecord(TRAFFIC_KEY, { pods: {}, edges: {}, seq: 0 } satisfies TrafficCounters);
  engine.resyncComponent(GENERATOR_COMPONENT);
}

export function generatorState(engine: Engine): GeneratorState | undefined {
  return engine.store.getRecord<GeneratorState>(GENERATOR_KEY);
}

export { readTraffic };
