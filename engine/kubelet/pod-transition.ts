// The pod machine's pure transition function, made cheap enough to run for every pod event.
// xstate's `transition()` builds a throwaway actor (which computes the machine's initial
// snapshot) for every call, only to get an inert ActorScope whose action executor collects the
// actions instead of running them; and resolving `{value, context}` back into a snapshot walks
// the state tree again. The pod machine has no children, invocations, history states or
// inspection, so one inert scope serves every call, the initial snapshot is computed once, and
// a stored `{value, context}` becomes a snapshot by giving the state's resolved snapshot (one
// per state value, computed once) that context: nothing per pod is kept beside its record.
import { createActor, type AnyActorScope } from 'xstate';
import { podMachine, type PodCtx, type PodEvent } from './pod.machine.ts';

type PodSnapshot = ReturnType<typeof podMachine.resolveState>;

/** One of the machine's actions, not executed: its type and resolved params. */
export interface PodAction {
  type: string;
  params?: unknown;
}

let scope: AnyActorScope | undefined;
let initial: PodSnapshot | undefined;
let collected: PodAction[] = [];
/** By state value: the machine resolved in that state (its context replaced per call). */
const resolved = new Map<string, PodSnapshot>();

/** What xstate's createInertActorScope builds, once: nothing in it runs an action. */
function inertScope(): AnyActorScope {
  if (scope) return scope;
  const self = createActor(podMachine);
  const noop = () => {};
  scope = {
    self, system: self.system, id: '', sessionId: '', logger: noop, defer: noop, stopChild: noop, emit: noop,
    actionExecutor: (a) => { collected.push(a as PodAction); },
  } as AnyActorScope;
  return scope;
}

function snapshotOf(value: unknown, context: PodCtx): PodSnapshot {
  // Values are state names (the machine has no parallel or nested states).
  if (typeof value !== 'string') return podMachine.resolveState({ value: value as never, context });
  let state = resolved.get(value);
  if (!state) resolved.set(value, (state = podMachine.resolveState({ value: value as never, context })));
  // Same snapshot as resolveState would build, without walking the state tree again.
  const snapshot = Object.assign({}, state);
  snapshot.context = context;
  return snapshot;
}

/**
 * `transition(podMachine, snapshot, event)` from the stored `{value, context}` (undefined: a pod
 * the kubelet has not admitted yet, in the initial state).
 */
export function podTransition(stored: { value: unknown; context: PodCtx } | undefined, event: PodEvent): [PodSnapshot, PodAction[]] {
  const s = inertScope();
  initial ??= podMachine.getInitialSnapshot(s);
  const from = stored ? snapshotOf(stored.value, stored.context) : initial;
  const actions: PodAction[] = [];
  collected = actions;
  try {
    const next = podMachine.transition(from, event, s);
    return [next, actions];
  } finally {
    collected = [];
  }
}
