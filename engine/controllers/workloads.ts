// The workload controllers issue #4 adds to kube-controller-manager (Job, CronJob,
// TTL-after-finished, StatefulSet, PV binding, ...), hosted from one place so cluster.ts only
// calls this.
import type { Engine } from '../engine.ts';
import { createCronJobController } from './cronjob.ts';
import { createJobController } from './job.ts';
import { createHorizontalPodAutoscalerController } from './horizontal-pod-autoscaler.ts';
import { createPersistentVolumeBinder } from './persistentvolume-binder.ts';
import { createStatefulSetController } from './statefulset.ts';
import { createTTLAfterFinishedController } from './ttl-after-finished.ts';

export function hostWorkloadControllers(engine: Engine): void {
  engine.host(createJobController(), 'kube-controller-manager');
  engine.host(createCronJobController(), 'kube-controller-manager');
  engine.host(createTTLAfterFinishedController(), 'kube-controller-manager');
  engine.host(createStatefulSetController(), 'kube-controller-manager');
  engine.host(createPersistentVolumeBinder(engine.store), 'kube-controller-manager');
  engine.host(createHorizontalPodAutoscalerController(engine), 'kube-controller-manager');
}
