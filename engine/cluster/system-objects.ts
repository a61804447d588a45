// The objects kubeadm and kind put into a fresh cluster: namespaces, the control plane's static
// (mirror) pods, CoreDNS, the `kubernetes` and `kube-dns` Services. Shapes follow what
// `kubectl get -o yaml` shows on a kind v1.32 cluster, trimmed of nothing a learner would read.
import type { Container, Node, Pod, Probe } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import { COREDNS_IMAGE, ETCD_IMAGE, KUBERNETES_VERSION } from './versions.ts';

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export function namespaceObject(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

interface StaticPodSpec {
  component: string;
  image: string;
  command: string[];
  cpu: string;
  memory?: string;
  annotations?: Record<string, string>;
  probePort: number;
  probeHost: string;
  probeScheme: 'HTTP' | 'HTTPS';
  probePath: string;
  volumes: { name: string; path: string; type: string; readOnly?: boolean; mountPath?: string }[];
}

function staticSpecs(ip: string): StaticPodSpec[] {
  const v = (name: string, path: string, type = 'DirectoryOrCreate', readOnly = true) => ({ name, path, type, readOnly });
  return [
    {
      component: 'etcd', image: ETCD_IMAGE, cpu: '100m', memory: '100Mi', probePort: 2381, probeHost: '127.0.0.1', probeScheme: 'HTTP', probePath: '/livez',
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
      command: ['etcd', `--advertise-client-urls=https://${ip}:2379`, '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd', '--experimental-initial-corrupt-check=true', '--experimental-watch-progress-notify-interval=5s',
        `--initial-advertise-peer-urls=https://${ip}:2380`, `--initial-cluster=sandbox-control-plane=https://${ip}:2380`,
        '--key-file=/etc/kubernetes/pki/etcd/server.key', `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381', `--listen-peer-urls=https://${ip}:2380`, '--name=sandbox-control-plane',
        '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt', '--peer-client-cert-auth=true', '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
        '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt', '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'],
      volumes: [{ ...v('etcd-certs', '/etc/kubernetes/pki/etcd'), readOnly: false }, { ...v('etcd-data', '/var/lib/etcd'), readOnly: false }],
    },
    {
      component: 'kube-apiserver', image: `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`, cpu: '250m', probePort: 6443, probeHost: ip, probeScheme: 'HTTPS', probePath: '/livez',
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
      command: ['kube-apiserver', `--advertise-address=${ip}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true',
        '--etcd-servers=https://127.0.0.1:2379', '--runtime-config=', '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local', '--service-cluster-ip-range=10.96.0.0/16',
        '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key'],
      volumes: [v('ca-certs', '/etc/ssl/certs'), v('k8s-certs', '/etc/kubernetes/pki')],
    },
    {
      component: 'kube-controller-manager', image: `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`, cpu: '200m', probePort: 10257, probeHost: '127.0.0.1', probeScheme: 'HTTPS', probePath: '/healthz',
      command: ['kube-controller-manager', '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1', '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--cluster-cidr=10.244.0.0/16', '--cluster-name=sandbox', '--controllers=*,bootstrapsigner,tokencleaner', '--enable-hostpath-provisioner=true',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true', '--service-cluster-ip-range=10.96.0.0/16', '--use-service-account-credentials=true'],
      volumes: [v('ca-certs', '/etc/ssl/certs'), v('k8s-certs', '/etc/kubernetes/pki'), { ...v('kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate'), mountPath: '/etc/kubernetes/controller-manager.conf' }],
    },
    {
      component: 'kube-scheduler', image: `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`, cpu: '100m', probePort: 10259, probeHost: '127.0.0.1', probeScheme: 'HTTPS', probePath: '/livez',
      command: ['kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
      volumes: [{ ...v('kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate'), mountPath: '/etc/kubernetes/scheduler.conf' }],
    },
  ];
}

/** A mirror pod as the kubelet posts it for a static pod manifest (owned by the Node). */
export function staticPods(node: Node, configHash: (s: string) => string, seen: string): Pod[] {
  const ip = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '172.18.0.2';
  return staticSpecs(ip).map((s) => {
    const hash = configHash(s.component);
    const container: Container = {
      name: s.component,
      image: s.image,
      imagePullPolicy: 'IfNotPresent',
      command: s.command,
      livenessProbe: {
        failureThreshold: 8, httpGet: { host: s.probeHost, path: s.probePath, port: s.probePort, scheme: s.probeScheme } as Probe["httpGet"] & object,
        initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 15,
      },
      resources: { requests: { cpu: s.cpu, ...(s.memory ? { memory: s.memory } : {}) } },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      volumeMounts: s.volumes.map((x) => ({ mountPath: x.mountPath ?? x.path, name: x.name, ...(x.readOnly ? { readOnly: true } : {}) })),
    };
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${s.component}-${node.metadata.name}`,
        namespace: 'kube-system',
        labels: { component: s.component, tier: 'control-plane' },
        annotations: {
          ...(s.annotations ?? {}),
          'kubernetes.io/config.hash': hash,
          'kubernetes.io/config.mirror': hash,
          'kubernetes.io/config.seen': seen,
          'kubernetes.io/config.source': 'file',
        },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name!, uid: node.metadata.uid!, controller: true }],
      },
      spec: {
        containers: [container],
        dnsPolicy: 'ClusterFirst',
        enableServiceLinks: true,
        hostNetwork: true,
        nodeName: node.metadata.name!,
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 2000001000,
        priorityClassName: 'system-node-critical',
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        terminationGracePeriodSeconds: 30,
        tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
        volumes: s.volumes.map((x) => ({ name: x.name, hostPath: { path: x.path, type: x.type } })),
      },
    };
  });
}

export function corednsDeployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      progressDeadlineSeconds: 600,
      replicas: 2,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 }, type: 'RollingUpdate' },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' }, weight: 100 },
              ],
            },
          },
          containers: [
            {
              name: 'coredns',
              image: COREDNS_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
            },
          ],
          dnsPolicy: 'Default',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-cluster-critical',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          serviceAccount: 'coredns',
          serviceAccountName: 'coredns',
          terminationGracePeriodSeconds: 30,
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
          ],
          volumes: [{ configMap: { defaultMode: 420, items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' }, name: 'config-volume' }],
        },
      },
    },
  };
}

export function kubernetesService(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
  };
}

export function kubeDnsService(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
  };
}

/** The ConfigMap CoreDNS reads (the default Corefile kubeadm writes). */
export function corednsConfigMap(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'coredns', namespace: 'kube-system' },
    data: {
      Corefile: `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`,
    },
  };
}
