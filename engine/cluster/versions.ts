// What the simulated cluster reports about itself (kind v0.27 node image, Kubernetes v1.32).
export const KUBERNETES_VERSION = 'v1.32.2';
export const CONTAINERD_VERSION = 'containerd://2.0.3';
export const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
export const KERNEL_VERSION = '6.8.0-51-generic';
export const ETCD_IMAGE = 'registry.k8s.io/etcd:3.5.16-0';
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.3';
