// What kube-proxy programs on a node, as data: for each Service VIP:port (ClusterIP, external
// and load-balancer IPs) and each NodePort, the endpoints traffic is DNATed to. The emulated
// data plane reads only these tables, so a node whose kube-proxy is stopped keeps routing with
// the rules it had (stale), exactly as iptables rules outlive the process.

export interface ProxyEndpoint {
  ip: string;
  port: number;
  /** `ns/name` of the pod behind the address (for counters and the topology). */
  pod?: string;
  node?: string;
}

export interface ServiceRule {
  /** `ns/name` of the Service. */
  service: string;
  portName: string;
  protocol: string;
  endpoints: ProxyEndpoint[];
  /** sessionAffinity ClientIP timeout in seconds. */
  affinitySeconds?: number;
  /** externalTrafficPolicy/internalTrafficPolicy Local. */
  localOnly?: boolean;
}

export interface ProxyRules {
  /** Virtual time of the last sync. */
  syncedAt: number;
  /** `ip:port/PROTO` -> rule, for ClusterIPs, externalIPs and load-balancer ingress IPs. */
  vips: Record<string, ServiceRule>;
  /** `port/PROTO` -> rule, on every node address. */
  nodePorts: Record<string, ServiceRule>;
}

export const rulesKey = (node: string) => `kube-proxy/rules/${node}`;

export const vipKey = (ip: string, port: number, protocol = 'TCP') => `${ip}:${port}/${protocol}`;
export const nodePortKey = (port: number, protocol = 'TCP') => `${port}/${protocol}`;
