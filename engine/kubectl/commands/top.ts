// kubectl top pod|node: resource usage from the simulated metrics-server (engine/metrics),
// printed as pkg/cmd/top does: a tabwriter table whose every cell ends in a tab (so rows keep
// trailing padding), CPU as `%dm`, memory as `%dMi`, node percentages of allocatable.
import type { Node, Pod } from '../../api/core-v1.ts';
import { parseSelector, matches } from '../../api/labels.ts';
import { allPodUsage, metricsAvailable, nodeUsage, type ContainerUsage } from '../../metrics/usage.ts';
import { quantityValue } from '../../scheduler/resources.ts';
import { tabwrite } from '../printers/tabwriter.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';

const MI = 1024 * 1024;
const cpu = (m: number) => `${Math.round(m)}m`;
const mem = (b: number) => `${Math.floor(b / MI)}Mi`;

function table(rows: string[][]): string {
  return tabwrite(rows.map((r) => r.map((c) => `${c}\t`).join('')).join('\n') + '\n', { minwidth: 6, padding: 3 });
}

function requireMetrics(cx: CommandContext): void {
  if (!metricsAvailable(cx.engine)) throw new CommandError('Metrics API not available');
}

const topPod: Command = {
  name: 'pod',
  aliases: ['pods', 'po'],
  short: 'Display resource (CPU/memory) usage of pods',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'containers', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'sum', type: 'bool' },
    { name: 'use-protocol-buffers', type: 'bool' },
    { name: 'field-selector', type: 'string' },
  ],
  run(cx) {
    requireMetrics(cx);
    const f = cx.flags;
    const all = f.bool('all-namespaces');
    const ns = all ? undefined : cx.namespace;
    const sel = f.str('selector') ? parseSelector(f.str('selector')) : undefined;
    let pods = (cx.api.list('pods', ns) as Pod[]).filter((p) => !sel || matches(sel, p.metadata.labels ?? {}));
    if (f.args[0]) {
      const p = cx.api.tryGet<Pod>('pods', cx.namespace, f.args[0]);
      if (!p) throw new CommandError(`pods "${f.args[0]}" not found`);
      pods = [p];
    }
    const usage = allPodUsage(cx.engine, ns);
    const rows: { pod: Pod; u: ContainerUsage[] }[] = [];
    for (const p of pods) {
      const u = usage.get(p.metadata.uid!);
      if (u) rows.push({ pod: p, u });
    }
    if (f.args[0] && rows.length === 0) throw new CommandError(`podmetrics.metrics.k8s.io "${cx.namespace}/${f.args[0]}" not found`);
    if (rows.length === 0) {
      if (pods.length) throw new CommandError('metrics not available yet');
      cx.err(all ? 'No resources found\n' : `No resources found in ${cx.namespace} namespace.\n`);
      return 0;
    }
    const sum = (u: ContainerUsage[], k: 'cpuMilli' | 'memoryBytes') => u.reduce((s, c) => s + c[k], 0);
    const by = f.str('sort-by');
    if (by === 'cpu') rows.sort((a, b) => sum(b.u, 'cpuMilli') - sum(a.u, 'cpuMilli'));
    else if (by === 'memory') rows.sort((a, b) => sum(b.u, 'memoryBytes') - sum(a.u, 'memoryBytes'));
    else rows.sort((a, b) => `${a.pod.metadata.namespace}/${a.pod.metadata.name}`.localeCompare(`${b.pod.metadata.namespace}/${b.pod.metadata.name}`));
    const out: string[][] = [];
    const containers = f.bool('containers');
    if (!f.bool('no-headers')) out.push([...(all ? ['NAMESPACE'] : []), ...(containers ? ['POD', 'NAME'] : ['NAME']), 'CPU(cores)', 'MEMORY(bytes)']);
    for (const r of rows) {
      const lead = all ? [r.pod.metadata.namespace ?? ''] : [];
      if (containers) for (const c of r.u) out.push([...lead, r.pod.metadata.name ?? '', c.name, cpu(c.cpuMilli), mem(c.memoryBytes)]);
      else out.push([...lead, r.pod.metadata.name ?? '', cpu(sum(r.u, 'cpuMilli')), mem(sum(r.u, 'memoryBytes'))]);
    }
    cx.out(table(out));
    return 0;
  },
};

const topNode: Command = {
  name: 'node',
  aliases: ['nodes', 'no'],
  short: 'Display resource (CPU/memory) usage of nodes',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'show-capacity', type: 'bool' },
    { name: 'use-protocol-buffers', type: 'bool' },
  ],
  run(cx) {
    requireMetrics(cx);
    const f = cx.flags;
    const sel = f.str('selector') ? parseSelector(f.str('selector')) : undefined;
    let nodes = (cx.api.list('nodes') as Node[]).filter((n) => !sel || matches(sel, n.metadata.labels ?? {}));
    if (f.args[0]) {
      const n = cx.api.tryGet<Node>('nodes', undefined, f.args[0]);
      if (!n) throw new CommandError(`nodes "${f.args[0]}" not found`);
      nodes = [n];
    }
    nodes.sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
    const rows: string[][] = [];
    if (!f.bool('no-headers')) rows.push(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    const missing: string[] = [];
    const measured: { n: Node; u: { cpuMilli: number; memoryBytes: number } }[] = [];
    for (const n of nodes) {
      const u = nodeUsage(cx.engine, n);
      if (u) measured.push({ n, u });
      else missing.push(n.metadata.name!);
    }
    const by = f.str('sort-by');
    if (by === 'cpu') measured.sort((a, b) => b.u.cpuMilli - a.u.cpuMilli);
    else if (by === 'memory') measured.sort((a, b) => b.u.memoryBytes - a.u.memoryBytes);
    for (const { n, u } of measured) {
      const alloc = f.bool('show-capacity') ? n.status?.capacity : n.status?.allocatable;
      const cpuPct = Math.trunc((u.cpuMilli / (quantityValue(alloc?.['cpu'] ?? '1') * 1000)) * 100);
      const memPct = Math.trunc((u.memoryBytes / quantityValue(alloc?.['memory'] ?? '1')) * 100);
      rows.push([n.metadata.name!, cpu(u.cpuMilli), `${cpuPct}%`, mem(u.memoryBytes), `${memPct}%`]);
    }
    for (const name of missing) rows.push([name, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
    cx.out(table(rows));
    return 0;
  },
};

export const top: Command = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  flags: [],
  subcommands: [topNode, topPod],
};
