// A container's filesystem as `kubectl exec` and `kubectl cp` see it: the image's top-level
// directories, the kubelet's files (resolv.conf, hosts, ConfigMap/Secret volumes), what the
// container's process wrote, and what earlier exec sessions wrote. Writable volumes are shared:
// an emptyDir lives as long as the pod (every container mounting it sees the others' files),
// a PVC's data lives with its bound volume (a new pod on the same claim finds it). The
// container's own writable layer belongs to one container instance: a restart starts clean.
import type { Container, Pod } from '../api/core-v1.ts';
import type { Engine } from '../engine.ts';
import { filesAt } from '../kubelet/processes.ts';
import type { Store } from '../store/store.ts';
import { Workspace } from '../workspace.ts';
import { containerFiles, imageFlavour } from './exec-context.ts';

/** path -> content; null hides a lower layer's file. Directories carry DIR. */
type Overlay = Record<string, string | null>;
const DIR = '\u0000dir';

const ROOT_DIRS: Record<'busybox' | 'alpine' | 'debian', string[]> = {
  busybox: ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'],
  alpine: ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  debian: ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
};

interface Mount {
  path: string;
  /** Sim record holding the volume's own writes; undefined for read-only kubelet volumes. */
  key?: string;
  readOnly: boolean;
}

type VolumeSource = { name: string; emptyDir?: unknown; persistentVolumeClaim?: { claimName: string }; hostPath?: { path: string }; configMap?: unknown; secret?: unknown; projected?: unknown; downwardAPI?: unknown };

/** The sim record a writable volume's files live in (undefined: not a writable volume). */
export function volumeKey(store: Store, pod: Pod, volumeName: string): string | undefined {
  const v = (pod.spec.volumes as VolumeSource[] | undefined)?.find((x) => x.name === volumeName);
  if (!v) return undefined;
  if (v.emptyDir) return `vol/emptydir/${pod.metadata.uid}/${v.name}`;
  if (v.persistentVolumeClaim) {
    const pvc = store.get('persistentvolumeclaims', pod.metadata.namespace, v.persistentVolumeClaim.claimName) as { spec?: { volumeName?: string } } | undefined;
    return pvc?.spec?.volumeName ? `vol/pv/${pvc.spec.volumeName}` : `vol/pvc/${pod.metadata.namespace}/${v.persistentVolumeClaim.claimName}`;
  }
  if (v.hostPath) return `vol/host/${pod.spec.nodeName ?? ''}${v.hostPath.path}`;
  return undefined;
}

const clean = (p: string) => p.replace(/\/+$/, '') || '/';
const under = (p: string, dir: string) => dir === '/' || p === dir || p.startsWith(`${dir}/`);
const rel = (p: string, dir: string) => (p === dir ? '' : p.slice(dir === '/' ? 1 : dir.length + 1));

export class ContainerFs {
  private readonly mounts: Mount[];
  private readonly layerKey: string;

  constructor(
    private readonly engine: Engine,
    private readonly pod: Pod,
    private readonly container: Container,
  ) {
    const store = engine.store;
    const id = pod.status?.containerStatuses?.find((s) => s.name === container.name)?.containerID ?? '';
    this.layerKey = `fs/${pod.metadata.uid}/${container.name}/${id}`;
    this.mounts = (container.volumeMounts ?? [])
      .map((m) => {
        const key = volumeKey(store, pod, m.name);
        return { path: clean(m.mountPath), readOnly: !key || !!m.readOnly, ...(key ? { key } : {}) };
      })
      .sort((a, b) => b.path.length - a.path.length);
  }

  /** Every file the container sees, by absolute path. */
  files(): Map<string, string> {
    const { engine, pod, container } = this;
    const now = engine.clock.now();
    const files = containerFiles(engine, pod, container);
    for (const [k, v] of filesAt(engine.store, pod.metadata.uid ?? '', container.name, now) ?? []) files.set(k, v);
    // Writable volumes: what the volume holds, plus what sibling containers' processes wrote there.
    for (const m of this.mounts) {
      if (!m.key) continue;
      for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
        if (c.name === container.name) continue;
        for (const vm of c.volumeMounts ?? []) {
          if (volumeKey(engine.store, pod, vm.name) !== m.key) continue;
          const base = clean(vm.mountPath);
          for (const [k, v] of filesAt(engine.store, pod.metadata.uid ?? '', c.name, now) ?? []) if (under(k, base) && k !== base) files.set(`${m.path === '/' ? '' : m.path}/${rel(k, base)}`, v);
        }
      }
      for (const [k, v] of Object.entries(this.overlay(m.key))) {
        const p = k ? `${m.path === '/' ? '' : m.path}/${k}` : m.path;
        if (v === null) files.delete(p);
        else if (v !== DIR) files.set(p, v);
      }
    }
    for (const [k, v] of Object.entries(this.overlay(this.layerKey))) {
      if (this.mountOf(k)?.key) continue;
      if (v === null) files.delete(k);
      else if (v !== DIR) files.set(k, v);
    }
    return files;
  }

  /** Every directory (absolute), including parents of files and mount points. */
  dirs(files = this.files()): Set<string> {
    const out = new Set<string>(['/', ...ROOT_DIRS[imageFlavour(this.container.image)].map((d) => `/${d}`)]);
    const addParents = (p: string) => {
      const parts = p.split('/').filter(Boolean);
      for (let i = 1; i < parts.length; i++) out.add(`/${parts.slice(0, i).join('/')}`);
    };
    for (const p of files.keys()) addParents(p);
    for (const m of this.mounts) {
      out.add(m.path);
      addParents(m.path);
    }
    const layers: [string, string][] = [[this.layerKey, '']];
    for (const m of this.mounts) if (m.key) layers.push([m.key, m.path === '/' ? '' : m.path]);
    for (const [key, prefix] of layers) {
      for (const [k, v] of Object.entries(this.overlay(key))) {
        const p = key === this.layerKey ? k : k ? `${prefix}/${k}` : prefix;
        if (v === DIR) {
          out.add(p);
          addParents(p);
        } else if (v === null) out.delete(p);
      }
    }
    return out;
  }

  read(path: string): string | undefined {
    return this.files().get(clean(path));
  }

  /** Writes a file; returns an error text (as the kernel reports it) or undefined. */
  write(path: string, content: string): string | undefined {
    return this.set(clean(path), content);
  }

  remove(path: string): string | undefined {
    return this.set(clean(path), null);
  }

  mkdir(path: string): string | undefined {
    return this.set(clean(path), DIR);
  }

  private set(p: string, v: string | null): string | undefined {
    const m = this.mountOf(p);
    if (m && m.readOnly) return 'Read-only file system';
    const [key, k] = m?.key ? [m.key, rel(p, m.path)] : [this.layerKey, p];
    const o = { ...this.overlay(key) };
    if (v === null) {
      // Deleting a directory hides everything under it.
      for (const x of Object.keys(o)) if (x.startsWith(`${k}/`)) o[x] = null;
      for (const f of this.files().keys()) if (f.startsWith(`${p}/`)) o[m?.key ? rel(f, m.path) : f] = null;
    }
    o[k] = v;
    this.engine.store.setRecord(key, o);
    return undefined;
  }

  private mountOf(p: string): Mount | undefined {
    return this.mounts.find((m) => under(p, m.path));
  }

  private overlay(key: string): Overlay {
    return this.engine.store.getRecord<Overlay>(key) ?? {};
  }
}

/** Files of a pod's writable volumes a new container starts with (PVC data from earlier pods). */
export function volumeFiles(store: Store, pod: Pod, c: Container): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of c.volumeMounts ?? []) {
    const key = volumeKey(store, pod, m.name);
    if (!key) continue;
    const base = clean(m.mountPath);
    for (const [k, v] of Object.entries(store.getRecord<Overlay>(key) ?? {})) if (v !== null && v !== DIR && k) out.set(`${base === '/' ? '' : base}/${k}`, v);
  }
  return out;
}

/** A shell's view of the container's files: relative paths resolve against $PWD. */
export class ContainerWorkspace extends Workspace {
  constructor(
    readonly fs: ContainerFs,
    private readonly cwd: () => string,
    store: Store,
  ) {
    super(store);
  }

  abs(path: string): string {
    const raw = path.startsWith('/') ? path : `${this.cwd() === '/' ? '' : this.cwd()}/${path}`;
    const out: string[] = [];
    for (const part of raw.split('/')) {
      if (!part || part === '.') continue;
      if (part === '..') out.pop();
      else out.push(part);
    }
    return `/${out.join('/')}`;
  }

  override list(): { name: string; content: string }[] {
    return [...this.fs.files()].map(([name, content]) => ({ name, content })).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  override read(path: string): string | undefined {
    return this.fs.read(this.abs(path));
  }

  override write(path: string, content: string): void {
    this.fs.write(this.abs(path), content);
  }

  override remove(path: string): void {
    this.fs.remove(this.abs(path));
  }
}
