// kubectl describe node: describeNode in pkg/describe/describe.go — identity, taints,
// lease, conditions, addresses, capacity, system info, the non-terminated pods with their
// requests/limits as a share of allocatable, allocated resources, events.
import type { Node, Pod } from '../../../api/core-v1.ts';
import { milliValue, parseQuantity, quantityValue } from '../../../api/quantity.ts';
import { humanDuration, rfc1123z } from '../human-duration.ts';
import { parseTime } from '../../../time/clock.ts';
import { nodeRoles } from '../columns/node.ts';
import { annotationsMultiline, describeEvents, eventsFor, labelsMultiline, type DescribeContext } from './common.ts';
import { DescribeWriter } from './writer.ts';

const INFO_ORDER: [string, string][] = [
  ['machineID', 'Machine ID'], ['systemUUID', 'System UUID'], ['bootID', 'Boot ID'], ['kernelVersion', 'Kernel Version'],
  ['osImage', 'OS Image'], ['operatingSystem', 'Operating System'], ['architecture', 'Architecture'],
  ['containerRuntimeVersion', 'Container Runtime Version'], ['kubeletVersion', 'Kubelet Version'], ['kubeProxyVersion', 'Kube-Proxy Version'],
];

function milli(q: string | undefined, resource: string): number {
  if (q === undefined) return 0;
  try {
    const v = parseQuantity(q);
    return resource === 'cpu' ? milliValue(v) : quantityValue(v);
  } catch {
    return 0;
  }
}

function fmtCpu(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

function fmtMem(b: number): string {
  if (b === 0) return '0';
  for (const [u, f] of [['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) if (b % f === 0) return `${b / f}${u}`;
  return String(b);
}

function pct(v: number, total: number): string {
  return total > 0 ? `${Math.trunc((v * 100) / total)}%` : '0%';
}

export function describeNode(cx: DescribeContext, n: Node): string {
  const w = new DescribeWriter();
  const st = n.status ?? {};
  w.write(0, `Name:\t${n.metadata.name}\n`);
  const roles = nodeRoles(n);
  w.write(0, `Roles:\t${roles}\n`);
  labelsMultiline(w, 'Labels', n.metadata.labels);
  annotationsMultiline(w, 'Annotations', n.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(n.metadata.creationTimestamp)}\n`);
  const taints = n.spec?.taints ?? [];
  w.write(0, 'Taints:\t');
  if (!taints.length) w.write(0, '<none>\n');
  taints.forEach((t, i) => w.write(0, `${i ? '\t' : ''}${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`));
  w.write(0, `Unschedulable:\t${n.spec?.unschedulable === true}\n`);
  const lease = cx.api.tryGet('leases.coordination.k8s.io', 'kube-node-lease', n.metadata.name ?? '');
  w.write(0, 'Lease:\n');
  const ls = (lease?.['spec'] ?? {}) as { holderIdentity?: string; acquireTime?: string; renewTime?: string };
  w.write(1, `HolderIdentity:\t${ls.holderIdentity ?? '<unset>'}\n`);
  w.write(1, `AcquireTime:\t${ls.acquireTime ? rfc1123z(ls.acquireTime) : '<unset>'}\n`);
  w.write(1, `RenewTime:\t${ls.renewTime ? rfc1123z(ls.renewTime) : '<unset>'}\n`);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions)
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.write(0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [['Capacity', st.capacity], ['Allocatable', st.allocatable]] as const) {
    if (!list) continue;
    w.write(0, `${title}:\n`);
    for (const k of Object.keys(list).sort()) w.write(1, `${k}:\t${list[k]}\n`);
  }
  w.write(0, 'System Info:\n');
  for (const [k, title] of INFO_ORDER) w.write(1, `${title}:\t${st.nodeInfo?.[k] ?? ''}\n`);
  if (n.spec?.podCIDR) w.write(0, `PodCIDR:\t${n.spec.podCIDR}\n`);
  if (n.spec?.podCIDRs?.length) w.write(0, `PodCIDRs:\t${n.spec.podCIDRs.join(',')}\n`);
  if (n.spec?.providerID) w.write(0, `ProviderID:\t${n.spec.providerID}\n`);
  const pods = (cx.api.list('pods') as Pod[]).filter(
    (p) => p.spec.nodeName === n.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  const alloc = st.allocatable ?? {};
  const totalCpu = milli(alloc['cpu'], 'cpu');
  const totalMem = milli(alloc['memory'], 'memory');
  const sum = (p: Pod, kind: 'requests' | 'limits', r: string) => p.spec.containers.reduce((s, c) => s + milli(c.resources?.[kind]?.[r], r), 0);
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const tot = { cr: 0, cl: 0, mr: 0, ml: 0 };
  for (const p of pods) {
    const cr = sum(p, 'requests', 'cpu');
    const cl = sum(p, 'limits', 'cpu');
    const mr = sum(p, 'requests', 'memory');
    const ml = sum(p, 'limits', 'memory');
    tot.cr += cr;
    tot.cl += cl;
    tot.mr += mr;
    tot.ml += ml;
    const age = humanDuration(cx.now - (parseTime(p.metadata.creationTimestamp) ?? cx.now));
    w.write(
      1,
      `${p.metadata.namespace}\t${p.metadata.name}\t\t${fmtCpu(cr)} (${pct(cr, totalCpu)})\t${fmtCpu(cl)} (${pct(cl, totalCpu)})\t${fmtMem(mr)} (${pct(mr, totalMem)})\t${fmtMem(ml)} (${pct(ml, totalMem)})\t${age}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  w.write(1, `cpu\t${fmtCpu(tot.cr)} (${pct(tot.cr, totalCpu)})\t${fmtCpu(tot.cl)} (${pct(tot.cl, totalCpu)})\n`);
  w.write(1, `memory\t${fmtMem(tot.mr)} (${pct(tot.mr, totalMem)})\t${fmtMem(tot.ml)} (${pct(tot.ml, totalMem)})\n`);
  w.write(1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
  w.write(1, 'hugepages-1Gi\t0 (0%)\t0 (0%)\n');
  w.write(1, 'hugepages-2Mi\t0 (0%)\t0 (0%)\n');
  describeEvents(w, eventsFor(cx, n), cx.now);
  return w.toString();
}
