// What the page's component and node menus do (EngineApi.setComponent / nodeAction / addNode /
// schedulingVerdicts), as plain functions on an Engine so the runtime only forwards calls.
// Expected failures come back as a message, never as a thrown error (EngineApi rule).
import type { Node } from '../api/core-v1.ts';
import { ApiError } from '../apiserver/status.ts';
import { CONTROL_PLANE, setComponent, type ControlPlaneComponent } from '../components/control-plane.ts';
import type { ActionResult, NodeAction, SchedulingVerdicts } from '../engine-api.ts';
import type { Engine } from '../engine.ts';
import { readResult } from '../scheduler/results.ts';
import { FILTERS, SCORERS } from '../scheduler/scheduler.ts';
import { addNode, removeNode, setNodeKubelet, type AddNodeOptions } from './nodes.ts';


function guard(f: () => string): ActionResult {
  try {
    return { ok: true, message: f() };
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, message: e.status.message };
    throw e;
  }
}

export function componentAction(engine: Engine, name: string, action: 'stop' | 'start'): ActionResult {
  if (!CONTROL_PLANE.includes(name as ControlPlaneComponent)) return { ok: false, message: `unknown component "${name}"` };
  setComponent(engine, name as ControlPlaneComponent, action);
  engine.runUntilQuiet();
  return { ok: true, message: `${name} ${action === 'stop' ? 'stopped' : 'starting'}` };
}

/**
 * A node's menu. `drain` here is the cordon plus evictions kubectl drain starts (DaemonSet and
 * mirror pods stay; a PodDisruptionBudget refusal is reported, not retried).
 */
export function nodeAction(engine: Engine, name: string, action: NodeAction): ActionResult {
  return guard(() => {
    const api = engine.api;
    let msg: string;
    switch (action) {
      case 'stop':
      case 'start':
        setNodeKubelet(engine, name, action === 'start');
        msg = `kubelet on ${name} ${action === 'stop' ? 'stopped' : 'starting'}`;
        break;
      case 'cordon':
      case 'uncordon': {
        const want = action === 'cordon';
        const node = api.get<Node>('nodes', undefined, name);
        if (!!node.spec.unschedulable === want) return `node/${name} already ${action}ed`;
        api.patch('nodes', undefined, name, 'strategic', { spec: { unschedulable: want ? true : null } });
        msg = `node/${name} ${action}ed`;
        break;
      }
      case 'drain': {
        const node = api.get<Node>('nodes', undefined, name);
        if (!node.spec.unschedulable) api.patch('nodes', undefined, name, 'strategic', { spec: { unschedulable: true } });
        const refused: string[] = [];
        for (const p of api.list('pods', undefined, { fieldSelector: `spec.nodeName=${name}` })) {
          const ref = p.metadata.ownerReferences?.find((r) => r.controller);
          if (ref?.kind === 'DaemonSet' || p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) continue;
          try {
            api.evict(p.metadata.namespace!, p.metadata.name!);
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
            refused.push(`pod/${p.metadata.name}: ${e.status.message}`);
          }
        }
        msg = refused.length ? `node/${name} cordoned; not evicted: ${refused.join('; ')}` : `node/${name} drained`;
        break;
      }
      case 'remove':
        removeNode(engine, name);
        msg = `node ${name} removed`;
        break;
    }
    engine.runUntilQuiet();
    return msg;
  });
}

export function addNodeAction(engine: Engine, name: string, opts: AddNodeOptions = {}): ActionResult {
  if (engine.api.tryGet('nodes', undefined, name)) return { ok: false, message: `node "${name}" already exists` };
  return guard(() => {
    addNode(engine, name, opts);
    engine.runUntilQuiet();
    return `node ${name} added`;
  });
}

/** Scores by plugin name (recorded as a list in SCORERS order; by name in older saved sessions). */
function scoresByPlugin(scores: number[] | Record<string, number>): Record<string, number> {
  return Array.isArray(scores) ? Object.fromEntries(SCORERS.map((p, k) => [p.name, scores[k] ?? 0])) : { ...scores };
}

/** The scheduler's last verdicts for a pod (per node: each filter's status, each score), if any. */
export function schedulingVerdicts(engine: Engine, podUid: string): SchedulingVerdicts | undefined {
  const r = readResult(engine.store, podUid);
  if (!r) return undefined;
  const nodes: SchedulingVerdicts['nodes'] = {};
  for (const n of r.nodes)
    nodes[n.node] = {
      filters: [
        ...FILTERS.slice(0, n.passed).map((f) => ({ plugin: f.name, code: 'Success' as const })),
        ...n.filters.map((f) => ({ plugin: f.plugin, code: f.status.code, ...(f.status.code === 'Success' ? {} : { reasons: [...f.status.reasons] }) })),
      ],
      ...(n.scores ? { scores: scoresByPlugin(n.scores), total: n.total ?? 0 } : {}),
    };
  return { pod: r.pod, at: r.at, nodes, ...(r.selected ? { selected: r.selected } : {}), ...(r.message ? { message: r.message } : {}) };
}
