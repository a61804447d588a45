// Shared helpers for API server tests: a booted engine with namespaces and manifest builders.
import { Engine } from '../../../engine/engine.ts';
import { ApiError } from '../../../engine/apiserver/status.ts';
import type { KubeObject } from '../../../engine/api/meta.ts';

export function boot(): Engine {
  const e = new Engine({ seed: 1 });
  for (const name of ['default', 'kube-system']) e.api.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return e;
}

export function fails(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

type Rec = Record<string, any>;

export function pod(name: string, spec: Rec = {}, meta: Rec = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...meta }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }], ...spec } };
}

export function container(over: Rec = {}): Rec {
  return { name: 'app', image: 'nginx:1.25', ...over };
}

export function podWith(c: Rec, spec: Rec = {}): KubeObject {
  return pod('p', { containers: [container(c)], ...spec });
}

export function deployment(name: string, spec: Rec = {}, template: Rec = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }], ...template } },
      ...spec,
    },
  };
}

export function service(name: string, spec: Rec = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } };
}

export function job(name: string, spec: Rec = {}, template: Rec = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox' }], ...template } }, ...spec },
  };
}
