// A container as `kubectl exec` (and the container's own shell) sees it: hostname = pod name,
// the environment the kubelet gives it (image ENV, Service links, the container's env with
// fieldRef/configMapKeyRef/secretKeyRef resolved), a filesystem with /etc/resolv.conf,
// /etc/hostname, /etc/hosts, the service-account token and mounted ConfigMaps/Secrets, and the
// commands its image ships (busybox has wget and nslookup; nginx's Debian has curl and getent).
import type { Container, Pod, Service } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import { parseImageRef } from '../containers/images.ts';
import type { Engine } from '../engine.ts';
import type { ShellState } from '../shell/state.ts';
import { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { resolvConf } from './dns.ts';
import type { Origin } from './origin.ts';
import { ContainerFs, ContainerWorkspace, volumeFiles } from './container-fs.ts';

export type Flavour = 'busybox' | 'alpine' | 'debian';

export interface ContainerContext {
  engine: Engine;
  pod: Pod;
  container: Container;
  flavour: Flavour;
  /** Commands on the image's PATH beyond the shell's own builtins. */
  tools: ReadonlySet<string>;
}

const contexts = new WeakMap<ShellState, ContainerContext>();

export function containerOf(state: ShellState): ContainerContext | undefined {
  return contexts.get(state);
}

export function originOf(state: ShellState): Origin {
  const c = contexts.get(state);
  return c ? { kind: 'pod', pod: c.engine.store.get('pods', c.pod.metadata.namespace, c.pod.metadata.name!) as Pod ?? c.pod } : { kind: 'host' };
}

export function imageFlavour(image: string | undefined): Flavour {
  const repo = parseImageRef(image ?? '')?.repository ?? '';
  if (/\/(busybox|busyboxplus)$/.test(repo)) return 'busybox';
  if (/\/alpine$/.test(repo) || /alpine/.test(parseImageRef(image ?? '')?.tag ?? '')) return 'alpine';
  return 'debian';
}

const BASE_TOOLS = ['cat', 'echo', 'env', 'printenv', 'hostname', 'ls', 'sleep', 'true', 'false', 'grep', 'head', 'tail', 'wc', 'sort', 'awk', 'export', 'unset', 'cd', 'pwd', 'rm', 'touch', 'mkdir'];

export function imageTools(image: string | undefined): Set<string> {
  const ref = parseImageRef(image ?? '');
  const t = new Set(BASE_TOOLS);
  const f = imageFlavour(image);
  if (f === 'busybox' || f === 'alpine') ['wget', 'nslookup'].forEach((x) => t.add(x));
  if (f === 'alpine') t.add('getent');
  if (f === 'debian') t.add('getent');
  const repo = ref?.repository ?? '';
  if (/nginx|kubernetes-bootcamp|busyboxplus|curl|netshoot|ubuntu|debian|echoserver/.test(repo) || (ref?.tag ?? '').includes('curl')) t.add('curl');
  if (/netshoot|dnsutils|alpine/.test(repo)) t.add('nslookup');
  return t;
}

/** The shell prompt a terminal attached to `sh` (or bash) in this container shows. */
export function prompt(ctx: ContainerContext, shell: string, cwd = '/'): string {
  if (/bash$/.test(shell)) return `root@${ctx.pod.metadata.name}:${cwd === '/root' ? '~' : cwd}# `;
  // busybox's PS1 shows the working directory; dash's is a bare `# `.
  return ctx.flavour === 'debian' ? '# ' : `${cwd} # `;
}

/** What `sh` prints for an unknown command in this image. */
export function notFoundMessage(ctx: ContainerContext, name: string): string {
  return ctx.flavour === 'debian' ? `sh: 1: ${name}: not found\n` : `sh: ${name}: not found\n`;
}

function imageEnv(image: string | undefined): [string, string][] {
  const repo = parseImageRef(image ?? '')?.repository ?? '';
  if (repo === 'docker.io/library/nginx')
    return [['NGINX_VERSION', '1.27.3'], ['NJS_VERSION', '0.8.7'], ['NJS_RELEASE', '1~bookworm'], ['PKG_RELEASE', '1~bookworm'], ['DYNPKG_RELEASE', '1~bookworm']];
  if (repo === 'gcr.io/google-samples/kubernetes-bootcamp') return [['NPM_CONFIG_LOGLEVEL', 'info'], ['NODE_VERSION', '6.3.1']];
  return [];
}

/** The docker-links-style variables the kubelet sets for each Service (enableServiceLinks). */
export function serviceEnv(services: Service[]): [string, string][] {
  const out: [string, string][] = [];
  for (const s of services) {
    const ip = s.spec.clusterIP;
    if (!ip || ip === 'None' || s.spec.type === 'ExternalName' || !(s.spec.ports ?? []).length) continue;
    const p = s.metadata.name!.toUpperCase().replace(/-/g, '_');
    const first = s.spec.ports![0]!;
    out.push([`${p}_SERVICE_HOST`, ip], [`${p}_SERVICE_PORT`, String(first.port)]);
    for (const sp of s.spec.ports!) if (sp.name) out.push([`${p}_SERVICE_PORT_${sp.name.toUpperCase().replace(/-/g, '_')}`, String(sp.port)]);
    out.push([`${p}_PORT`, `${(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`]);
    for (const sp of s.spec.ports!) {
      const proto = sp.protocol ?? 'TCP';
      const base = `${p}_PORT_${sp.port}_${proto}`;
      out.push([base, `${proto.toLowerCase()}://${ip}:${sp.port}`], [`${base}_PROTO`, proto.toLowerCase()], [`${base}_PORT`, String(sp.port)], [`${base}_ADDR`, ip]);
    }
  }
  return out;
}

function fieldRef(pod: Pod, path: string): string {
  switch (path) {
    case 'metadata.name': return pod.metadata.name ?? '';
    case 'metadata.namespace': return pod.metadata.namespace ?? '';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'spec.nodeName': return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec.serviceAccountName ?? '';
    case 'status.podIP': return pod.status?.podIP ?? '';
    case 'status.hostIP': return pod.status?.hostIP ?? '';
  }
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]!] ?? '';
  return '';
}

function keyRef(engine: Engine, ns: string, kind: 'configmaps' | 'secrets', ref: { name?: string; key?: string }): string | undefined {
  const o = engine.store.get(kind, ns, ref.name ?? '') as KubeObject | undefined;
  const v = (o?.['data'] as Record<string, string> | undefined)?.[ref.key ?? ''];
  if (v === undefined) return undefined;
  return kind === 'secrets' ? atob(v) : v;
}

/** The process environment, in the order the runtime passes it (printenv shows it so). */
export function containerEnv(engine: Engine, pod: Pod, c: Container): [string, string][] {
  const ns = pod.metadata.namespace ?? 'default';
  const env: [string, string][] = [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOSTNAME', pod.metadata.name ?? '']];
  env.push(...imageEnv(c.image));
  const started = Date.parse(pod.status?.startTime ?? '') || engine.clock.now();
  const visible = (engine.store.list('services', ns) as Service[])
    .filter((s) => pod.spec.enableServiceLinks !== false || s.metadata.name === 'kubernetes')
    .filter((s) => (Date.parse(s.metadata.creationTimestamp ?? '') || 0) <= started);
  const kubernetes = engine.store.get('services', 'default', 'kubernetes') as Service | undefined;
  const all = ns === 'default' || !kubernetes ? visible : [...visible, kubernetes];
  env.push(...serviceEnv(all));
  for (const e of c.env ?? []) {
    const from = e.valueFrom as { fieldRef?: { fieldPath: string }; configMapKeyRef?: { name?: string; key?: string }; secretKeyRef?: { name?: string; key?: string } } | undefined;
    let v = e.value ?? '';
    if (from?.fieldRef) v = fieldRef(pod, from.fieldRef.fieldPath);
    else if (from?.configMapKeyRef) v = keyRef(engine, ns, 'configmaps', from.configMapKeyRef) ?? '';
    else if (from?.secretKeyRef) v = keyRef(engine, ns, 'secrets', from.secretKeyRef) ?? '';
    v = v.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, k: string) => env.find(([n]) => n === k)?.[1] ?? m);
    env.push([e.name, v]);
  }
  for (const src of (c['envFrom'] as { configMapRef?: { name: string }; secretRef?: { name: string }; prefix?: string }[] | undefined) ?? []) {
    const kind = src.configMapRef ? 'configmaps' : 'secrets';
    const o = engine.store.get(kind, ns, (src.configMapRef ?? src.secretRef)?.name ?? '');
    for (const [k, v] of Object.entries((o?.['data'] as Record<string, string> | undefined) ?? {})) env.push([`${src.prefix ?? ''}${k}`, kind === 'secrets' ? atob(v) : v]);
  }
  env.push(['HOME', '/root']);
  return env;
}

/** Files the container sees: kubelet-managed ones and mounted ConfigMap/Secret volumes. */
export function containerFiles(engine: Engine, pod: Pod, c: Container): Map<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const files = new Map<string, string>();
  const name = pod.metadata.name ?? '';
  const host = pod.spec['hostname'] as string | undefined;
  const sub = pod.spec['subdomain'] as string | undefined;
  const fqdn = host && sub ? `${host}.${sub}.${ns}.svc.cluster.local\t${host}` : name;
  files.set('/etc/resolv.conf', pod.spec.dnsPolicy === 'Default' || pod.spec.hostNetwork ? 'nameserver 172.18.0.1\n' : resolvConf(ns));
  files.set('/etc/hostname', `${host ?? name}\n`);
  files.set('/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${pod.status?.podIP ?? ''}\t${fqdn}\n`);
  for (const m of c.volumeMounts ?? []) {
    const vol = pod.spec.volumes?.find((v) => v.name === m.name) as { configMap?: { name: string; items?: { key: string; path: string }[] }; secret?: { secretName: string; items?: { key: string; path: string }[] }; projected?: unknown } | undefined;
    if (!vol) continue;
    const put = (data: Record<string, string>, items: { key: string; path: string }[] | undefined, decode: boolean) => {
      const entries = items?.length ? items.map((i) => [i.path, data[i.key]] as const) : Object.entries(data);
      for (const [k, v] of entries) if (v !== undefined) files.set(`${m.mountPath.replace(/\/$/, '')}/${k}`, decode ? atob(v) : v);
    };
    if (vol.configMap) put((engine.store.get('configmaps', ns, vol.configMap.name)?.['data'] as Record<string, string>) ?? {}, vol.configMap.items, false);
    if (vol.secret) put((engine.store.get('secrets', ns, vol.secret.secretName)?.['data'] as Record<string, string>) ?? {}, vol.secret.items, true);
    if (vol.projected && m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount') {
      files.set(`${m.mountPath}/namespace`, ns);
      files.set(`${m.mountPath}/token`, `eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9.${btoa(JSON.stringify({ sub: `system:serviceaccount:${ns}:${pod.spec.serviceAccountName ?? 'default'}` })).replace(/=+$/, '')}.sig`);
      const ca = engine.store.get('configmaps', ns, 'kube-root-ca.crt')?.['data'] as Record<string, string> | undefined;
      if (ca?.['ca.crt']) files.set(`${m.mountPath}/ca.crt`, ca['ca.crt']);
    }
  }
  // emptyDir/PVC/hostPath contents written before this container started.
  for (const [k, v] of volumeFiles(engine.store, pod, c)) files.set(k, v);
  return files;
}

export interface ContainerShell {
  ctx: ContainerContext;
  state: ShellState;
  workspace: Workspace;
}

/** A fresh shell process inside the container (each `kubectl exec` starts one). */
export function containerShell(engine: Engine, pod: Pod, c: Container, base: ShellState): ContainerShell {
  const env = containerEnv(engine, pod, c);
  const state: ShellState = {
    vars: Object.fromEntries([...env, ['PWD', '/']]),
    exported: [...env.map(([k]) => k), 'PWD'],
    lastExitCode: 0,
    // Its own copy: the terminal's kubeconfig object identifies the terminal (foreground.ts).
    kubeconfig: structuredClone(base.kubeconfig),
  };
  // The container's filesystem (its process's files, volumes, earlier exec writes), live.
  const workspace = new ContainerWorkspace(new ContainerFs(engine, pod, c), () => state.vars['PWD'] ?? '/', new Store());
  const ctx: ContainerContext = { engine, pod, container: c, flavour: imageFlavour(c.image), tools: imageTools(c.image) };
  contexts.set(state, ctx);
  return { ctx, state, workspace };
}
