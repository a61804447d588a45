// Where a connection starts: inside a pod's network namespace (a container running a command,
// `kubectl exec`), on a node (hostNetwork), or on the learner's own machine (the terminal,
// which reaches kind's docker network, LoadBalancer IPs and port-forwards on localhost).
import type { Pod } from '../api/core-v1.ts';

export type Origin =
  | { kind: 'pod'; pod: Pod }
  | { kind: 'host' };

/** The docker network gateway: what a pod sees as the client address of host traffic. */
export const HOST_IP = '172.18.0.1';

export function originIP(o: Origin): string {
  return o.kind === 'pod' ? (o.pod.status?.podIP ?? '') : HOST_IP;
}

export function originNode(o: Origin): string | undefined {
  return o.kind === 'pod' ? o.pod.spec.nodeName : undefined;
}
