// kubectl describe pod: describePod in pkg/describe/describe.go (v1.32 field order).
import type { Pod } from '../../../api/core-v1.ts';
import { parseTime } from '../../../time/clock.ts';
import { humanDuration, rfc1123z } from '../human-duration.ts';
import {
  annotationsMultiline, controllerOf, describeContainers, describeEvents, describeVolumes, eventsFor, labelsMultiline, tolerationsMultiline,
  type DescribeContext,
} from './common.ts';
import { DescribeWriter } from './writer.ts';

/** qos.GetPodQOS, used when status.qosClass is not set yet. */
export function podQOS(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const all = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function describePod(cx: DescribeContext, pod: Pod): string {
  const w = new DescribeWriter();
  const s = pod.status ?? {};
  w.write(0, `Name:\t${pod.metadata.name}\n`);
  w.write(0, `Namespace:\t${pod.metadata.namespace}\n`);
  if (pod.spec.priority !== undefined) w.write(0, `Priority:\t${pod.spec.priority}\n`);
  if (pod.spec.priorityClassName) w.write(0, `Priority Class Name:\t${pod.spec.priorityClassName}\n`);
  if (pod.spec['runtimeClassName']) w.write(0, `Runtime Class Name:\t${String(pod.spec['runtimeClassName'])}\n`);
  if (pod.spec.serviceAccountName) w.write(0, `Service Account:\t${pod.spec.serviceAccountName}\n`);
  w.write(0, pod.spec.nodeName ? `Node:\t${pod.spec.nodeName}/${s.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (s.startTime) w.write(0, `Start Time:\t${rfc1123z(s.startTime)}\n`);
  labelsMultiline(w, 'Labels', pod.metadata.labels);
  annotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && s.phase !== 'Failed' && s.phase !== 'Succeeded') {
    const until = (parseTime(pod.metadata.deletionTimestamp) ?? cx.now) - cx.now;
    w.write(0, `Status:\tTerminating (lasts ${humanDuration(until)})\n`);
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${s.phase ?? ''}\n`);
  if (s.reason) w.write(0, `Reason:\t${s.reason}\n`);
  if (s.message) w.write(0, `Message:\t${s.message}\n`);
  const seccomp = (pod.spec.securityContext as { seccompProfile?: { type: string; localhostProfile?: string } } | undefined)?.seccompProfile;
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(0, `IP:\t${s.podIP ?? ''}\n`);
  if (!s.podIPs?.length) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of s.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const ctl = controllerOf(pod);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  if (s.nominatedNodeName) w.write(0, `NominatedNodeName:\t${s.nominatedNodeName}\n`);
  if (pod.spec.initContainers?.length) describeContainers(w, 'Init Containers', pod.spec.initContainers, s.initContainerStatuses);
  describeContainers(w, 'Containers', pod.spec.containers ?? [], s.containerStatuses);
  const gates = (pod.spec['readinessGates'] as { conditionType: string }[] | undefined) ?? [];
  if (gates.length) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const c = s.conditions?.find((x) => x.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if (s.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of s.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, pod.spec.volumes);
  w.write(0, `QoS Class:\t${podQOS(pod)}\n`);
  labelsMultiline(w, 'Node-Selectors', pod.spec.nodeSelector);
  tolerationsMultiline(w, 'Tolerations', pod.spec.tolerations);
  // describePod searches a mirror pod's events by its static pod's uid (the config.mirror
  // annotation) and with no kind.
  const mirror = pod.metadata.annotations?.['kubernetes.io/config.mirror'];
  describeEvents(w, eventsFor(cx, pod, mirror !== undefined ? { uid: mirror, anyKind: true } : {}), cx.now);
  return w.toString();
}
