// EngineApi implemented on an in-process Engine: what the worker exposes to the page over
// comlink, and what Node (CLI, bench, tests) uses directly. It owns the cluster's lifetime
// (create, restore, reset), persistence, the real-time driver, change batching, and the
// terminal's shell state.
import type { KubeObject } from '../api/meta.ts';
import { Engine, DEFAULT_EPOCH, SCHEMA_VERSION } from '../engine.ts';
import type {
  ActionResult,
  AddNodeRequest,
  ApiRelayRequest,
  ApiRelayResponse,
  FaultInfo,
  ChangeBatch,
  ComponentName,
  NodeAction,
  SchedulingVerdicts,
  TrafficStats,
  ClockSpeed,
  ClockState,
  ClusterInfo,
  ClusterSnapshot,
  ComponentState,
  EngineApi,
  ExecResult,
  InspectTarget,
  Lesson,
  LessonReport,
  LessonSummary,
  OutputChunk,
  WorkspaceFile,
} from '../engine-api.ts';
import type { ApiBridge } from '../bridge/handler.ts';
import type { LessonSource } from '../lessons/lesson-source.ts';
import type { ParsedLesson } from '../lessons/parse.ts';
import type { PersistDelta, PersistenceAdapter } from '../persistence/adapter.ts';
import { MemoryPersistence } from '../persistence/memory.ts';
import { runSession } from '../sim/session.ts';
import type { CommandIO } from '../shell/command-io.ts';
import { newShellState, runLine, type ShellHost, type ShellState } from '../shell/shell.ts';
import type { WatchEvent } from '../store/store.ts';
import { Workspace, type HostFileReader } from '../workspace.ts';
import { createCluster, restoreCluster } from './create-cluster.ts';
import { addNodeAction, componentAction, nodeAction, schedulingVerdicts } from '../cluster/actions.ts';
import { faultAction, faultInfos } from '../faults/fault-actions.ts';
import { RealtimeDriver } from './realtime-driver.ts';
import { loadCronParser } from '../controllers/cron-parser-loader.ts';
import { generatorState, readTraffic, setGenerator } from '../network/traffic-generator.ts';
import { promptOf } from '../network/foreground.ts';
import { TabLock } from './tab-lock.ts';

export interface LocalEngineOptions {
  seed?: number;
  /** Virtual epoch for a new cluster; 'wall' = the real time it is created (the browser). */
  epoch?: number | 'wall';
  persistence?: PersistenceAdapter;
  lessons?: LessonSource[];
  /** Files outside the workspace (`-f path` in the CLI). */
  hostRead?: HostFileReader;
  /** Tab mode: a real-time driver moves the clock and blocking commands wait for it. */
  realtime?: boolean;
  /** Share the persisted cluster between tabs with Web Locks (one owner saves; others follow). */
  tabLock?: boolean;
}

/** Resources the page never draws: they only churn (heartbeats) or are shown on demand. */
const HIDDEN_RESOURCES = new Set(['leases.coordination.k8s.io', 'events', 'events.events.k8s.io']);
const HISTORY_RECORD = 'history/commands';
const HISTORY_MAX = 500;

interface Subscriber {
  id: number;
  cb: (b: ChangeBatch) => void;
  minIntervalMs: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  lastFlush: number;
}

export class LocalEngine implements EngineApi {
  engine!: Engine;
  private workspace!: Workspace;
  private shellState: ShellState = newShellState();
  private readonly persistence: PersistenceAdapter;
  private readonly driver: RealtimeDriver | undefined;
  private lessonsParsed: Promise<Map<string, ParsedLesson>> | undefined;
  private info!: ClusterInfo;
  private booted: Promise<ClusterInfo> | undefined;
  private unwatch: (() => void) | undefined;
  private pending = new Map<string, { kind: string; namespace?: string; name: string; uid?: string; object: KubeObject | null }>();
  private pendingRV = '0';
  private readonly subscribers = new Map<number, Subscriber>();
  private nextSub = 1;
  private cancelFlag = false;
  private running = 0;
  private fullSaveNeeded = true;
  private saving: Promise<void> = Promise.resolve();
  private lastSavedNow = 0;
  private owner = true;
  private readonly lock: TabLock | undefined;
  private clusterChanged = false;

  constructor(private readonly opts: LocalEngineOptions = {}) {
    this.persistence = opts.persistence ?? new MemoryPersistence();
    if (opts.tabLock) this.lock = new TabLock(() => this.lostOwnership());
    if (opts.realtime)
      this.driver = new RealtimeDriver(
        { advance: (ms) => this.engine.advance(ms), now: () => this.engine.clock.now() },
        () => this.afterWork(),
      );
  }

  // Lifetime ------------------------------------------------------------------------------------

  ready(): Promise<ClusterInfo> {
    this.booted ??= this.boot();
    return this.booted;
  }

  private async boot(): Promise<ClusterInfo> {
    // In the tab the parser loads alongside the boot; elsewhere it must be there before anything runs.
    const cron = loadCronParser();
    if (!this.opts.realtime) await cron;
    if (this.lock) this.owner = await this.lock.tryAcquire();
    const dump = await this.persistence.load().catch(() => undefined);
    if (dump) {
      this.attach(restoreCluster(dump), true);
      this.fullSaveNeeded = false;
    } else this.attach(this.newCluster(this.opts.seed ?? 1), false);
    this.driver?.start();
    // Persist in the background: the learner should not wait for IndexedDB to see the cluster.
    void this.flushPersistence();
    // Fetch kubectl's code while the learner looks at the cluster, before the first command.
    void import('../kubectl/kubectl.ts');
    return this.info;
  }

  private newCluster(seed: number): Engine {
    const epoch = this.opts.epoch === 'wall' ? Math.floor(Date.now() / 1000) * 1000 : (this.opts.epoch ?? DEFAULT_EPOCH);
    return createCluster({ seed, epoch });
  }

  private attach(engine: Engine, restored: boolean): void {
    this.unwatch?.();
    this.engine = engine;
    this.workspace = new Workspace(engine.store, this.opts.hostRead);
    this.info = { name: 'sandbox', context: 'kind-sandbox', version: 'v1.32.0', seed: engine.seed, restored, owner: this.owner };
    this.unwatch = engine.store.watch((e) => this.collect(e));
    engine.store.takeDirty(); // restored state is already persisted; a new one is saved in full
    this.fullSaveNeeded = !restored;
    this.driver?.retarget({ advance: (ms) => this.engine.advance(ms), now: () => this.engine.clock.now() });
  }

  async reset(seed?: number): Promise<ClusterInfo> {
    await this.ready();
    this.cancelFlag = true;
    this.driver?.wakeAll();
    if (this.owner) await this.persistence.clear();
    this.replaceEngine(this.newCluster(seed ?? this.engine.seed), false);
    await this.flushPersistence();
    return this.info;
  }

  async takeOver(): Promise<ClusterInfo> {
    await this.ready();
    if (this.owner || !this.lock) return this.info;
    this.owner = await this.lock.takeOver();
    // The previous owner saved up to now: carry on from its last saved state.
    const dump = await this.persistence.load().catch(() => undefined);
    this.replaceEngine(dump ? restoreCluster(dump) : this.newCluster(this.engine.seed), !!dump);
    return this.info;
  }

  private lostOwnership(): void {
    this.owner = false;
    this.info = { ...this.info, owner: false };
    this.clusterChanged = true;
    this.scheduleFlushAll();
  }

  /** Swaps in another cluster; subscribers see every old object go and every new one arrive. */
  private replaceEngine(engine: Engine, restored: boolean): void {
    const old = this.engine.store.dump().objects;
    this.attach(engine, restored);
    this.shellState = newShellState();
    for (const { resource, object } of old) this.pending.set(pendingKey(resource, object), { ...refOf(object), object: null });
    for (const { resource, object } of this.engine.store.dump().objects)
      if (!HIDDEN_RESOURCES.has(resource)) this.pending.set(pendingKey(resource, object), { ...refOf(object), object });
    this.pendingRV = String(this.engine.store.resourceVersion());
    this.clusterChanged = true;
    this.scheduleFlushAll();
  }

  /** Replaces the engine from inside a session (`sim reset`): synchronous, for the shell host. */
  private resetSync(seed?: number): Engine {
    // The next flush saves the new cluster in full, replacing the old one.
    this.replaceEngine(this.newCluster(seed ?? this.engine.seed), false);
    return this.engine;
  }

  dispose(): void {
    this.driver?.stop();
    this.unwatch?.();
    for (const s of this.subscribers.values()) if (s.timer !== undefined) clearTimeout(s.timer);
  }

  // Terminal -----------------------------------------------------------------------------------

  async run(line: string, onOutput: (chunk: OutputChunk) => void, onEdit?: (file: WorkspaceFile) => Promise<string | undefined>): Promise<number> {
    await this.ready();
    await loadCronParser();
    this.cancelFlag = false;
    this.running++;
    this.recordHistory(line);
    // Across the worker boundary each chunk is a message on the callback's own port, which is not
    // ordered with this call's result: wait until the last chunk is delivered before returning,
    // or the page could print its prompt (or a newline) before the command's last output.
    let delivered: unknown;
    const io = this.io((chunk) => {
      delivered = onOutput(chunk);
    });
    if (onEdit) io.openEditor = (name, content) => onEdit({ name, content });
    try {
      return await runLine(line, io, this.shellHost());
    } finally {
      this.running--;
      this.afterWork();
      if (delivered instanceof Promise) await delivered.catch(() => undefined);
    }
  }

  /** Runs a line and returns everything it printed (tests, the editor's Apply). */
  async exec(line: string): Promise<ExecResult> {
    let output = '';
    let stdout = '';
    let stderr = '';
    const exitCode = await this.run(line, (c) => {
      output += c.text;
      if (c.stream === 'stdout') stdout += c.text;
      else stderr += c.text;
    });
    return { exitCode, output, stdout, stderr };
  }

  async interrupt(): Promise<void> {
    this.cancelFlag = true;
    this.driver?.wakeAll();
  }

  async complete(line: string): Promise<string[]> {
    await this.ready();
    const [{ complete }, { loadExplainData }] = await Promise.all([import('../shell/complete.ts'), import('../kubectl/commands/explain.ts')]);
    await loadExplainData(); // field-path completion for `kubectl explain`
    return complete(line, this.shellHost());
  }

  async applyManifest(yaml: string, fileName: string): Promise<ExecResult> {
    await this.ready();
    // The same code path as `kubectl apply -f FILE`: the text is saved as that workspace file.
    this.workspace.write(fileName, yaml);
    return this.exec(`kubectl apply -f ${quote(fileName)}`);
  }

  private io(onOutput: (chunk: OutputChunk) => void): CommandIO {
    return {
      out: (text) => onOutput({ stream: 'stdout', text }),
      err: (text) => onOutput({ stream: 'stderr', text }),
      stdin: '',
      cancelled: () => this.cancelFlag,
      sleep: (ms) => {
        if (this.cancelFlag) return Promise.resolve();
        if (this.driver) return this.driver.sleep(ms);
        this.engine.advance(ms);
        return Promise.resolve();
      },
    };
  }

  private shellHost(): ShellHost {
    return {
      engine: this.engine,
      workspace: this.workspace,
      state: this.shellState,
      reset: (seed) => this.resetSync(seed),
    };
  }

  private recordHistory(line: string): void {
    const store = this.engine.store;
    const h = [...(store.getRecord<string[]>(HISTORY_RECORD) ?? []), line];
    store.setRecord(HISTORY_RECORD, h.length > HISTORY_MAX ? h.slice(-HISTORY_MAX) : h);
  }

  // Node / test helpers --------------------------------------------------------------------------

  async settle(maxMs?: number): Promise<void> {
    await this.ready();
    this.engine.settle(maxMs);
    this.afterWork();
  }

  async advance(ms: number): Promise<void> {
    await this.ready();
    this.engine.advance(ms);
    this.afterWork();
  }

  // Views ---------------------------------------------------------------------------------------

  async snapshot(): Promise<ClusterSnapshot> {
    await this.ready();
    const objects: KubeObject[] = [];
    for (const { resource, object } of this.engine.store.dump().objects) if (!HIDDEN_RESOURCES.has(resource)) objects.push(object);
    return {
      resourceVersion: String(this.engine.store.resourceVersion()),
      objects,
      clock: this.clockNow(),
      components: this.components(),
      cluster: this.info,
    };
  }

  async subscribe(onBatch: (batch: ChangeBatch) => void, minIntervalMs = 16): Promise<number> {
    await this.ready();
    const id = this.nextSub++;
    this.subscribers.set(id, { id, cb: onBatch, minIntervalMs, timer: undefined, lastFlush: 0 });
    return id;
  }

  async unsubscribe(id: number): Promise<void> {
    const s = this.subscribers.get(id);
    if (s?.timer !== undefined) clearTimeout(s.timer);
    this.subscribers.delete(id);
  }

  async describe(target: InspectTarget): Promise<string> {
    await this.ready();
    const { describeText } = await import('../kubectl/inspect.ts');
    return describeText(this.engine, target);
  }

  async yaml(target: InspectTarget): Promise<string> {
    await this.ready();
    const { yamlText } = await import('../kubectl/inspect.ts');
    return yamlText(this.engine, target);
  }

  // Clock --------------------------------------------------------------------------------------

  async clockState(): Promise<ClockState> {
    await this.ready();
    return this.clockNow();
  }

  async setSpeed(speed: ClockSpeed): Promise<ClockState> {
    await this.ready();
    this.driver?.setSpeed(speed);
    this.afterWork();
    return this.clockNow();
  }

  async step(): Promise<ClockState> {
    await this.ready();
    const now = this.engine.clock.now();
    const next = this.engine.nextEventTime();
    this.engine.advance(next === undefined ? 1000 : Math.max(0, Math.min(next - now, 10_000)));
    this.driver?.notifyMoved();
    this.afterWork();
    return this.clockNow();
  }

  private clockNow(): ClockState {
    const c = this.engine.clock;
    return { now: c.now(), elapsed: c.elapsed(), speed: this.driver ? this.driver.getSpeed() : 0 };
  }

  private components(): ComponentState[] {
    return [...this.engine.componentPhases()].map(([name, phase]) => ({ name, phase }));
  }

  // Workspace ----------------------------------------------------------------------------------

  async listFiles(): Promise<WorkspaceFile[]> {
    await this.ready();
    return this.workspace.list();
  }

  async writeFile(file: WorkspaceFile): Promise<void> {
    await this.ready();
    this.workspace.write(file.name, file.content);
    this.afterWork();
  }

  async deleteFile(name: string): Promise<void> {
    await this.ready();
    this.workspace.remove(name);
    this.afterWork();
  }

  // Lessons --------------------------------------------------------------------------------------

  /** Lessons are parsed (with the YAML parser) on first use, not while the cluster boots. */
  private lessons(): Promise<Map<string, ParsedLesson>> {
    this.lessonsParsed ??= import('../lessons/parse.ts').then(({ parseLesson }) => {
      const byId = new Map<string, ParsedLesson>();
      for (const src of this.opts.lessons ?? []) {
        const l = parseLesson(src);
        byId.set(l.id, l);
      }
      return byId;
    });
    return this.lessonsParsed;
  }

  async listLessons(): Promise<LessonSummary[]> {
    return [...(await this.lessons()).values()].map(({ id, title, summary, minutes, level }) => ({ id, title, summary, minutes, level }));
  }

  async lesson(id: string): Promise<Lesson | undefined> {
    const l = (await this.lessons()).get(id);
    if (!l) return undefined;
    return {
      id: l.id,
      title: l.title,
      summary: l.summary,
      minutes: l.minutes,
      level: l.level,
      intro: l.intro,
      steps: l.steps.map((s) => ({ title: s.title, body: s.body, hints: s.hints, checks: s.checks.map((c) => ({ title: c.title })) })),
    };
  }

  async startLesson(id: string): Promise<ExecResult | undefined> {
    await this.ready();
    const l = (await this.lessons()).get(id);
    if (!l) return undefined;
    const key = `lessons/started/${id}`;
    if (this.engine.store.getRecord(key) || !l.setup.trim()) return { exitCode: 0, output: '', stdout: '', stderr: '' };
    this.engine.store.setRecord(key, true);
    let output = '';
    await runSession(l.setup, this.shellHost(), (s) => void (output += s));
    this.afterWork();
    return { exitCode: 0, output, stdout: output, stderr: '' };
  }

  async checkLesson(id: string): Promise<LessonReport | undefined> {
    await this.ready();
    const l = (await this.lessons()).get(id);
    if (!l) return undefined;
    const { evaluateLesson } = await import('../lessons/evaluate.ts');
    return evaluateLesson(l, this.engine);
  }

  // Component and node menus (engine/cluster/actions.ts) ------------------------------------------

  async setComponent(name: ComponentName, action: 'stop' | 'start'): Promise<ActionResult> {
    await this.ready();
    const r = componentAction(this.engine, name, action);
    this.afterWork();
    // A phase change alone moves no object: push a batch anyway so the topology redraws it.
    this.scheduleFlushAll();
    return r;
  }

  async nodeAction(name: string, action: NodeAction): Promise<ActionResult> {
    await this.ready();
    const r = nodeAction(this.engine, name, action);
    this.afterWork();
    this.scheduleFlushAll();
    return r;
  }

  async addNode(name: string, opts: AddNodeRequest = {}): Promise<ActionResult> {
    await this.ready();
    const r = addNodeAction(this.engine, name, opts);
    this.afterWork();
    return r;
  }

  async schedulingVerdicts(podUid: string): Promise<SchedulingVerdicts | undefined> {
    await this.ready();
    return schedulingVerdicts(this.engine, podUid);
  }

  async faults(): Promise<FaultInfo[]> {
    await this.ready();
    return faultInfos(this.engine);
  }

  async injectFault(id: string, target?: string): Promise<ActionResult> {
    await this.ready();
    const r = faultAction(this.engine, 'inject', id, target);
    this.afterWork();
    this.scheduleFlushAll();
    return r;
  }

  async clearFault(id: string, target?: string): Promise<ActionResult> {
    await this.ready();
    const r = faultAction(this.engine, 'clear', id, target);
    this.afterWork();
    this.scheduleFlushAll();
    return r;
  }

  async traffic(): Promise<TrafficStats> {
    await this.ready();
    const g = generatorState(this.engine);
    const t = readTraffic(this.engine);
    return { ...structuredClone(t), ...(g ? { generator: { namespace: g.namespace, service: g.service, rps: g.rps, ok: g.ok, failed: g.failed } } : {}) };
  }

  async setTrafficGenerator(target: { namespace: string; service: string } | undefined, rps: number): Promise<void> {
    await this.ready();
    setGenerator(this.engine, target, rps);
    this.afterWork();
  }

  async prompt(): Promise<string> {
    await this.ready();
    return promptOf(this.shellState);
  }

  // kubectl relay (the learner's own kubectl through the dev server) ----------------------------

  private apiBridge?: Promise<ApiBridge>;
  private readonly apiStreams = new Map<string, () => void>();

  async handleApiRequest(req: ApiRelayRequest, onChunk?: (chunk: string | null) => void): Promise<ApiRelayResponse> {
    await this.ready();
    // The bridge (and its protobuf table) loads on the first relayed request only.
    this.apiBridge ??= import('../bridge/handler.ts').then((m) => new m.ApiBridge(() => this.engine));
    const bridge = await this.apiBridge;
    const bytes = Uint8Array.from(atob(req.bodyBase64), (c) => c.charCodeAt(0));
    const res = bridge.handle({ method: req.method, url: req.url, headers: req.headers, body: new TextDecoder().decode(bytes), bodyBytes: bytes });
    this.afterWork();
    if (!res.stream) return { status: res.status, headers: res.headers, ...(res.body !== undefined ? { body: res.body } : {}) };
    const stop = res.stream.start(
      (chunk) => onChunk?.(chunk),
      () => {
        this.apiStreams.delete(req.id);
        onChunk?.(null);
      },
    );
    this.apiStreams.set(req.id, stop);
    return { status: res.status, headers: res.headers, streaming: true };
  }

  async cancelApiRequest(id: string): Promise<void> {
    const stop = this.apiStreams.get(id);
    this.apiStreams.delete(id);
    stop?.();
  }

  // Change batches and persistence ----------------------------------------------------------------

  private collect(e: WatchEvent): void {
    this.pendingRV = e.object.metadata.resourceVersion ?? this.pendingRV;
    if (HIDDEN_RESOURCES.has(e.resource)) return;
    this.pending.set(pendingKey(e.resource, e.object), { ...refOf(e.object), object: e.type === 'DELETED' ? null : e.object });
  }

  /** After anything moved the cluster: schedule batches and a persistence flush. */
  private afterWork(): void {
    if (this.pending.size) this.scheduleFlushAll();
    void this.flushPersistence();
  }

  private scheduleFlushAll(): void {
    for (const s of this.subscribers.values()) {
      if (s.timer !== undefined) continue;
      s.timer = setTimeout(() => this.flush(), s.minIntervalMs);
    }
  }

  private flush(): void {
    const items = [...this.pending.values()];
    this.pending.clear();
    const batch: ChangeBatch = {
      resourceVersion: this.pendingRV,
      upserted: items.filter((i) => i.object !== null).map((i) => i.object!),
      deleted: items.filter((i) => i.object === null).map(({ kind, namespace, name, uid }) => ({ kind, namespace, name, uid })),
      clock: this.clockNow(),
      components: this.components(),
    };
    if (this.clusterChanged) batch.cluster = this.info;
    this.clusterChanged = false;
    for (const s of this.subscribers.values()) {
      s.timer = undefined;
      s.cb(batch);
    }
  }

  private flushPersistence(): Promise<void> {
    const e = this.engine;
    const dirty = e.store.takeDirty();
    if (!this.owner) return this.saving; // a follower tab never writes over the owner's cluster
    const full = this.fullSaveNeeded;
    const moved = e.clock.now() - this.lastSavedNow >= CLOCK_SAVE_EVERY_MS;
    if (!full && dirty.objects.size === 0 && dirty.records.size === 0 && !moved) return this.saving;
    this.fullSaveNeeded = false;
    this.lastSavedNow = e.clock.now();
    const meta = { schemaVersion: SCHEMA_VERSION, seed: e.seed, rng: e.rng.getState(), clock: e.clock.dump(), resourceVersion: e.store.resourceVersion() };
    let delta: PersistDelta;
    if (full) {
      const dump = e.store.dump();
      delta = {
        meta,
        objects: dump.objects.map(({ resource, object }) => [pendingKey(resource, object), { resource, object }]),
        records: dump.records,
        full,
      };
    } else delta = { meta, objects: [...dirty.objects], records: [...dirty.records], full };
    this.saving = this.saving.then(() => this.persistence.save(delta)).catch(() => undefined);
    return this.saving;
  }
}

/** Even when nothing changed, save the clock now and then so a reload resumes near it. */
const CLOCK_SAVE_EVERY_MS = 5_000;

function refOf(o: KubeObject): { kind: string; namespace?: string; name: string; uid?: string } {
  const r: { kind: string; namespace?: string; name: string; uid?: string } = { kind: o.kind, name: o.metadata.name ?? '' };
  if (o.metadata.namespace) r.namespace = o.metadata.namespace;
  if (o.metadata.uid) r.uid = o.metadata.uid;
  return r;
}

function pendingKey(resource: string, o: KubeObject): string {
  return `${resource}|${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function quote(s: string): string {
  return /^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
