// The pod machine's pure transition function, run for every pod event: the machine definition
// (pod.machine.ts) compiled into a flat transition table (machines/flat-transition.ts), with
// xstate's own transition() kept as the reference. With the cross-check on (every test run
// turns it on: `globalThis.kubeplayCrossCheckMachines = true` before the engine loads), each
// call also runs xstate's transition() and throws if the two disagree on the next state, the
// context or the actions asked for.
import { createActor, type AnyActorScope } from 'xstate';
import { deepEqual } from '../api/deep-equal.ts';
import { compileFlatMachine, type FlatState, type MachineAction } from '../machines/flat-transition.ts';
import { podMachine, type PodCtx, type PodEvent } from './pod.machine.ts';

/** One of the machine's actions, not executed: its type and resolved params. */
export type PodAction = MachineAction;

const compiled = compileFlatMachine<PodCtx, PodEvent>(podMachine);
let initial: FlatState<PodCtx> | undefined;
let crossCheck = (globalThis as { kubeplayCrossCheckMachines?: boolean }).kubeplayCrossCheckMachines === true;

/** Compare every transition with xstate's (slower; for tests). */
export function setPodTransitionCrossCheck(on: boolean): void {
  crossCheck = on;
}

/**
 * The next `{value, context}` and the actions to perform, from the stored `{value, context}`
 * (undefined: a pod the kubelet has not admitted yet, in the initial state).
 */
export function podTransition(stored: { value: unknown; context: PodCtx } | undefined, event: PodEvent): [FlatState<PodCtx>, PodAction[]] {
  initial ??= xstateInitial();
  const from = stored ? (stored as FlatState<PodCtx>) : initial;
  const { state, actions } = compiled.transition(from, event);
  if (crossCheck) compareWithXstate(from, event, state, actions);
  return [state, actions];
}

// xstate's path -------------------------------------------------------------------------------

let scope: AnyActorScope | undefined;
let collected: PodAction[] = [];

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

function xstateInitial(): FlatState<PodCtx> {
  const s = podMachine.getInitialSnapshot(inertScope());
  collected = [];
  return { value: s.value as string, context: s.context };
}

function compareWithXstate(from: FlatState<PodCtx>, event: PodEvent, state: FlatState<PodCtx>, actions: PodAction[]): void {
  const s = inertScope();
  const expected: PodAction[] = [];
  collected = expected;
  let next;
  try {
    next = podMachine.transition(podMachine.resolveState({ value: from.value as never, context: from.context }), event, s);
  } finally {
    collected = [];
  }
  const want = { value: next.value, context: next.context, actions: expected.map((a) => ({ type: a.type, params: a.params })) };
  const got = { value: state.value, context: state.context, actions: actions.map((a) => ({ type: a.type, params: a.params })) };
  if (!deepEqual(want, got)) {
    throw new Error(`pod machine: compiled transition differs from xstate's for ${event.type} in ${from.value}:\nxstate:   ${JSON.stringify(want)}\ncompiled: ${JSON.stringify(got)}`);
  }
}
