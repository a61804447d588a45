// Which describer prints which resource (keyed by the store's resource key), as describe.go's
// describerMap; other kinds get the generic describer.
import type { Deployment, ReplicaSet } from '../../../api/apps-v1.ts';
import type { Namespace, Node, Pod, Service } from '../../../api/core-v1.ts';
import type { KubeObject } from '../../../api/meta.ts';
import type { DescribeContext } from './common.ts';
import { describeConfigMap } from './configmap.ts';
import { describeDeployment } from './deployment.ts';
import { describeEndpointSlice, describeEndpoints } from './endpoints.ts';
import { describeGeneric } from './generic.ts';
import { describeHpa } from './hpa.ts';
import { describeIngress, describeIngressClass } from './ingress.ts';
import { describeCronJob, describeJob } from './job.ts';
import { describeNamespace } from './namespace.ts';
import { describeNetworkPolicy } from './networkpolicy.ts';
import { describeNode } from './node.ts';
import { describePod } from './pod.ts';
import { describePdb, describePriorityClass } from './policy.ts';
import { describeLimitRange, describeQuota } from './quota.ts';
import { describeRole, describeRoleBinding } from './rbac.ts';
import { describeReplicaSet } from './replicaset.ts';
import { describeSecret } from './secret.ts';
import { describeService } from './service.ts';
import { describeServiceAccount } from './serviceaccount.ts';
import { describeDaemonSet, describeStatefulSet } from './statefulset.ts';
import { describePv, describePvc, describeStorageClass } from './storage.ts';

type Describer = (cx: DescribeContext, o: never) => string;

const DESCRIBERS: Record<string, Describer> = {
  pods: (cx, o: Pod) => describePod(cx, o),
  'deployments.apps': (cx, o: Deployment) => describeDeployment(cx, o),
  'replicasets.apps': (cx, o: ReplicaSet) => describeReplicaSet(cx, o),
  'statefulsets.apps': describeStatefulSet,
  'daemonsets.apps': describeDaemonSet,
  'jobs.batch': describeJob,
  'cronjobs.batch': describeCronJob,
  nodes: (cx, o: Node) => describeNode(cx, o),
  services: (cx, o: Service) => describeService(cx, o),
  namespaces: (cx, o: Namespace) => describeNamespace(cx, o),
  configmaps: describeConfigMap,
  secrets: (_cx, o: KubeObject) => describeSecret(o),
  serviceaccounts: describeServiceAccount,
  endpoints: describeEndpoints,
  'endpointslices.discovery.k8s.io': describeEndpointSlice,
  persistentvolumeclaims: describePvc,
  persistentvolumes: describePv,
  'storageclasses.storage.k8s.io': describeStorageClass,
  'ingresses.networking.k8s.io': describeIngress,
  'ingressclasses.networking.k8s.io': describeIngressClass,
  'networkpolicies.networking.k8s.io': (_cx, o: KubeObject) => describeNetworkPolicy(o),
  resourcequotas: (_cx, o: KubeObject) => describeQuota(o),
  limitranges: (_cx, o: KubeObject) => describeLimitRange(o),
  'poddisruptionbudgets.policy': describePdb,
  'priorityclasses.scheduling.k8s.io': describePriorityClass,
  'horizontalpodautoscalers.autoscaling': describeHpa,
  'roles.rbac.authorization.k8s.io': (_cx, o: KubeObject) => describeRole(o),
  'clusterroles.rbac.authorization.k8s.io': (_cx, o: KubeObject) => describeRole(o),
  'rolebindings.rbac.authorization.k8s.io': (_cx, o: KubeObject) => describeRoleBinding(o),
  'clusterrolebindings.rbac.authorization.k8s.io': (_cx, o: KubeObject) => describeRoleBinding(o),
};

export function describeObject(cx: DescribeContext, resource: string, o: KubeObject): string {
  const d = DESCRIBERS[resource];
  return d ? d(cx, o as never) : describeGeneric(cx, o);
}

export type { DescribeContext };
