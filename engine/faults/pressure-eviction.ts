// The kubelet's eviction manager under a memory-pressure fault (pkg/kubelet/eviction): each
// housekeeping pass (10 s) evicts one pod, BestEffort first, with the Evicted event and a
// Failed pod whose reason is Evicted; its controller replaces it elsewhere (the node carries
// the memory-pressure NoSchedule taint). Done on the kubelet's behalf: its pod worker stops.
import type { Pod } from '../api/core-v1.ts';
import type { ReconcileContext } from '../controllers/controller.ts';
import { keyOf } from '../controllers/controller.ts';
import { NODE_INDEX } from '../controllers/listers.ts';
import { podRecordKey, type PodRecord } from '../kubelet/kubelet.ts';
import { forgetProcesses } from '../kubelet/processes.ts';
import { qosClass } from '../kubelet/qos.ts';

export const EVICTION_PERIOD_MS = 10_000;
/** kind's default hard threshold and a plausible reading under pressure. */
export const MEMORY_EVICTION_MESSAGE = 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 87536Ki. ';

/** The next pod the eviction manager picks on a node under memory pressure, if any. */
function nextVictim(cx: ReconcileContext, node: string): Pod | undefined {
  const pods = (cx.store.byIndex('pods', NODE_INDEX, node) as Pod[])
    .filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')
    .filter((p) => !p.metadata.annotations?.['kubernetes.io/config.mirror'] && !(p.spec.priority !== undefined && p.spec.priority >= 2_000_000_000));
  return pods.filter((p) => qosClass(p) === 'BestEffort').sort((a, b) => keyOf(a).localeCompare(keyOf(b)))[0];
}

/** Evicts one BestEffort pod; true if one was evicted (more may follow next pass). */
export function evictOne(cx: ReconcileContext, node: string): boolean {
  const pod = nextVictim(cx, node);
  if (!pod) return false;
  const now = cx.clock.nowRFC3339();
  const source = { component: 'kubelet', host: node };
  const first = pod.spec.containers[0]!;
  cx.events.record(pod, source, 'Warning', 'Evicted',
    `${MEMORY_EVICTION_MESSAGE}Container ${first.name} was using 2140Ki, request is 0, has larger consumption of request. `);
  for (const c of pod.spec.containers) cx.events.record(pod, source, 'Normal', 'Killing', `Stopping container ${c.name}`, `spec.containers{${c.name}}`);
  // Stop the kubelet's pod worker for it: its timers and machine go, the pod stays Failed.
  const rec = cx.store.getRecord<PodRecord>(podRecordKey(pod.metadata.uid!));
  for (const id of rec?.timers ?? []) cx.clock.cancelFor(`kubelet/${node}`, `${rec!.key}#${id}`);
  const next = structuredClone(pod);
  const started = (n: string) => next.status?.containerStatuses?.find((s) => s.name === n)?.state?.running?.startedAt ?? now;
  next.status = {
    ...(next.status ?? {}),
    phase: 'Failed',
    reason: 'Evicted',
    message: MEMORY_EVICTION_MESSAGE,
    conditions: [
      { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: now, reason: 'TerminationByKubelet', message: MEMORY_EVICTION_MESSAGE },
      ...(next.status?.conditions ?? []).map((c) =>
        c.type === 'Ready' || c.type === 'ContainersReady'
          ? { ...c, status: 'False' as const, reason: 'PodFailed', lastTransitionTime: now }
          : c.type === 'PodReadyToStartContainers' ? { ...c, status: 'False' as const, lastTransitionTime: now } : c),
    ],
    containerStatuses: (next.status?.containerStatuses ?? []).map((s) => ({
      ...s, ready: false, started: false,
      state: { terminated: { exitCode: 137, reason: 'Error', startedAt: started(s.name), finishedAt: now, ...(s.containerID ? { containerID: s.containerID } : {}) } },
    })),
  };
  delete (next.status as Record<string, unknown>)['podIP'];
  delete (next.status as Record<string, unknown>)['podIPs'];
  cx.store.deleteRecord(podRecordKey(pod.metadata.uid!));
  forgetProcesses(cx.store, pod.metadata.uid!);
  cx.api.updateStatus('pods', next);
  return true;
}
