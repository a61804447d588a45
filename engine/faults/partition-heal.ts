// A partitioned node reconnecting: the kubelet's status manager pushes every pod status it
// could not write, finishes the deletions it completed locally (pods evicted meanwhile stayed
// Terminating), and the kubelet relists, renews its Lease and posts Ready again.
import type { Node, Pod } from '../api/core-v1.ts';
import { ApiError } from '../apiserver/status.ts';
import { NODE_INDEX } from '../controllers/listers.ts';
import type { Engine } from '../engine.ts';
import { podRecordKey, type PodRecord } from '../kubelet/kubelet.ts';
import { podStatus } from '../kubelet/pod-status.ts';

export function resumeStatusManager(engine: Engine, node: string): void {
  const api = engine.api;
  const hostIP = api.tryGet<Node>('nodes', undefined, node)?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
  try {
    for (const pod of engine.store.byIndex('pods', NODE_INDEX, node) as Pod[]) {
      const rec = engine.store.getRecord<PodRecord>(podRecordKey(pod.metadata.uid!));
      if (!rec) continue;
      const state = String(rec.value);
      if (pod.metadata.deletionTimestamp && state === 'Terminated') {
        api.delete('pods', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, uid: pod.metadata.uid! });
        continue;
      }
      const status = podStatus({ pod, ctx: rec.context, state, hostIP, ...(rec.podIP ? { podIP: rec.podIP } : {}), now: engine.clock.now() });
      if (JSON.stringify(status) !== JSON.stringify(pod.status ?? {})) api.updateStatus('pods', { ...pod, status });
    }
  } catch (e) {
    // The API server itself may be down: the kubelet's relist below retries.
    if (!(e instanceof ApiError)) throw e;
  }
  engine.resyncComponent(`kubelet/${node}`);
}
