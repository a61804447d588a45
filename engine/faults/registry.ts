// The image registry unreachable fault: pulls fail as containerd reports a DNS lookup that
// times out through the node's resolver (kind nodes resolve via the docker network's 172.18.0.1);
// images already on the node still start.
import type { ImageRef } from '../containers/images.ts';
import type { Store } from '../store/store.ts';
import { isActive } from './active.ts';

export const REGISTRY_UNREACHABLE = 'image-registry-unreachable';

export function registryUnreachable(store: Store): boolean {
  return isActive(store, REGISTRY_UNREACHABLE);
}

/** The registry host containerd talks to for a repository (docker.io is served by registry-1.docker.io). */
export function registryHost(ref: ImageRef): string {
  const host = ref.repository.split('/')[0]!;
  return host === 'docker.io' ? 'registry-1.docker.io' : host;
}

export function registryUnreachableMessage(ref: ImageRef, nodeIP: string, port: number): string {
  const host = registryHost(ref);
  const path = ref.repository.slice(ref.repository.indexOf('/') + 1);
  const reference = ref.digest ?? ref.tag;
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.normalized}": failed to resolve reference "${ref.normalized}": ` +
    `failed to do request: Head "https://${host}/v2/${path}/manifests/${reference}": dial tcp: lookup ${host} on 172.18.0.1:53: ` +
    `read udp ${nodeIP}:${port}->172.18.0.1:53: i/o timeout`;
}
