// The page's handle on the engine: the worker wrapped by comlink. The only comlink import
// in app/. Callbacks cross the boundary as proxies, so views can pass plain functions.
import { proxy, wrap } from 'comlink';
import type { EngineApi, WorkspaceFile } from '../engine/engine-api.ts';

/** Asks whoever shows the editor (kp-app) to let the learner edit a file; undefined = cancelled. */
function requestEdit(file: WorkspaceFile): Promise<string | undefined> {
  return new Promise((respond) => {
    const handled = !document.dispatchEvent(new CustomEvent('kp-edit-request', { detail: { file, respond }, cancelable: true }));
    if (!handled) respond(undefined);
  });
}

export function createEngineClient(): EngineApi {
  const worker = new Worker(new URL('../engine/worker.ts', import.meta.url), { type: 'module' });
  const remote = wrap<EngineApi & Required<Pick<EngineApi, 'handleApiRequest' | 'cancelApiRequest'>>>(worker);
  // A worker that fails to load never answers; turn its error event into a failed ready().
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(e.message || 'the engine worker failed to load')), { once: true });
  });
  failed.catch(() => undefined);
  return {
    ready: () => Promise.race([remote.ready(), failed]),
    // `kubectl edit` asks the page's editor; kp-app answers the document-level request.
    run: (line, onOutput, onEdit) => remote.run(line, proxy(onOutput), proxy(onEdit ?? requestEdit)),
    interrupt: () => remote.interrupt(),
    complete: (line) => remote.complete(line),
    applyManifest: (yaml, fileName) => remote.applyManifest(yaml, fileName),
    snapshot: () => remote.snapshot(),
    subscribe: (onBatch, minIntervalMs) => remote.subscribe(proxy(onBatch), minIntervalMs),
    unsubscribe: (id) => remote.unsubscribe(id),
    describe: (target) => remote.describe(target),
    yaml: (target) => remote.yaml(target),
    clockState: () => remote.clockState(),
    setSpeed: (speed) => remote.setSpeed(speed),
    step: () => remote.step(),
    listFiles: () => remote.listFiles(),
    writeFile: (file) => remote.writeFile(file),
    deleteFile: (name) => remote.deleteFile(name),
    listLessons: () => remote.listLessons(),
    lesson: (id) => remote.lesson(id),
    startLesson: (id) => remote.startLesson(id),
    checkLesson: (id) => remote.checkLesson(id),
    reset: (seed) => remote.reset(seed),
    takeOver: () => remote.takeOver(),
    setComponent: (name, action) => remote.setComponent(name, action),
    nodeAction: (name, action) => remote.nodeAction(name, action),
    addNode: (name, opts) => remote.addNode(name, opts),
    schedulingVerdicts: (uid) => remote.schedulingVerdicts(uid),
    faults: () => remote.faults(),
    injectFault: (id, target) => remote.injectFault(id, target),
    clearFault: (id, target) => remote.clearFault(id, target),
    traffic: () => remote.traffic(),
    setTrafficGenerator: (target, rps) => remote.setTrafficGenerator(target, rps),
    prompt: () => remote.prompt(),
    handleApiRequest: (req, onChunk) => remote.handleApiRequest(req, onChunk ? proxy(onChunk) : undefined),
    cancelApiRequest: (id) => remote.cancelApiRequest(id),
  };
}
