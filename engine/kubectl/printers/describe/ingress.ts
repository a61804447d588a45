// kubectl describe ingress|ingressclass: describeIngressV1 (backends with their EndpointSlice
// addresses) and describeIngressClassV1 in pkg/describe/describe.go.
import type { KubeObject } from '../../../api/meta.ts';
import { annotationsMultiline, describeEvents, eventsFor, labelsMultiline, type DescribeContext } from './common.ts';
import { DescribeWriter } from './writer.ts';

interface Backend {
  service?: { name: string; port?: { number?: number; name?: string } };
  resource?: { apiGroup?: string; kind?: string; name?: string };
}
interface Ingress extends KubeObject {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: Backend;
    tls?: { hosts?: string[]; secretName?: string }[];
    rules?: { host?: string; http?: { paths?: { path?: string; backend: Backend }[] } }[];
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}
interface Slice extends KubeObject {
  endpoints?: { addresses: string[]; conditions?: { ready?: boolean } }[];
  ports?: { name?: string; port?: number }[];
}

/** formatEndpointSlices: ready addresses host:port of the named port, three at most. */
export function formatEndpointSlices(slices: Slice[], portName: string | undefined): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const add = (text: string, ready: boolean) => {
    if (list.length === max) more = true;
    if (!ready) return;
    if (!more) list.push(text);
    count++;
  };
  for (const s of slices) {
    if (!s.ports?.length) {
      for (const e of s.endpoints ?? []) add(e.addresses[0] ?? '', e.conditions?.ready !== false);
      continue;
    }
    for (const p of s.ports) {
      if (portName !== undefined && (p.name ?? '') !== portName) continue;
      for (const e of s.endpoints ?? []) add(`${e.addresses[0]}:${p.port ?? 0}`, e.conditions?.ready !== false);
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function describeBackend(cx: DescribeContext, ns: string, b: Backend): string {
  if (b.service) {
    const port = b.service.port?.number ? String(b.service.port.number) : (b.service.port?.name ?? '');
    const sb = `${b.service.name}:${port}`;
    const slices = cx.api.list('endpointslices.discovery.k8s.io', ns, { labelSelector: `kubernetes.io/service-name=${b.service.name}` }) as Slice[];
    const svc = cx.api.tryGet('services', ns, b.service.name) as (KubeObject & { spec?: { ports?: { name?: string; port: number }[] } }) | undefined;
    if (!svc) return `${sb} (<error: services "${b.service.name}" not found>)`;
    let spName = '';
    for (const sp of svc.spec?.ports ?? []) {
      if (b.service.port?.number && b.service.port.number === sp.port) spName = sp.name ?? '';
      else if (b.service.port?.name && b.service.port.name === sp.name) spName = sp.name ?? '';
    }
    return `${sb} (${formatEndpointSlices(slices, spName)})`;
  }
  if (b.resource) return `APIGroup: ${b.resource.apiGroup ?? '<none>'}, Kind: ${b.resource.kind ?? ''}, Name: ${b.resource.name ?? ''}`;
  return '';
}

export function describeIngress(cx: DescribeContext, ing: Ingress): string {
  const ns = ing.metadata.namespace ?? '';
  const spec = ing.spec ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ing.metadata.name}\n`);
  labelsMultiline(w, 'Labels', ing.metadata.labels);
  w.write(0, `Namespace:\t${ns}\n`);
  const addrs = [...new Set((ing.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter((a) => a))].sort();
  w.write(0, `Address:\t${addrs.join(',')}\n`);
  w.write(0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
  const def = spec.defaultBackend ? describeBackend(cx, ns, spec.defaultBackend) : '<default>';
  w.write(0, `Default backend:\t${def}\n`);
  if (spec.tls?.length) {
    w.write(0, 'TLS:\n');
    for (const t of spec.tls) w.write(1, t.secretName ? `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n` : `SNI routes ${(t.hosts ?? []).join(',')}\n`);
  }
  w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(1, '----\t----\t--------\n');
  let count = 0;
  for (const r of spec.rules ?? []) {
    if (!r.http) continue;
    count++;
    w.write(1, `${r.host || '*'}\t\n`);
    for (const p of r.http.paths ?? []) w.write(2, `\t${p.path ?? ''} \t${describeBackend(cx, ns, p.backend)}\n`);
  }
  if (count === 0) w.write(1, `*\t*\t${def}\n`);
  annotationsMultiline(w, 'Annotations', ing.metadata.annotations);
  describeEvents(w, eventsFor(cx, ing), cx.now);
  return w.toString();
}

export function describeIngressClass(cx: DescribeContext, ic: KubeObject & { spec?: { controller?: string; parameters?: { apiGroup?: string; kind?: string; name?: string } } }): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ic.metadata.name}\n`);
  labelsMultiline(w, 'Labels', ic.metadata.labels);
  annotationsMultiline(w, 'Annotations', ic.metadata.annotations);
  w.write(0, `Controller:\t${ic.spec?.controller ?? ''}\n`);
  const p = ic.spec?.parameters;
  if (p) {
    w.write(0, 'Parameters:\n');
    if (p.apiGroup !== undefined) w.write(1, `APIGroup:\t${p.apiGroup}\n`);
    w.write(1, `Kind:\t${p.kind ?? ''}\n`);
    w.write(1, `Name:\t${p.name ?? ''}\n`);
  }
  describeEvents(w, eventsFor(cx, ic), cx.now);
  return w.toString();
}
