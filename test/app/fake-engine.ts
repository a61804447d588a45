// An in-memory EngineApi for component tests and the demo page: a few nodes and pods,
// batches pushed by the test, scripted command output. Not the engine: no controllers.
import type {
  ActionResult, AddNodeRequest, FaultInfo, ChangeBatch, ClockSpeed, ComponentName, NodeAction, SchedulingVerdicts, ClockState, ClusterInfo, ClusterSnapshot, ComponentState, EngineApi, ExecResult,
  InspectTarget, KubeObject, Lesson, LessonReport, LessonSummary, OutputChunk, TrafficStats, WorkspaceFile,
} from '../../engine/engine-api.ts';

export const EPOCH = Date.UTC(2026, 0, 1, 12, 0, 0);

export function node(name: string, opts: { controlPlane?: boolean; ready?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-${name}`,
      labels: { 'kubernetes.io/hostname': name, ...(opts.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}) },
    },
    spec: opts.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {},
    status: {
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'Unknown' : 'True' }],
    },
  };
}

export interface PodOpts {
  namespace?: string;
  node?: string;
  phase?: string;
  waiting?: string;
  running?: boolean;
  owner?: { kind: string; name: string };
  hash?: string;
  deleting?: boolean;
  cpu?: string;
}

export function pod(name: string, o: PodOpts = {}): KubeObject {
  const state = o.waiting ? { waiting: { reason: o.waiting } } : o.running ? { running: { startedAt: new Date(EPOCH).toISOString() } } : undefined;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: `uid-${name}`,
      labels: o.hash ? { app: 'web', 'pod-template-hash': o.hash } : {},
      ...(o.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: o.owner.kind, name: o.owner.name, uid: 'u', controller: true }] } : {}),
      ...(o.deleting ? { deletionTimestamp: new Date(EPOCH).toISOString() } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: o.cpu ? { requests: { cpu: o.cpu } } : {} }], ...(o.node ? { nodeName: o.node } : {}) },
    status: {
      phase: o.phase ?? (o.running ? 'Running' : 'Pending'),
      ...(state ? { containerStatuses: [{ name: 'c', ready: !!o.running, restartCount: 0, image: 'nginx', imageID: '', state }] } : {}),
    },
  };
}

export function defaultObjects(): KubeObject[] {
  return [
    node('sandbox-control-plane', { controlPlane: true }),
    node('sandbox-worker'),
    node('sandbox-worker2'),
    pod('etcd-sandbox-control-plane', { namespace: 'kube-system', node: 'sandbox-control-plane', running: true, owner: { kind: 'Node', name: 'sandbox-control-plane' } }),
    pod('coredns-668d6bf9bc-abcde', { namespace: 'kube-system', node: 'sandbox-worker', running: true, owner: { kind: 'ReplicaSet', name: 'coredns-668d6bf9bc' }, hash: '668d6bf9bc', cpu: '100m' }),
  ];
}

const COMPONENTS: ComponentState[] = [
  { name: 'etcd', phase: 'Running' },
  { name: 'kube-apiserver', phase: 'Running' },
  { name: 'kube-scheduler', phase: 'Running' },
  { name: 'kube-controller-manager', phase: 'Running' },
];

export type RunScript = (line: string, out: (chunk: OutputChunk) => void, signal: { interrupted: boolean }) => Promise<number>;

export class FakeEngine implements EngineApi {
  objects = new Map<string, KubeObject>();
  components: ComponentState[] = COMPONENTS.map((c) => ({ ...c }));
  clock: ClockState = { now: EPOCH, elapsed: 0, speed: 1 };
  rv = 1;
  files: WorkspaceFile[] = [];
  runs: string[] = [];
  applied: { yaml: string; fileName: string }[] = [];
  lessons: Lesson[] = [];
  report: LessonReport | undefined;
  checkCalls = 0;
  interrupts = 0;
  subscribers = new Map<number, (b: ChangeBatch) => void>();
  script: RunScript | undefined;
  applyResult: ((yaml: string, fileName: string) => ExecResult) | undefined;
  private nextSub = 1;
  private signal = { interrupted: false };

  constructor(objects: KubeObject[] = defaultObjects()) {
    for (const o of objects) this.objects.set(this.key(o), o);
  }

  key(o: { kind: string; metadata?: { namespace?: string; name?: string }; namespace?: string; name?: string }): string {
    const ns = o.metadata ? o.metadata.namespace : o.namespace;
    const name = o.metadata ? o.metadata.name : o.name;
    return `${o.kind}/${ns ?? ''}/${name ?? ''}`;
  }

  /** Test helper: change objects and push one batch to every subscriber. */
  push(upserted: KubeObject[], deleted: KubeObject[] = []): void {
    for (const o of upserted) this.objects.set(this.key(o), o);
    for (const o of deleted) this.objects.delete(this.key(o));
    this.rv++;
    const batch: ChangeBatch = {
      resourceVersion: String(this.rv),
      upserted,
      deleted: deleted.map((o) => ({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name ?? '' })),
      clock: { ...this.clock },
      components: this.components.map((c) => ({ ...c })),
    };
    for (const fn of this.subscribers.values()) fn(batch);
  }

  async ready(): Promise<ClusterInfo> {
    return this.info();
  }
  info(): ClusterInfo {
    return { name: 'sandbox', context: 'kind-sandbox', version: 'v1.32.0', seed: 1, restored: false, owner: true };
  }
  async run(line: string, onOutput: (chunk: OutputChunk) => void): Promise<number> {
    this.runs.push(line);
    this.signal = { interrupted: false };
    if (this.script) return this.script(line, onOutput, this.signal);
    onOutput({ stream: 'stdout', text: `ran: ${line.split('\n')[0]}\n` });
    return 0;
  }
  async interrupt(): Promise<void> {
    this.interrupts++;
    this.signal.interrupted = true;
  }
  async complete(line: string): Promise<string[]> {
    const words = ['get', 'describe', 'delete', 'apply', 'create'];
    const last = line.split(/\s+/).pop() ?? '';
    return line.startsWith('kubectl ') ? words.filter((w) => w.startsWith(last)) : ['kubectl'].filter((w) => w.startsWith(last));
  }
  async applyManifest(yaml: string, fileName: string): Promise<ExecResult> {
    this.applied.push({ yaml, fileName });
    const r = this.applyResult?.(yaml, fileName) ?? { exitCode: 0, output: 'deployment.apps/web created\n', stdout: 'deployment.apps/web created\n', stderr: '' };
    return r;
  }
  async snapshot(): Promise<ClusterSnapshot> {
    return {
      resourceVersion: String(this.rv),
      objects: [...this.objects.values()],
      clock: { ...this.clock },
      components: this.components.map((c) => ({ ...c })),
      cluster: this.info(),
    };
  }
  async subscribe(onBatch: (batch: ChangeBatch) => void): Promise<number> {
    const id = this.nextSub++;
    this.subscribers.set(id, onBatch);
    return id;
  }
  async unsubscribe(id: number): Promise<void> {
    this.subscribers.delete(id);
  }
  async describe(t: InspectTarget): Promise<string> {
    const o = this.objects.get(`${t.kind}/${t.namespace ?? ''}/${t.name}`);
    return o ? `Name:         ${t.name}\n${t.namespace ? `Namespace:    ${t.namespace}\n` : ''}Kind:         ${t.kind}\n` : `Error from server (NotFound): ${t.kind.toLowerCase()}s "${t.name}" not found\n`;
  }
  async yaml(t: InspectTarget): Promise<string> {
    return `apiVersion: v1\nkind: ${t.kind}\nmetadata:\n  name: ${t.name}\n`;
  }
  async clockState(): Promise<ClockState> {
    return { ...this.clock };
  }
  async setSpeed(speed: ClockSpeed): Promise<ClockState> {
    this.clock = { ...this.clock, speed };
    return { ...this.clock };
  }
  async step(): Promise<ClockState> {
    this.clock = { ...this.clock, now: this.clock.now + 1000, elapsed: this.clock.elapsed + 1000 };
    return { ...this.clock };
  }
  async listFiles(): Promise<WorkspaceFile[]> {
    return this.files.map((f) => ({ ...f }));
  }
  async writeFile(file: WorkspaceFile): Promise<void> {
    this.files = [...this.files.filter((f) => f.name !== file.name), { ...file }];
  }
  async deleteFile(name: string): Promise<void> {
    this.files = this.files.filter((f) => f.name !== name);
  }
  async listLessons(): Promise<LessonSummary[]> {
    return this.lessons.map(({ id, title, summary, minutes, level }) => ({ id, title, summary, minutes, level }));
  }
  async lesson(id: string): Promise<Lesson | undefined> {
    return this.lessons.find((l) => l.id === id);
  }
  async takeOver(): Promise<ClusterInfo> {
    return this.ready();
  }

  async startLesson(): Promise<ExecResult | undefined> {
    return { exitCode: 0, output: '', stdout: '', stderr: '' };
  }

  async checkLesson(): Promise<LessonReport | undefined> {
    this.checkCalls++;
    return this.report;
  }
  /** Menu calls the page made, in order (tests assert on them). */
  actions: string[] = [];
  verdicts = new Map<string, SchedulingVerdicts>();

  async setComponent(name: ComponentName, action: 'stop' | 'start'): Promise<ActionResult> {
    this.actions.push(`component ${action} ${name}`);
    const c = this.components.find((x) => x.name === name);
    if (c) c.phase = action === 'stop' ? 'Stopped' : 'Running';
    return { ok: true, message: `${name} ${action === 'stop' ? 'stopped' : 'starting'}` };
  }

  async nodeAction(name: string, action: NodeAction): Promise<ActionResult> {
    this.actions.push(`node ${action} ${name}`);
    return { ok: true, message: `node/${name} ${action}` };
  }

  async addNode(name: string, opts: AddNodeRequest = {}): Promise<ActionResult> {
    this.actions.push(`node add ${name}${opts.cpu ? ` --cpu ${opts.cpu}` : ''}${opts.memory ? ` --memory ${opts.memory}` : ''}`);
    return { ok: true, message: `node ${name} added` };
  }

  async schedulingVerdicts(podUid: string): Promise<SchedulingVerdicts | undefined> {
    return this.verdicts.get(podUid);
  }

  faultList: FaultInfo[] = [
    { id: 'scheduler-stopped', title: 'scheduler stopped', category: 'control-plane', target: 'cluster', description: 'The kube-scheduler process stops.', effect: 'New pods stay Pending.', active: [] },
    { id: 'node-partition', title: 'node network partition', category: 'node', target: 'node', defaultTarget: 'sandbox-worker', description: 'The node loses the API server.', effect: 'NotReady after 50 s.', active: [] },
  ];
  async faults(): Promise<FaultInfo[]> {
    return structuredClone(this.faultList);
  }

  async injectFault(id: string, target?: string): Promise<ActionResult> {
    this.actions.push(`fault inject ${id}${target ? ` ${target}` : ''}`);
    this.faultList.find((f) => f.id === id)?.active.push(target ?? '');
    return { ok: true, message: `fault ${target ? `${id} on ${target}` : id} injected` };
  }

  async clearFault(id: string, target?: string): Promise<ActionResult> {
    this.actions.push(`fault clear ${id}${target ? ` ${target}` : ''}`);
    const f = this.faultList.find((x) => x.id === id);
    if (f) f.active = f.active.filter((t) => t !== (target ?? ''));
    return { ok: true, message: `fault ${target ? `${id} on ${target}` : id} cleared` };
  }

  trafficStats: TrafficStats = { pods: {}, edges: {}, seq: 0 };
  generatorCalls: { target: { namespace: string; service: string } | undefined; rps: number }[] = [];
  async traffic(): Promise<TrafficStats> {
    return structuredClone(this.trafficStats);
  }
  async setTrafficGenerator(target: { namespace: string; service: string } | undefined, rps: number): Promise<void> {
    this.generatorCalls.push({ target, rps });
    this.trafficStats.generator = target && rps > 0 ? { ...target, rps, ok: 0, failed: 0 } : undefined;
    if (!this.trafficStats.generator) delete this.trafficStats.generator;
  }
  /** What prompt() answers (a test can play an attached `kubectl exec -it` shell). */
  promptText = '$ ';
  async prompt(): Promise<string> {
    return this.promptText;
  }

  async reset(): Promise<ClusterInfo> {
    this.objects.clear();
    for (const o of defaultObjects()) this.objects.set(this.key(o), o);
    this.rv++;
    return this.info();
  }
}
