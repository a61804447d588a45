// The page's copy of the cluster: every object from snapshot(), kept current by applying
// ChangeBatches. Indexed by kind so views read only what they draw.
import type { ChangeBatch, ClockState, ClusterSnapshot, ComponentState, KubeObject } from '../../engine/engine-api.ts';

export function objectKeyOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

export function keyOf(obj: KubeObject): string {
  return objectKeyOf(obj.kind, obj.metadata.namespace, obj.metadata.name ?? '');
}

export class ClusterModel {
  readonly byKind = new Map<string, Map<string, KubeObject>>();
  components: ComponentState[] = [];
  clock: ClockState | undefined;
  resourceVersion = '0';
  /** Bumped on every change so views can skip work when nothing moved. */
  revision = 0;

  load(snapshot: ClusterSnapshot): void {
    this.byKind.clear();
    for (const obj of snapshot.objects) this.put(obj);
    this.components = snapshot.components;
    this.clock = snapshot.clock;
    this.resourceVersion = snapshot.resourceVersion;
    this.revision++;
  }

  apply(batch: ChangeBatch): void {
    for (const d of batch.deleted) this.byKind.get(d.kind)?.delete(objectKeyOf(d.kind, d.namespace, d.name));
    for (const obj of batch.upserted) this.put(obj);
    if (batch.components.length > 0) this.components = batch.components;
    this.clock = batch.clock;
    this.resourceVersion = batch.resourceVersion;
    this.revision++;
  }

  list<T extends KubeObject = KubeObject>(kind: string): T[] {
    return [...(this.byKind.get(kind)?.values() ?? [])] as T[];
  }

  get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.byKind.get(kind)?.get(objectKeyOf(kind, namespace, name)) as T | undefined;
  }

  private put(obj: KubeObject): void {
    let m = this.byKind.get(obj.kind);
    if (!m) this.byKind.set(obj.kind, (m = new Map()));
    m.set(keyOf(obj), obj);
  }
}

/** Resource versions are decimal strings in practice; compare numerically, fall back to "newer". */
export function isNewer(rv: string, than: string): boolean {
  const a = Number(rv);
  const b = Number(than);
  return Number.isFinite(a) && Number.isFinite(b) ? a > b : true;
}
