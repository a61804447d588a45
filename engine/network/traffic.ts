// Request counters the page draws (per pod, and per Service -> pod edge), kept as a sim record
// so they survive a reload with the cluster.
import type { Engine } from '../engine.ts';

export interface TrafficCounters {
  /** `ns/pod` -> requests served. */
  pods: Record<string, number>;
  /** `ns/service>pod` -> requests routed through the Service to that pod. */
  edges: Record<string, number>;
  /** Increments on every request (lets the page animate each one). */
  seq: number;
}

export const TRAFFIC_KEY = 'network/traffic';

export function readTraffic(engine: Engine): TrafficCounters {
  return engine.store.getRecord<TrafficCounters>(TRAFFIC_KEY) ?? { pods: {}, edges: {}, seq: 0 };
}

export function countRequest(engine: Engine, podKey: string, service: string | undefined): void {
  const t = structuredClone(readTraffic(engine));
  t.pods[podKey] = (t.pods[podKey] ?? 0) + 1;
  if (service) {
    const name = service.split('/')[1];
    t.edges[`${podKey.split('/')[0]}/${name}>${podKey.split('/')[1]}`] = (t.edges[`${podKey.split('/')[0]}/${name}>${podKey.split('/')[1]}`] ?? 0) + 1;
  }
  t.seq++;
  engine.store.setRecord(TRAFFIC_KEY, t);
}
