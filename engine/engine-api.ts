// THE boundary between the page and the engine. The app imports only types from here
// (and from the plain type files under engine/api/). Only plain data crosses it; expected
// failures come back as values, never as thrown errors (comlink drops custom error fields).
import type { KubeObject } from './api/meta.ts';

export type { KubeObject } from './api/meta.ts';
export type { Pod, Node, Service, Event, Namespace } from './api/core-v1.ts';
export type { Deployment, ReplicaSet } from './api/apps-v1.ts';

/** What one terminal line (or one applied file) printed, in order. */
export interface ExecResult {
  exitCode: number;
  /** stdout and stderr interleaved in the order they were written, as a terminal shows them. */
  output: string;
  stdout: string;
  stderr: string;
}

export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export type ClockSpeed = 0 | 1 | 2 | 10 | 60; // 0 = paused

export interface ClockState {
  /** Virtual time, epoch milliseconds (what timestamps in objects show). */
  now: number;
  /** Virtual milliseconds since the cluster was created. */
  elapsed: number;
  speed: ClockSpeed;
}

export type ComponentName =
  | 'etcd'
  | 'kube-apiserver'
  | 'kube-scheduler'
  | 'kube-controller-manager'
  | 'cloud-controller-manager';

export type ComponentPhase = 'Starting' | 'Running' | 'Degraded' | 'Stopped' | 'Crashed';

export interface ComponentState {
  /** Control-plane component name, or `kubelet/<node>` / `kube-proxy/<node>`. */
  name: string;
  phase: ComponentPhase;
}

/** A change batch: everything that changed since the previous batch (coalesced). */
export interface ChangeBatch {
  resourceVersion: string;
  upserted: KubeObject[];
  deleted: { kind: string; namespace?: string; name: string; uid?: string }[];
  clock: ClockState;
  components: ComponentState[];
  /** Present when the cluster's identity or ownership changed (reset, another tab took over). */
  cluster?: ClusterInfo;
}

/** Everything the page draws, at one resourceVersion. */
export interface ClusterSnapshot {
  resourceVersion: string;
  objects: KubeObject[];
  clock: ClockState;
  components: ComponentState[];
  cluster: ClusterInfo;
}

export interface ClusterInfo {
  name: string; // "sandbox"
  context: string; // "kind-sandbox"
  version: string; // "v1.32.0"
  seed: number;
  /** True when this cluster was restored from persistence rather than created. */
  restored: boolean;
  /**
   * False when another tab owns this cluster: this tab runs it but saves nothing, and can
   * `takeOver()`. Always true where there is no persistence to share.
   */
  owner: boolean;
}

export interface InspectTarget {
  kind: string;
  namespace?: string;
  name: string;
}

export interface WorkspaceFile {
  name: string;
  content: string;
}

export interface LessonSummary {
  id: string;
  title: string;
  summary: string;
  minutes: number;
  level: string;
}

export interface LessonStep {
  title: string;
  /** Markdown prose of the step (the app renders it). */
  body: string;
  hints: string[];
  checks: { title: string }[];
}

export interface Lesson extends LessonSummary {
  intro: string;
  steps: LessonStep[];
}

export interface CheckResult {
  title: string;
  passed: boolean;
  /** Why it did not pass, in words a learner understands (absent when passed). */
  detail?: string;
}

export interface LessonReport {
  lessonId: string;
  steps: { checks: CheckResult[]; passed: boolean }[];
  passed: boolean;
}

/** What a component or node menu did, in the words kubectl/sim would print. */
export interface ActionResult {
  ok: boolean;
  message: string;
}

export type NodeAction = 'stop' | 'start' | 'cordon' | 'uncordon' | 'drain' | 'remove';

export interface AddNodeRequest {
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
}

/** One scheduler plugin's verdict on one node (simulation-private: never in the Pod). */
export interface PluginVerdict {
  plugin: string;
  code: 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error';
  reasons?: string[];
}

/** Why the scheduler placed a pod where it did, or nowhere: per node, filters then scores. */
export interface SchedulingVerdicts {
  pod: string;
  /** Virtual time of the attempt (epoch ms). */
  at: number;
  nodes: Record<string, { filters: PluginVerdict[]; scores?: Record<string, number>; total?: number }>;
  selected?: string;
  message?: string;
}

/** One injectable fault of the catalog (engine/faults/catalog.ts) and where it is injected now. */
export interface FaultInfo {
  id: string;
  title: string;
  category: 'control-plane' | 'node' | 'workload';
  /** What the optional target names. */
  target: 'cluster' | 'node' | 'pod';
  defaultTarget?: string;
  description: string;
  /** What a real cluster shows. */
  effect: string;
  /** Fires once; the cluster recovers by itself. */
  oneShot?: boolean;
  /** Targets it is injected on now ('' for a cluster-wide fault); empty when not injected. */
  active: string[];
}

/** Requests the page's traffic generator and the emulated network served (engine/network). */
export interface TrafficStats {
  /** `ns/pod` -> requests that pod served. */
  pods: Record<string, number>;
  /** `ns/service>pod` -> requests routed through the Service to the pod. */
  edges: Record<string, number>;
  /** Increments with every request. */
  seq: number;
  generator?: { namespace: string; service: string; rps: number; ok: number; failed: number };
}

/** One Kubernetes REST request relayed from the learner's own kubectl (dev server relay). */
export interface ApiRelayRequest {
  /** Names the request for cancelApiRequest (a watch or logs -f the client closed). */
  id: string;
  method: string;
  /** Path and query, as on the request line: `/api/v1/namespaces/default/pods?limit=500`. */
  url: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The body, base64 (kubectl sends protobuf as well as JSON). */
  bodyBase64: string;
}

export interface ApiRelayResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body?: string;
  /** A watch or a followed log: the body arrives through `onChunk`, null at its end. */
  streaming?: boolean;
}

export interface EngineApi {
  /** Resolves once the cluster is ready (created fresh, or restored from IndexedDB). */
  ready(): Promise<ClusterInfo>;

  /**
   * Runs one terminal line (it may hold a here-document). Output streams to `onOutput` as it
   * happens. `onEdit` is the page's editor for `kubectl edit`: it shows the file and resolves
   * with the saved text, or undefined when the learner cancels.
   */
  run(line: string, onOutput: (chunk: OutputChunk) => void, onEdit?: (file: WorkspaceFile) => Promise<string | undefined>): Promise<number>;
  /** Ctrl-C: cancels the running streaming command (get -w, logs -f, rollout status...). */
  interrupt(): Promise<void>;
  /** Completion candidates for the word at the end of `line`. */
  complete(line: string): Promise<string[]>;

  /** The editor's Apply: the same path as `kubectl apply -f -`. */
  applyManifest(yaml: string, fileName: string): Promise<ExecResult>;

  snapshot(): Promise<ClusterSnapshot>;
  /** Batches arrive at most once per `minIntervalMs` (the page passes one frame). */
  subscribe(onBatch: (batch: ChangeBatch) => void, minIntervalMs?: number): Promise<number>;
  unsubscribe(id: number): Promise<void>;

  /** `kubectl describe` text for one object. */
  describe(target: InspectTarget): Promise<string>;
  /** `kubectl get -o yaml` text for one object. */
  yaml(target: InspectTarget): Promise<string>;

  clockState(): Promise<ClockState>;
  setSpeed(speed: ClockSpeed): Promise<ClockState>;
  /** Single step: advance the virtual clock to the next thing that happens (at most 10 s). */
  step(): Promise<ClockState>;

  listFiles(): Promise<WorkspaceFile[]>;
  writeFile(file: WorkspaceFile): Promise<void>;
  deleteFile(name: string): Promise<void>;

  listLessons(): Promise<LessonSummary[]>;
  lesson(id: string): Promise<Lesson | undefined>;
  /**
   * Prepares the cluster for a lesson: runs its setup session (once per cluster; again after a
   * reset). Resolves to what the setup printed, or undefined for an unknown lesson.
   */
  startLesson(id: string): Promise<ExecResult | undefined>;
  /** Evaluates a lesson's declarative checks against the cluster now. */
  checkLesson(id: string): Promise<LessonReport | undefined>;

  /** Makes this tab the one that owns (and saves) the cluster, reloading it as last saved. */
  takeOver(): Promise<ClusterInfo>;

  /** Throws away the cluster and creates a fresh one (and clears its persisted copy). */
  reset(seed?: number): Promise<ClusterInfo>;

  /** A control-plane component's menu: stop or start it (as `sim component stop|start`). */
  setComponent(name: ComponentName, action: 'stop' | 'start'): Promise<ActionResult>;
  /** A node card's menu: its kubelet, cordon/uncordon, drain, remove (as `sim node` / kubectl). */
  nodeAction(name: string, action: NodeAction): Promise<ActionResult>;
  /** "Add node" (as `sim node add NAME --cpu N --memory Q --labels k=v`). */
  addNode(name: string, opts?: AddNodeRequest): Promise<ActionResult>;
  /** The scheduler's last verdicts and scores for a pod (the inspector's "why" table). */
  schedulingVerdicts(podUid: string): Promise<SchedulingVerdicts | undefined>;

  /** The fault catalog with what is injected now (the Faults menu). */
  faults(): Promise<FaultInfo[]>;
  /** Injects a fault (as `sim fault inject ID [TARGET]`). */
  injectFault(id: string, target?: string): Promise<ActionResult>;
  /** Clears a fault (as `sim fault clear ID [TARGET]`); the cluster converges by itself. */
  clearFault(id: string, target?: string): Promise<ActionResult>;

  /** Request counters (per pod, per Service -> pod edge) and the traffic generator's state. */
  traffic(): Promise<TrafficStats>;
  /** Sends `rps` requests per virtual second to a Service (0 or no target stops it). */
  setTrafficGenerator(target: { namespace: string; service: string } | undefined, rps: number): Promise<void>;
  /** The terminal prompt: `$ `, or an attached container shell's (`/ # `) during `kubectl exec -it`. */
  prompt(): Promise<string>;

  /**
   * Serves one Kubernetes REST request against the cluster (engine/bridge), for the dev
   * server's kubectl relay. Streams (watch, logs -f) answer `streaming` and then call
   * `onChunk` with each piece and null at the end. Optional: the relay only runs where it exists.
   */
  handleApiRequest?(req: ApiRelayRequest, onChunk?: (chunk: string | null) => void): Promise<ApiRelayResponse>;
  /** Stops a streaming request (the client went away). */
  cancelApiRequest?(id: string): Promise<void>;
}
