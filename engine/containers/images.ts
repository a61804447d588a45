// The image catalog: what the simulated registry holds and what each image does when it runs.
// Image references are normalised the way containerd does ("nginx" -> docker.io/library/nginx:latest).
// Sizes are the compressed sizes containerd reports in the kubelet's Pulled event; pull time is
// derived from size so a big image visibly takes longer in ContainerCreating.

export interface ImageRef {
  /** What the user wrote: "nginx", "nginx:1.27", "gcr.io/google-samples/kubernetes-bootcamp:v1". */
  raw: string;
  /** "docker.io/library/nginx" */
  repository: string;
  /** "latest" when none was given. */
  tag: string;
  digest?: string;
  /** "docker.io/library/nginx:latest" */
  normalized: string;
}

export type ImageBehaviour =
  /** Long-running server (nginx, redis, ...): exits 0 on SIGTERM almost at once. */
  | 'server'
  /** A shell image (busybox, alpine, ubuntu): runs its command; default `sh` exits at once. */
  | 'shell'
  /** A language runtime (node, python): its default command is a REPL that exits without a TTY. */
  | 'runtime';

export interface ImageInfo {
  repository: string;
  sizeBytes: number;
  behaviour: ImageBehaviour;
  /** Tags that exist; any tag starting with a digit also exists (version tags). */
  tags: string[];
  /** Lines the main process prints when it starts (server images). `now` is the start time. */
  startupLogs?: (cx: StartContext) => string[];
  /** Preloaded on every node (kind's node image ships the control-plane images). */
  preloaded?: boolean;
}

export interface StartContext {
  now: number;
  cpus: number;
  podName: string;
  podIP: string;
}

const LIBRARY = 'docker.io/library/';

const pad2 = (n: number) => String(n).padStart(2, '0');

function goTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

function redisTime(ms: number): string {
  const d = new Date(ms);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCDate())} ${mon} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`;
}

function nginxLogs({ now, cpus }: StartContext): string[] {
  const t = goTime(now);
  const lines = [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
    `${t} [notice] 1#1: using the "epoll" event method`,
    `${t} [notice] 1#1: nginx/1.27.3`,
    `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
    `${t} [notice] 1#1: OS: Linux 6.8.0-51-generic`,
    `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${t} [notice] 1#1: start worker processes`,
  ];
  for (let i = 0; i < cpus; i++) lines.push(`${t} [notice] 1#1: start worker process ${29 + i}`);
  return lines;
}

function httpdLogs({ now, podIP }: StartContext): string[] {
  const d = new Date(now);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  const t = `${day} ${mon} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}123 ${d.getUTCFullYear()}`;
  return [
    `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${podIP}. Set the 'ServerName' directive globally to suppress this message`,
    `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${podIP}. Set the 'ServerName' directive globally to suppress this message`,
    `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`,
    `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
  ];
}

function redisLogs({ now }: StartContext): string[] {
  const t = redisTime(now);
  return [
    `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
    `1:C ${t} * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started`,
    `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
    `1:M ${t} * monotonic clock: POSIX clock_gettime`,
    `1:M ${t} * Running mode=standalone, port=6379.`,
    `1:M ${t} * Server initialized`,
    `1:M ${t} * Ready to accept connections tcp`,
  ];
}

function bootcampLogs({ now, podName }: StartContext): string[] {
  return [`Kubernetes Bootcamp App Started At: ${new Date(now).toISOString()} | Running On:  ${podName} `, ''];
}

const CATALOG: ImageInfo[] = [
  { repository: LIBRARY + 'nginx', sizeBytes: 72_099_410, behaviour: 'server', tags: ['latest', 'stable', 'mainline', 'alpine', 'stable-alpine', 'mainline-alpine'], startupLogs: nginxLogs },
  { repository: LIBRARY + 'busybox', sizeBytes: 2_167_176, behaviour: 'shell', tags: ['latest', 'stable', 'musl', 'glibc', 'uclibc'] },
  { repository: LIBRARY + 'alpine', sizeBytes: 3_653_068, behaviour: 'shell', tags: ['latest', 'edge'] },
  { repository: LIBRARY + 'ubuntu', sizeBytes: 29_754_422, behaviour: 'shell', tags: ['latest', 'noble', 'jammy', 'focal', 'rolling'] },
  { repository: LIBRARY + 'debian', sizeBytes: 48_494_272, behaviour: 'shell', tags: ['latest', 'bookworm', 'bookworm-slim', 'stable', 'stable-slim'] },
  { repository: LIBRARY + 'redis', sizeBytes: 45_104_585, behaviour: 'server', tags: ['latest', 'alpine', 'bookworm'], startupLogs: redisLogs },
  { repository: LIBRARY + 'httpd', sizeBytes: 58_032_120, behaviour: 'server', tags: ['latest', 'alpine', 'bookworm'], startupLogs: httpdLogs },
  { repository: LIBRARY + 'postgres', sizeBytes: 153_847_620, behaviour: 'server', tags: ['latest', 'alpine', 'bookworm'] },
  { repository: LIBRARY + 'mysql', sizeBytes: 172_392_003, behaviour: 'server', tags: ['latest', 'lts', 'oracle'] },
  { repository: LIBRARY + 'node', sizeBytes: 399_582_131, behaviour: 'runtime', tags: ['latest', 'lts', 'alpine', 'slim', 'current'] },
  { repository: LIBRARY + 'python', sizeBytes: 380_247_210, behaviour: 'runtime', tags: ['latest', 'alpine', 'slim', 'bookworm'] },
  { repository: 'gcr.io/google-samples/kubernetes-bootcamp', sizeBytes: 83_612_876, behaviour: 'server', tags: ['v1', 'v2'], startupLogs: bootcampLogs },
  { repository: 'registry.k8s.io/nginx-slim', sizeBytes: 8_321_614, behaviour: 'server', tags: ['0.24', '0.27', '0.8'], startupLogs: nginxLogs },
  { repository: 'registry.k8s.io/echoserver', sizeBytes: 46_203_422, behaviour: 'server', tags: ['1.10', '1.4'] },
  { repository: 'registry.k8s.io/busybox', sizeBytes: 1_144_547, behaviour: 'shell', tags: ['latest', '1.24', '1.27', '1.27.2'] },
  // agnhost: the e2e test image the docs use (liveness, netexec, serve-hostname subcommands).
  { repository: 'registry.k8s.io/e2e-test-images/agnhost', sizeBytes: 51_391_034, behaviour: 'server', tags: ['2.40', '2.39', '2.43', '2.47', '2.52', '2.53'] },
  { repository: 'docker.io/radial/busyboxplus', sizeBytes: 4_227_826, behaviour: 'shell', tags: ['curl', 'latest', 'base', 'git'] },
  { repository: LIBRARY + 'perl', sizeBytes: 336_282_512, behaviour: 'runtime', tags: ['latest', 'slim', 'bookworm', '5.34.0', '5.40'] },
  { repository: 'docker.io/polinux/stress', sizeBytes: 4_041_307, behaviour: 'shell', tags: ['latest', '1.0.4'] },
  { repository: 'registry.k8s.io/metrics-server/metrics-server', sizeBytes: 19_567_384, behaviour: 'server', tags: ['v0.7.2'] },
  { repository: 'registry.k8s.io/hpa-example', sizeBytes: 181_373_546, behaviour: 'server', tags: ['latest'] },
  { repository: 'registry.k8s.io/pause', sizeBytes: 320_368, behaviour: 'server', tags: ['3.10'], preloaded: true },
  { repository: 'registry.k8s.io/etcd', sizeBytes: 57_680_541, behaviour: 'server', tags: ['3.5.16-0'], preloaded: true },
  { repository: 'registry.k8s.io/kube-apiserver', sizeBytes: 94_965_287, behaviour: 'server', tags: ['v1.32.2'], preloaded: true },
  { repository: 'registry.k8s.io/kube-controller-manager', sizeBytes: 88_114_540, behaviour: 'server', tags: ['v1.32.2'], preloaded: true },
  { repository: 'registry.k8s.io/kube-scheduler', sizeBytes: 69_114_430, behaviour: 'server', tags: ['v1.32.2'], preloaded: true },
  { repository: 'registry.k8s.io/kube-proxy', sizeBytes: 97_955_018, behaviour: 'server', tags: ['v1.32.2'], preloaded: true },
  { repository: 'registry.k8s.io/coredns/coredns', sizeBytes: 18_562_039, behaviour: 'server', tags: ['v1.11.3'], preloaded: true },
  { repository: 'docker.io/kindest/kindnetd', sizeBytes: 39_008_320, behaviour: 'server', tags: ['v20250214-acbabc1a'], preloaded: true },
];

const BY_REPO = new Map(CATALOG.map((i) => [i.repository, i]));

/**
 * Parsed references by raw string: the kubelet parses the same few images for every pod, several
 * times per status. Results are frozen and depend on nothing but the string; the cap only bounds
 * memory for a session that invents thousands of image names.
 */
const parsed = new Map<string, Readonly<ImageRef> | undefined>();
const PARSED_CAP = 1000;

/** Parses an image reference the way containerd normalises it; undefined if it is not a valid reference. */
export function parseImageRef(raw: string): Readonly<ImageRef> | undefined {
  if (parsed.has(raw)) return parsed.get(raw);
  if (parsed.size >= PARSED_CAP) parsed.clear();
  const ref = parseUncached(raw);
  parsed.set(raw, ref && Object.freeze(ref));
  return ref;
}

function parseUncached(raw: string): ImageRef | undefined {
  if (!raw || raw !== raw.trim() || /[A-Z\s]/.test(raw.replace(/@sha256:.*$/, '').replace(/:[^/]*$/, ''))) return undefined;
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) return undefined;
  }
  let tag = 'latest';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return undefined;
  }
  if (!/^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/.test(rest)) return undefined;
  const first = rest.split('/')[0]!;
  const hasRegistry = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository = hasRegistry ? rest : `docker.io/${rest}`;
  if (!hasRegistry && !rest.includes('/')) repository = LIBRARY + rest;
  const ref: ImageRef = { raw, repository, tag, normalized: `${repository}:${tag}` };
  if (digest) ref.digest = digest;
  return ref;
}

export function lookupImage(ref: ImageRef): ImageInfo | undefined {
  const info = BY_REPO.get(ref.repository);
  if (!info) return undefined;
  if (ref.digest) return info;
  if (info.tags.includes(ref.tag) || /^\d/.test(ref.tag) || /^v\d/.test(ref.tag) && info.tags.some((t) => t.startsWith('v'))) return info;
  return undefined;
}

/** A deterministic sha256-looking digest for an image (the simulated registry's content id). */
export function imageDigest(normalized: string): string {
  // FNV-1a over `${normalized}#${round}` for round 0, 1, ... (8 hex digits each), one step per
  // code point hashing its first UTF-16 unit. The units are gathered once, not per round: a
  // container ID is such a digest, drawn for every container start.
  const units: number[] = [];
  for (let i = 0; i < normalized.length; i++) {
    const u = normalized.charCodeAt(i);
    units.push(u);
    if (u >= 0xd800 && u <= 0xdbff && i + 1 < normalized.length) {
      const lo = normalized.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) i++;
    }
  }
  let h = 0x811c9dc5;
  let at = 0;
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < units.length; i++) h = Math.imul(h ^ units[i]!, 0x01000193) >>> 0;
    h = Math.imul(h ^ 0x23, 0x01000193) >>> 0; // '#'
    h = Math.imul(h ^ (0x30 + round), 0x01000193) >>> 0; // the round, one digit
    // 8 hex digits, zero-padded, as char codes: one string at the end, not 8 toString+padStart pieces.
    for (let shift = 28; shift >= 0; shift -= 4) DIGEST_CHARS[at++] = HEX_CODES[(h >>> shift) & 15]!;
  }
  return `sha256:${String.fromCharCode.apply(null, DIGEST_CHARS)}`;
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** The digest's 64 hex digits as char codes, reused by every call. */
const DIGEST_CHARS: number[] = new Array<number>(64).fill(0);

const imageIDs = new WeakMap<Readonly<ImageRef>, string>();

/** `docker.io/library/nginx@sha256:...`: the imageID a container status reports. */
export function imageID(ref: Readonly<ImageRef>): string {
  let id = imageIDs.get(ref);
  if (id === undefined) imageIDs.set(ref, (id = `${ref.repository}@${ref.digest ?? imageDigest(ref.normalized)}`));
  return id;
}

/** What containerStatus.image shows: `docker.io/library/nginx:latest`. */
export function statusImage(ref: ImageRef): string {
  return ref.digest ? `${ref.repository}@${ref.digest}` : ref.normalized;
}

/** Registry bandwidth of the simulated network (bytes per virtual second) plus a fixed round trip. */
const PULL_BYTES_PER_SECOND = 24 * 1024 * 1024;
const PULL_LATENCY_MS = 450;

export function pullDurationMs(info: ImageInfo): number {
  return Math.round(PULL_LATENCY_MS + (info.sizeBytes / PULL_BYTES_PER_SECOND) * 1000);
}

/** The containerd error text for a pull that fails (the Failed event and ErrImagePull message). */
export function pullErrorMessage(ref: ImageRef): string {
  const known = BY_REPO.has(ref.repository);
  if (known || !ref.repository.startsWith('docker.io/'))
    return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.normalized}": failed to resolve reference "${ref.normalized}": ${ref.normalized}: not found`;
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.normalized}": failed to resolve reference "${ref.normalized}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}

/** Images every node has before any pull (kind's node image). */
const PRELOADED: readonly string[] = Object.freeze(CATALOG.filter((i) => i.preloaded).flatMap((i) => i.tags.map((t) => `${i.repository}:${t}`)));

export function preloadedImages(): readonly string[] {
  return PRELOADED;
}

/** Formats a Go time.Duration truncated to milliseconds: "1.234s", "450ms", "1m2.5s". */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const m = Math.floor(ms / 60000);
  const s = (ms % 60000) / 1000;
  const sec = `${Number(s.toFixed(3))}s`;
  return m ? `${m}m${sec}` : sec;
}
