// The transition function of a flat xstate machine (one level of atomic states under the
// root), compiled once from the machine's own definition.
//
// Why not xstate's transition() for every event: it runs the general SCXML algorithm (exit and
// entry sets, conflict removal, history, ancestors) per microstep, building several Sets,
// arrays and snapshot copies each time: for the pod machine ~12 KB and ~11 µs per event, a fifth
// of bringing up a 10,000-replica Deployment. For a flat machine with no history, invocations,
// exit actions, parallel or final states and no wildcard events, which state each transition
// exits and enters is known at compile time, so none of that is needed.
//
// Everything else is the machine's: its guards, named actions, assigns, raises, cancels and
// delays run as xstate runs them. Same semantics: the first enabled candidate of the state,
// else of the root; a microstep runs the transition's actions, then the entered state's entry
// actions, each seeing the context left by the assigns before it; then eventless transitions,
// then raised (undelayed) events, until stable. compileFlatMachine refuses any machine using
// something outside that subset, and crossCheck (on in the tests) compares each result with
// xstate's own transition().
import type { AnyStateMachine } from 'xstate';

/** An action the machine asked for, not executed: xstate's type and resolved params. */
export interface MachineAction {
  type: string;
  params?: unknown;
}

/** What is stored per object: the state's name and the machine's context. */
export interface FlatState<C> {
  value: string;
  context: C;
}

interface EventObject {
  type: string;
}

/** The state of one macrostep being computed. */
interface Run {
  state: number;
  context: unknown;
  actions: MachineAction[];
  queue: EventObject[];
  /** Bumped when xstate would make a new snapshot (an assign ran or the state changed). */
  version: number;
}

type Guard = (context: unknown, event: EventObject) => boolean;
type Action = (r: Run, event: EventObject) => void;

interface Candidate {
  guard: Guard | undefined;
  actions: Action[];
  /** Index of the target state, -1 for a targetless transition. */
  target: number;
  /** Whether the target's entry actions run (a transition to another state, or from the root). */
  enters: boolean;
}

export interface FlatMachine<C, E extends EventObject> {
  readonly states: readonly string[];
  transition(from: FlatState<C>, event: E): { state: FlatState<C>; actions: MachineAction[] };
}

// xstate's internal shapes, as far as this file reads them (xstate 5: StateNode, the
// TransitionDefinition, and the built-in action objects assign/raise/cancel).
interface XNode {
  key: string;
  type: string;
  parent?: XNode;
  states: Record<string, XNode>;
  transitions: Map<string, XTransition[]>;
  always?: XTransition[];
  entry: unknown[];
  exit: unknown[];
  invoke: unknown[];
}
interface XTransition {
  source: XNode;
  target?: XNode[];
  reenter: boolean;
  guard?: unknown;
  actions: unknown[];
}
type Fn = (...args: unknown[]) => unknown;
interface XImplementations {
  guards: Record<string, unknown>;
  actions: Record<string, unknown>;
  delays: Record<string, unknown>;
}

const MAX_MICROSTEPS = 1000;

export function compileFlatMachine<C, E extends EventObject>(machine: AnyStateMachine): FlatMachine<C, E> {
  const root = machine.root as unknown as XNode;
  const impl = machine.implementations as unknown as XImplementations;
  const name = machine.id;
  const refuse = (what: string): never => {
    throw new Error(`flat machine ${name}: ${what} is not supported`);
  };
  if (root.type !== 'compound') refuse(`a ${root.type} root`);
  if (root.entry.length || root.exit.length || root.invoke.length || root.always) refuse('root entry/exit/invoke/always');
  const nodes = Object.values(root.states);
  const states = nodes.map((n) => n.key);
  const indexOf = new Map(nodes.map((n, i) => [n, i]));
  for (const n of nodes) {
    if (n.type !== 'atomic') refuse(`a ${n.type} state (${n.key})`);
    if (n.exit.length || n.invoke.length) refuse(`exit actions or invocations (${n.key})`);
  }

  function paramsOf(a: unknown): ((r: Run, e: EventObject) => unknown) | undefined {
    if (typeof a !== 'object' || a === null || !('params' in a)) return undefined;
    const p = (a as { params: unknown }).params;
    return typeof p === 'function' ? (r, e) => (p as Fn)({ context: r.context, event: e }) : () => p;
  }

  function action(a: unknown): Action {
    const inline = typeof a === 'function';
    const type = typeof a === 'string' ? a : inline ? undefined : (a as { type: string }).type;
    const resolved = inline ? a : impl.actions[type!];
    const params = inline ? undefined : paramsOf(a);
    if (!resolved || !('resolve' in (resolved as object))) {
      // A named action: handed back, with its params resolved now, for the caller to perform.
      const actionType = type ?? ((a as Fn).name || '(anonymous)');
      return (r, e) => void r.actions.push({ type: actionType, params: params?.(r, e) });
    }
    const builtin = resolved as Record<string, unknown>;
    switch (builtin['type']) {
      case 'xstate.assign': {
        const assignment = builtin['assignment'] as Fn | Record<string, unknown>;
        return (r, e) => {
          const p = params?.(r, e);
          const args = { context: r.context, event: e };
          let partial: unknown;
          if (typeof assignment === 'function') partial = assignment(args, p);
          else {
            const update: Record<string, unknown> = {};
            for (const k of Object.keys(assignment)) {
              const v = assignment[k];
              update[k] = typeof v === 'function' ? (v as Fn)(args, p) : v;
            }
            partial = update;
          }
          r.context = Object.assign({}, r.context, partial);
          r.version++;
        };
      }
      case 'xstate.raise': {
        const event = builtin['event'];
        const id = builtin['id'];
        const delay = builtin['delay'];
        if (typeof event === 'string') refuse('raise of a string event');
        return (r, e) => {
          const p = params?.(r, e);
          const args = { context: r.context, event: e };
          const raised = (typeof event === 'function' ? (event as Fn)(args, p) : event) as EventObject;
          const d = typeof delay === 'string' ? impl.delays[delay] : delay;
          const ms = typeof d === 'function' ? (d as Fn)(args, p) : d;
          if (typeof ms !== 'number') r.queue.push(raised);
          r.actions.push({ type: 'xstate.raise', params: { event: raised, id, delay: ms } });
        };
      }
      case 'xstate.cancel': {
        const sendId = builtin['sendId'];
        return (r, e) => {
          const id = typeof sendId === 'function' ? (sendId as Fn)({ context: r.context, event: e }, params?.(r, e)) : sendId;
          r.actions.push({ type: 'xstate.cancel', params: { sendId: id } });
        };
      }
      default:
        return refuse(`the action ${String(builtin['type'])}`);
    }
  }

  function guard(g: unknown): Guard | undefined {
    if (g === undefined) return undefined;
    if (typeof g === 'function') {
      if ('check' in g) refuse('a built-in guard (and/or/not/stateIn)');
      return (c, e) => !!(g as Fn)({ context: c, event: e }, undefined);
    }
    const type = typeof g === 'string' ? g : (g as { type: string }).type;
    const fn = impl.guards[type];
    if (typeof fn !== 'function' || 'check' in fn) return refuse(`the guard ${type}`);
    const params = typeof g === 'string' ? undefined : (g as { params?: unknown }).params;
    if (typeof params === 'function') return (c, e) => !!(fn as Fn)({ context: c, event: e }, (params as Fn)({ context: c, event: e }));
    return (c, e) => !!(fn as Fn)({ context: c, event: e }, params);
  }

  function candidate(t: XTransition): Candidate {
    if (t.target && t.target.length !== 1) refuse('a transition with several targets');
    const targetNode = t.target?.[0];
    const target = targetNode ? indexOf.get(targetNode) ?? refuse(`a target outside the root's states (${targetNode.key})`) : -1;
    const fromRoot = t.source === root;
    if (fromRoot && t.reenter) refuse('a reentering root transition');
    // As xstate's entry set: the target is entered unless it is the source itself and the
    // transition does not reenter (then nothing is exited or entered either).
    const enters = target >= 0 && (fromRoot || target !== indexOf.get(t.source) || t.reenter);
    return { guard: guard(t.guard), actions: t.actions.map(action), target, enters };
  }

  function handlers(n: XNode): Map<string, Candidate[]> {
    const m = new Map<string, Candidate[]>();
    for (const [type, ts] of n.transitions) {
      if (type === '*' || type.endsWith('.*')) refuse(`the wildcard event ${type}`);
      m.set(type, ts.map(candidate));
    }
    return m;
  }

  const entries = nodes.map((n) => n.entry.map(action));
  const on = nodes.map(handlers);
  const always = nodes.map((n) => n.always?.map(candidate));
  const rootOn = handlers(root);

  const first = (cs: Candidate[] | undefined, r: Run, e: EventObject): Candidate | undefined => {
    if (cs) for (const c of cs) if (!c.guard || c.guard(r.context, e)) return c;
    return undefined;
  };
  const select = (r: Run, e: EventObject) => first(on[r.state]!.get(e.type), r, e) ?? first(rootOn.get(e.type), r, e);

  function microstep(r: Run, c: Candidate, e: EventObject): void {
    for (const a of c.actions) a(r, e);
    if (c.target < 0) return;
    if (c.target !== r.state) {
      r.state = c.target;
      r.version++;
    }
    if (c.enters) for (const a of entries[c.target]!) a(r, e);
  }

  return {
    states,
    transition(from, event) {
      const state = states.indexOf(from.value);
      if (state < 0) throw new Error(`flat machine ${name}: no state ${from.value}`);
      const r: Run = { state, context: from.context, actions: [], queue: [], version: 0 };
      const c = select(r, event);
      if (c) microstep(r, c, event);
      // Then eventless transitions and raised events, as xstate's macrostep.
      let current: EventObject = event;
      let eventless = true;
      for (let steps = 0; ; steps++) {
        if (steps > MAX_MICROSTEPS) throw new Error(`flat machine ${name}: more than ${MAX_MICROSTEPS} microsteps for ${event.type}`);
        let next: Candidate | undefined = eventless ? first(always[r.state], r, current) : undefined;
        const wasEventless: boolean = next !== undefined;
        if (!next) {
          const queued = r.queue.shift();
          if (!queued) break;
          current = queued;
          next = select(r, current);
        }
        const before = r.version;
        if (next) microstep(r, next, current);
        eventless = !wasEventless || r.version !== before;
      }
      return { state: { value: states[r.state]!, context: r.context as C }, actions: r.actions };
    },
  };
}
