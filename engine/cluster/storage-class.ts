// kind's default StorageClass: `standard (default)`, dynamically provisioned by
// rancher.io/local-path, bound when the first pod using a claim is scheduled.
import type { KubeObject } from '../api/meta.ts';
import type { Engine } from '../engine.ts';

export function standardStorageClass(): KubeObject {
  const sc = {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
  const applied = JSON.stringify({ apiVersion: sc.apiVersion, kind: sc.kind, metadata: { annotations: sc.metadata.annotations, name: 'standard' }, provisioner: sc.provisioner, reclaimPolicy: sc.reclaimPolicy, volumeBindingMode: sc.volumeBindingMode });
  return { ...sc, metadata: { ...sc.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `${applied}\n`, ...sc.metadata.annotations } } } as KubeObject;
}

/**
 * Creates the StorageClass at bootstrap from a separate random stream, so adding it does not
 * shift the names and uids of everything created after it.
 */
export function createStandardStorageClass(engine: Engine): void {
  const saved = engine.rng.getState();
  engine.rng.setState(saved ^ 0x5c1a55e5);
  try {
    engine.api.create('storageclasses.storage.k8s.io', undefined, standardStorageClass());
  } finally {
    engine.rng.setState(saved);
  }
}
