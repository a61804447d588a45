// Shared test fixtures: a settled default cluster and small object builders.
import type { Deployment } from '../../../engine/api/apps-v1.ts';
import type { Event, Pod } from '../../../engine/api/core-v1.ts';
import { bootstrapCluster } from '../../../engine/cluster/cluster.ts';
import { Engine } from '../../../engine/engine.ts';

export function cluster(seed = 1): Engine {
  const e = new Engine({ seed });
  bootstrapCluster(e);
  return e;
}

export function deployment(name: string, replicas: number, image = 'nginx', extra: Record<string, unknown> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: image.split(':')[0]!.split('/').pop()!, image }] } },
      ...extra,
    },
  } as Deployment;
}

export function pod(name: string, spec: Partial<Pod['spec']> & { containers: Pod['spec']['containers'] }): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec } as Pod;
}

export function events(e: Engine, name?: string, ns = 'default'): Event[] {
  return (e.store.list('events', ns) as Event[]).filter((x) => name === undefined || x.involvedObject.name === name);
}

export function messages(e: Engine, name?: string, ns = 'default'): string[] {
  return events(e, name, ns).map((x) => `${x.reason}: ${x.message}`);
}

export function pods(e: Engine, ns = 'default'): Pod[] {
  return e.store.list('pods', ns) as Pod[];
}
