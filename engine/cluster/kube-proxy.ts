// kube-proxy as kubeadm deploys it: a DaemonSet in kube-system; the DaemonSet controller
// gives every node its pod (at bootstrap and whenever a node joins).
import type { PodSpec } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import { KUBERNETES_VERSION } from './versions.ts';

export const KUBE_PROXY = 'kube-proxy';
const NS = 'kube-system';

function templateSpec(): PodSpec {
  return {
    containers: [
      {
        name: 'kube-proxy',
        image: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
        imagePullPolicy: 'IfNotPresent',
        command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
        env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
        securityContext: { privileged: true },
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        volumeMounts: [
          { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
          { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
          { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
        ],
      },
    ],
    dnsPolicy: 'ClusterFirst',
    hostNetwork: true,
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    priorityClassName: 'system-node-critical',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    serviceAccount: 'kube-proxy',
    serviceAccountName: 'kube-proxy',
    terminationGracePeriodSeconds: 30,
    tolerations: [{ operator: 'Exists' }],
    volumes: [
      { name: 'kube-proxy', configMap: { defaultMode: 420, name: 'kube-proxy' } },
      { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
      { name: 'lib-modules', hostPath: { path: '/lib/modules', type: '' } },
    ],
  };
}

export function kubeProxyDaemonSet(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: KUBE_PROXY, namespace: NS, labels: { 'k8s-app': KUBE_PROXY }, annotations: { 'deprecated.daemonset.template.generation': '1' } },
    spec: {
      revisionHistoryLimit: 10,
      selector: { matchLabels: { 'k8s-app': KUBE_PROXY } },
      template: { metadata: { labels: { 'k8s-app': KUBE_PROXY } }, spec: templateSpec() },
      updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' },
    },
  };
}

