// The root CA certificate publisher (pkg/controller/certificates/rootcacertpublisher): every
// active namespace gets the `kube-root-ca.crt` ConfigMap that pods' projected token volumes mount.
import type { Controller, ReconcileContext, Result } from './controller.ts';

export const NAME = 'root-ca-cert-publisher';
export const CONFIGMAP = 'kube-root-ca.crt';

/** A stand-in for the cluster CA (kind generates one per cluster; nothing here verifies it). */
const CA_CRT = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIRqkBfYUgKQ0wDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
AxMKa3ViZXJuZXRlczAeFw0yNTAxMDEwMDAwMDBaFw0zNDEyMzAwMDAwMDBaMBUx
EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
AoIBAQDKubeplaySimulatedClusterCertificateAuthorityKeyMaterial0
-----END CERTIFICATE-----
`;

export function createRootCAPublisher(): Controller {
  return {
    name: NAME,
    watches: [
      { resource: 'namespaces' },
      { resource: 'configmaps', map: (o) => (o.metadata.name === CONFIGMAP ? [o.metadata.namespace!] : []) },
    ],
    reconcile(key: string, cx: ReconcileContext): Result {
      const ns = cx.api.tryGet('namespaces', undefined, key);
      if (!ns || ns.metadata.deletionTimestamp) return;
      if (cx.api.tryGet('configmaps', key, CONFIGMAP)) return;
      cx.api.create('configmaps', key, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: CONFIGMAP, namespace: key, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
        data: { 'ca.crt': CA_CRT },
      });
    },
  };
}
