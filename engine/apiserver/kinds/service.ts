// Service strategy: SetDefaults_Service, ClusterIP / NodePort allocation as the service REST
// storage does, ValidateService and ValidateServiceUpdate (immutable clusterIP).
import type { Service, ServicePort } from '../../api/core-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import type { FieldError } from '../status.ts';
import { invalid as invalidError } from '../status.ts';
import type { KindStrategy, StrategyContext } from '../strategy.ts';
import { duplicate, forbidden, invalid, invalidGo, notSupported, required } from '../validation/field.ts';
import { goStringSlice } from '../validation/go-format.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors, isIPv4, portNameErrors, portNumErrors } from '../validation/names.ts';
import { validateLabels } from '../validation/object-meta.ts';
import { allocateClusterIP, allocateNodePort, inServiceCIDR, NODE_PORT_MAX, NODE_PORT_MIN, SERVICE_CIDR, usedClusterIPs, usedNodePorts } from './service-allocators.ts';

type Spec = Service['spec'];

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function defaultService(svc: Service): void {
  const spec = (svc.spec ??= {} as Spec);
  spec.type ||= 'ClusterIP';
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = ((spec['sessionAffinityConfig'] as Record<string, unknown> | undefined) ??= {});
    const cip = ((cfg['clientIP'] as Record<string, unknown> | undefined) ??= {});
    cip['timeoutSeconds'] ??= 10800;
  }
  for (const p of spec.ports ?? []) {
    p.protocol ||= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec['externalTrafficPolicy'] ||= 'Cluster';
  if (spec.type !== 'ExternalName') spec['internalTrafficPolicy'] ||= 'Cluster';
  if (spec.type === 'LoadBalancer') spec['allocateLoadBalancerNodePorts'] ??= true;
}

function isHeadless(spec: Spec): boolean {
  return spec.clusterIP === 'None';
}

function validateServicePort(sp: ServicePort, requireName: boolean, names: Set<string>, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) errs.push(required(`${p}.name`));
  else if (sp.name) {
    for (const m of dns1123LabelErrors(sp.name)) errs.push(invalid(`${p}.name`, sp.name, m));
    if (names.has(sp.name)) errs.push(duplicate(`${p}.name`, sp.name));
    else names.add(sp.name);
  }
  for (const m of portNumErrors(sp.port ?? 0)) errs.push(invalid(`${p}.port`, sp.port ?? 0, m));
  if (!sp.protocol) errs.push(required(`${p}.protocol`));
  else if (!PROTOCOLS.includes(sp.protocol)) errs.push(notSupported(`${p}.protocol`, sp.protocol, PROTOCOLS));
  const tp = sp.targetPort;
  if (typeof tp === 'number') for (const m of portNumErrors(tp)) errs.push(invalid(`${p}.targetPort`, tp, m));
  else if (typeof tp === 'string') for (const m of portNameErrors(tp)) errs.push(invalid(`${p}.targetPort`, tp, m));
  return errs;
}

export function validateService(svc: Service): FieldError[] {
  const spec = svc.spec ?? ({} as Spec);
  const errs: FieldError[] = [];
  const ports = spec.ports ?? [];
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  switch (spec.type) {
    case 'LoadBalancer':
      ports.forEach((p, i) => {
        if (p.port === 10250) errs.push(invalid(`spec.ports[${i}]`, p.port, 'may not expose port 10250 externally since it is used by kubelet'));
      });
      if (isHeadless(spec)) errs.push(invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (isHeadless(spec)) errs.push(invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if ((spec.clusterIPs ?? []).length > 0) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
      const cname = (spec.externalName ?? '').replace(/\.$/, '');
      if (cname) for (const m of dns1123SubdomainErrors(cname)) errs.push(invalid('spec.externalName', cname, m));
      else errs.push(required('spec.externalName'));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  if (spec.selector) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  if (!spec.sessionAffinity) errs.push(required('spec.sessionAffinity'));
  else if (!['ClientIP', 'None'].includes(spec.sessionAffinity)) errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']));
  if (spec.clusterIP && spec.clusterIP !== 'None' && !isIPv4(spec.clusterIP))
    errs.push(invalid('spec.clusterIPs[0]', spec.clusterIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  if (!spec.type) errs.push(required('spec.type'));
  else if (!TYPES.includes(spec.type)) errs.push(notSupported('spec.type', spec.type, TYPES));
  if (spec.type === 'ClusterIP')
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (seen.has(key))
      errs.push({ type: 'FieldValueDuplicate', field: `spec.ports[${i}]`, valueText: `core.ServicePort{Name:"", Protocol:${JSON.stringify(p.protocol)}, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}` });
    seen.add(key);
  });
  const etp = spec['externalTrafficPolicy'] as string | undefined;
  if (etp !== undefined && spec.type !== 'NodePort' && spec.type !== 'LoadBalancer')
    errs.push(invalid('spec.externalTrafficPolicy', etp, 'may only be set when `type` is \'NodePort\' or \'LoadBalancer\''));
  else if (etp !== undefined && !['Cluster', 'Local'].includes(etp)) errs.push(notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  const itp = spec['internalTrafficPolicy'] as string | undefined;
  if (itp !== undefined && !['Cluster', 'Local'].includes(itp)) errs.push(notSupported('spec.internalTrafficPolicy', itp, ['Cluster', 'Local']));
  return errs;
}

/** The REST storage's allocation step: clusterIP(s), IP families, node ports. Throws Invalid. */
function allocate(svc: Service, cx: StrategyContext, old?: Service): void {
  const spec = svc.spec;
  const name = svc.metadata.name ?? '';
  if (spec.type === 'ExternalName') {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    return;
  }
  if (old && old.spec.clusterIP) {
    spec.clusterIP ||= old.spec.clusterIP;
    spec.clusterIPs ??= old.spec.clusterIPs;
  } else if (!spec.clusterIP) {
    spec.clusterIP = allocateClusterIP(cx.store, cx.rng);
  } else if (spec.clusterIP !== 'None' && isIPv4(spec.clusterIP)) {
    const fail = (why: string) =>
      invalidError('Service', '', name, [invalidGo('spec.clusterIPs', goStringSlice([spec.clusterIP!]), `failed to allocate IP ${spec.clusterIP}: ${why}`)]);
    if (!inServiceCIDR(spec.clusterIP)) throw fail(`the provided IP (${spec.clusterIP}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`);
    if (usedClusterIPs(cx.store).has(spec.clusterIP)) throw fail('provided IP is already allocated');
  }
  spec.clusterIPs = [spec.clusterIP!];
  spec['ipFamilies'] ??= ['IPv4'];
  spec['ipFamilyPolicy'] ??= 'SingleStack';
  if (spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec['allocateLoadBalancerNodePorts'] !== false)) {
    const used = usedNodePorts(cx.store, old?.metadata.uid);
    (spec.ports ?? []).forEach((p, i) => {
      if (p.nodePort) {
        const oldHad = old?.spec.ports?.some((o) => o.nodePort === p.nodePort);
        if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX)
          throw invalidError('Service', '', name, [
            invalid(`spec.ports[${i}].nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`),
          ]);
        if (used.has(p.nodePort) && !oldHad)
          throw invalidError('Service', '', name, [invalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated')]);
        used.add(p.nodePort);
      }
    });
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const prev = old?.spec.ports?.find((o) => o.port === p.port && o.protocol === p.protocol)?.nodePort;
      p.nodePort = prev ?? allocateNodePort(used, cx.rng);
      used.add(p.nodePort);
    }
  } else if (spec.type === 'ClusterIP' && old && (old.spec.type === 'NodePort' || old.spec.type === 'LoadBalancer')) {
    for (const p of spec.ports ?? []) delete p.nodePort;
  }
}

export const serviceStrategy: KindStrategy = {
  prepareForCreate(obj) {
    obj['status'] = { loadBalancer: {} };
  },
  defaults(obj) {
    defaultService(obj as Service);
  },
  admit(obj, cx) {
    const svc = obj as Service;
    if (!svc.spec || typeof svc.spec !== 'object') return;
    // Validation first: the real server validates before allocating.
    if (validateService(svc).length) return;
    allocate(svc, cx);
  },
  prepareForUpdate(obj, old, cx) {
    const svc = obj as Service;
    const o = old as Service;
    defaultService(svc);
    if (svc.spec.clusterIP === undefined || svc.spec.clusterIP === '') {
      svc.spec.clusterIP = o.spec.clusterIP;
      svc.spec.clusterIPs ??= o.spec.clusterIPs;
    }
    if (!validateService(svc).length && svc.spec.clusterIP === o.spec.clusterIP) allocate(svc, cx, o);
  },
  validate(obj) {
    return validateService(obj as Service);
  },
  validateUpdate(obj: KubeObject, old: KubeObject) {
    const svc = obj as Service;
    const o = old as Service;
    const errs = validateService(svc);
    const wasExternal = o.spec.type === 'ExternalName';
    if (!wasExternal && svc.spec.type !== 'ExternalName' && o.spec.clusterIP && svc.spec.clusterIP !== o.spec.clusterIP) {
      errs.push(invalidGo('spec.clusterIPs[0]', goStringSlice(svc.spec.clusterIPs ?? [svc.spec.clusterIP ?? '']), 'may not change once set'));
      errs.push(invalid('spec.clusterIP', svc.spec.clusterIP ?? '', 'field is immutable'));
    }
    return errs;
  },
};
