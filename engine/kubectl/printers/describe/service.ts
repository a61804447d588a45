// kubectl describe service: describeService in pkg/describe/describe.go (endpoints from the
// Service's EndpointSlices, falling back to its Endpoints object).
import type { Service } from '../../../api/core-v1.ts';
import type { KubeObject } from '../../../api/meta.ts';
import { formatLabels } from '../table.ts';
import { annotationsMultiline, describeEvents, eventsFor, labelsMultiline, type DescribeContext } from './common.ts';
import { formatEndpointSlices } from './ingress.ts';
import { DescribeWriter } from './writer.ts';

interface Slice extends KubeObject {
  endpoints?: { addresses: string[]; conditions?: { ready?: boolean } }[];
  ports?: { name?: string; port?: number; protocol?: string }[];
}

function endpointsText(cx: DescribeContext, svc: Service, portName: string | undefined): string {
  const slices = (cx.api.list('endpointslices.discovery.k8s.io', svc.metadata.namespace) as Slice[]).filter(
    (s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name,
  );
  return formatEndpointSlices(slices, portName ?? '');
}

export function describeService(cx: DescribeContext, svc: Service): string {
  const w = new DescribeWriter();
  const sp = svc.spec;
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${svc.metadata.namespace}\n`);
  labelsMultiline(w, 'Labels', svc.metadata.labels);
  annotationsMultiline(w, 'Annotations', svc.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(sp.selector)}\n`);
  w.write(0, `Type:\t${sp.type ?? ''}\n`);
  if (sp['ipFamilyPolicy']) w.write(0, `IP Family Policy:\t${String(sp['ipFamilyPolicy'])}\n`);
  const fam = (sp['ipFamilies'] as string[] | undefined) ?? [];
  w.write(0, `IP Families:\t${fam.length ? fam.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${sp.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${sp.clusterIPs?.length ? sp.clusterIPs.join(',') : '<none>'}\n`);
  const ext = (sp['externalIPs'] as string[] | undefined) ?? [];
  if (ext.length) w.write(0, `External IPs:\t${ext.join(',')}\n`);
  if (sp['loadBalancerIP']) w.write(0, `IP:\t${String(sp['loadBalancerIP'])}\n`);
  if (sp.externalName) w.write(0, `External Name:\t${sp.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname).join(', ')}\n`);
  for (const p of sp.ports ?? []) {
    const name = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    w.write(0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${endpointsText(cx, svc, p.name)}\n`);
  }
  w.write(0, `Session Affinity:\t${sp.sessionAffinity ?? ''}\n`);
  if (sp['externalTrafficPolicy']) w.write(0, `External Traffic Policy:\t${String(sp['externalTrafficPolicy'])}\n`);
  if (sp['internalTrafficPolicy']) w.write(0, `Internal Traffic Policy:\t${String(sp['internalTrafficPolicy'])}\n`);
  if (sp['healthCheckNodePort']) w.write(0, `HealthCheck NodePort:\t${String(sp['healthCheckNodePort'])}\n`);
  describeEvents(w, eventsFor(cx, svc), cx.now);
  return w.toString();
}
