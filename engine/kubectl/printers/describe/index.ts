// Which describer prints which resource (keyed by the store's resource key).
import type { Deployment, ReplicaSet } from '../../../api/apps-v1.ts';
import type { Namespace, Node, Pod, Service } from '../../../api/core-v1.ts';
import type { KubeObject } from '../../../api/meta.ts';
import type { DescribeContext } from './common.ts';
import { describeConfigMap } from './configmap.ts';
import { describeDeployment } from './deployment.ts';
import { describeGeneric } from './generic.ts';
import { describeNamespace } from './namespace.ts';
import { describeNode } from './node.ts';
import { describePod } from './pod.ts';
import { describeReplicaSet } from './replicaset.ts';
import { describeSecret } from './secret.ts';
import { describeService } from './service.ts';

export function describeObject(cx: DescribeContext, resource: string, o: KubeObject): string {
  switch (resource) {
    case 'pods':
      return describePod(cx, o as Pod);
    case 'deployments.apps':
      return describeDeployment(cx, o as Deployment);
    case 'replicasets.apps':
      return describeReplicaSet(cx, o as ReplicaSet);
    case 'nodes':
      return describeNode(cx, o as Node);
    case 'services':
      return describeService(cx, o as Service);
    case 'namespaces':
      return describeNamespace(cx, o as Namespace);
    case 'configmaps':
      return describeConfigMap(cx, o);
    case 'secrets':
      return describeSecret(o);
    default:
      return describeGeneric(cx, o);
  }
}

export type { DescribeContext };
