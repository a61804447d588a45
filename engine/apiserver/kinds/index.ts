// Strategy per resource key ("pods", "deployments.apps"). Kinds without an entry get only the
// generic metadata handling of the API server. Add one file per kind and list it here.
import type { KindStrategy } from '../strategy.ts';
import { cronJobStrategy } from './cronjob.ts';
import { daemonSetStrategy } from './daemonset.ts';
import { deploymentStrategy } from './deployment.ts';
import { hpaStrategy } from './horizontal-pod-autoscaler.ts';
import { jobStrategy } from './job.ts';
import { limitRangeStrategy } from './limitrange.ts';
import { namespaceStrategy } from './namespace.ts';
import { pvcStrategy, pvStrategy } from './persistent-volume-claim.ts';
import { podStrategy } from './pod.ts';
import { priorityClassStrategy } from './priorityclass.ts';
import { replicaSetStrategy } from './replicaset.ts';
import { resourceQuotaStrategy } from './resourcequota.ts';
import { serviceStrategy } from './service.ts';
import { configMapStrategy, nodeStrategy, secretStrategy } from './simple.ts';
import { statefulSetStrategy } from './statefulset.ts';

export const STRATEGIES: Readonly<Record<string, KindStrategy>> = {
  pods: podStrategy,
  services: serviceStrategy,
  namespaces: namespaceStrategy,
  secrets: secretStrategy,
  configmaps: configMapStrategy,
  nodes: nodeStrategy,
  persistentvolumeclaims: pvcStrategy,
  persistentvolumes: pvStrategy,
  limitranges: limitRangeStrategy,
  resourcequotas: resourceQuotaStrategy,
  'priorityclasses.scheduling.k8s.io': priorityClassStrategy,
  'deployments.apps': deploymentStrategy,
  'replicasets.apps': replicaSetStrategy,
  'statefulsets.apps': statefulSetStrategy,
  'daemonsets.apps': daemonSetStrategy,
  'jobs.batch': jobStrategy,
  'cronjobs.batch': cronJobStrategy,
  'horizontalpodautoscalers.autoscaling': hpaStrategy,
};
