// Strategy per resource key ("pods", "deployments.apps"). Kinds without an entry get only the
// generic metadata handling of the API server. Add one file per kind and list it here.
import type { KindStrategy } from '../strategy.ts';
import { deploymentStrategy } from './deployment.ts';
import { namespaceStrategy } from './namespace.ts';
import { podStrategy } from './pod.ts';
import { replicaSetStrategy } from './replicaset.ts';
import { serviceStrategy } from './service.ts';
import { configMapStrategy, nodeStrategy, secretStrategy } from './simple.ts';

export const STRATEGIES: Readonly<Record<string, KindStrategy>> = {
  pods: podStrategy,
  services: serviceStrategy,
  namespaces: namespaceStrategy,
  secrets: secretStrategy,
  configmaps: configMapStrategy,
  nodes: nodeStrategy,
  'deployments.apps': deploymentStrategy,
  'replicasets.apps': replicaSetStrategy,
};
