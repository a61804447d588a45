// The pod machine's compiled transition (engine/machines/flat-transition.ts) against xstate's own
// transition(): over random containers and random event sequences, both give the same state,
// context and actions (podTransition throws on any difference with the cross-check on). And the
// compiler refuses machines outside the flat subset rather than run them wrongly.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { assign, createMachine, raise, setup } from 'xstate';
import { compileFlatMachine } from '../../../engine/machines/flat-transition.ts';
import { podTransition, setPodTransitionCrossCheck } from '../../../engine/kubelet/pod-transition.ts';
import type { ContainerSetup, PodCtx, PodEvent } from '../../../engine/kubelet/pod.machine.ts';

const setupArb: fc.Arbitrary<ContainerSetup> = fc.record({
  name: fc.constantFrom('a', 'b', 'c'),
  image: fc.constantFrom('nginx', 'busybox:1.36'),
  pull: fc.constantFrom('pull', 'present', 'fail', 'never', 'invalid'),
  pullMs: fc.integer({ min: 0, max: 5000 }),
  sizeBytes: fc.integer({ min: 0, max: 1e8 }),
  probed: fc.boolean(),
  init: fc.boolean(),
});

const planArb = fc.record({
  exitCode: fc.constantFrom(0, 1, 137),
  logs: fc.constant<string[]>([]),
  stopMs: fc.constantFrom<number | 'grace'>(0, 500, 'grace'),
  exitAfterMs: fc.option(fc.integer({ min: 0, max: 700_000 }), { nil: undefined }),
});

/** An event for a pod with n containers (indexes in range), at a time after `now`. */
const eventArb = (n: number): fc.Arbitrary<Omit<PodEvent, 'now'>> => {
  const index = fc.integer({ min: 0, max: n - 1 });
  return fc.oneof(
    fc.constantFrom('sandbox.ready', 'image.pulled', 'image.backoff', 'image.retry', 'config.retry', 'pod.stopped').map((type) => ({ type }) as Omit<PodEvent, 'now'>),
    fc.record({ type: fc.constant('pod.deleted' as const), graceMs: fc.constantFrom(0, 2000, 30_000) }),
    fc.record({ type: fc.constant('container.created' as const), plan: planArb, containerID: fc.constant('containerd://x'), configError: fc.option(fc.constant('configmap "x" not found'), { nil: undefined }) }),
    fc.record({ type: fc.constant('container.restart' as const), index, plan: planArb, containerID: fc.constant('containerd://y'), configError: fc.option(fc.constant('secret "s" not found'), { nil: undefined }) }),
    fc.record({ type: fc.constantFrom('container.exited' as const, 'container.kill' as const), index }),
    fc.record({ type: fc.constant('container.ready' as const), index, ready: fc.option(fc.boolean(), { nil: undefined }) }),
  );
};

const scenario = fc
  .record({ containers: fc.array(setupArb, { minLength: 1, maxLength: 3 }), restartPolicy: fc.constantFrom('Always', 'OnFailure', 'Never') as fc.Arbitrary<PodCtx['restartPolicy']> })
  .chain((s) => fc.record({ s: fc.constant(s), events: fc.array(fc.tuple(eventArb(s.containers.length), fc.integer({ min: 0, max: 20_000 })), { maxLength: 25 }) }));

describe('pod machine: compiled transition', () => {
  before(() => setPodTransitionCrossCheck(true));

  it('agrees with xstate on random pods and event sequences', () => {
    fc.assert(
      fc.property(scenario, ({ s, events }) => {
        let now = 1000;
        let [state] = podTransition(undefined, { type: 'pod.sync', now, containers: s.containers, restartPolicy: s.restartPolicy, graceMs: 30_000 });
        for (const [e, dt] of events) {
          now += dt;
          [state] = podTransition(state, { ...e, now } as PodEvent);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('brings a one-container pod from admission to Running with the kubelet-facing actions', () => {
    const containers: ContainerSetup[] = [{ name: 'web', image: 'nginx', pull: 'pull', pullMs: 3000, sizeBytes: 1, probed: false }];
    const [admitted, a1] = podTransition(undefined, { type: 'pod.sync', now: 0, containers, restartPolicy: 'Always' });
    expect(admitted.value).to.equal('Sandbox');
    expect(a1).to.deep.equal([{ type: 'xstate.raise', params: { event: { type: 'sandbox.ready', now: 0 }, id: 'sandbox.ready', delay: 700 } }]);
    const [pulling, a2] = podTransition(admitted, { type: 'sandbox.ready', now: 700 });
    expect(pulling.value).to.equal('Pulling');
    expect(a2.map((a) => a.type)).to.deep.equal(['emitPulling', 'xstate.raise']);
    expect((a2[1]!.params as { delay: number }).delay).to.equal(3000);
    const [creating] = podTransition(pulling, { type: 'image.pulled', now: 3700 });
    expect(creating.value).to.equal('Creating');
    const [running, a4] = podTransition(creating, { type: 'container.created', now: 3950, plan: { exitCode: 0, logs: ['up'], stopMs: 0 }, containerID: 'containerd://1' });
    expect(running.value).to.equal('Running');
    expect(running.context.containers[0]).to.include({ state: 'running', ready: true, startedAt: 3950, containerID: 'containerd://1' });
    expect(a4[0]).to.deep.equal({ type: 'emitStarted', params: { index: 0, logs: ['up'], restarted: false } });
  });

  it('re-enters Creating for the next container whose image is present', () => {
    const c = (name: string): ContainerSetup => ({ name, image: 'busybox', pull: 'present', pullMs: 0, sizeBytes: 1, probed: false });
    let [s] = podTransition(undefined, { type: 'pod.sync', now: 0, containers: [c('a'), c('b')], restartPolicy: 'Always' });
    [s] = podTransition(s, { type: 'sandbox.ready', now: 700 });
    const [next, actions] = podTransition(s, { type: 'container.created', now: 950, plan: { exitCode: 0, logs: [], stopMs: 0 }, containerID: 'containerd://a' });
    expect(next.value).to.equal('Creating');
    expect(next.context.next).to.equal(1);
    expect(actions.map((a) => [a.type, (a.params as { id?: string } | undefined)?.id])).to.deep.equal([
      ['emitStarted', undefined], ['xstate.raise', 'container.exited'], ['emitAlreadyPresent', undefined], ['xstate.raise', 'container.created'],
    ]);
  });
});

describe('compileFlatMachine', () => {
  it('refuses what it does not implement', () => {
    const nested = createMachine({ id: 'n', initial: 'a', states: { a: { initial: 'x', states: { x: {} } } } });
    expect(() => compileFlatMachine(nested)).to.throw('flat machine n: a compound state (a) is not supported');
    const parallel = createMachine({ id: 'p', type: 'parallel', states: { a: {}, b: {} } });
    expect(() => compileFlatMachine(parallel)).to.throw('a parallel root');
    const exits = createMachine({ id: 'e', initial: 'a', states: { a: { exit: raise({ type: 'x' }) } } });
    expect(() => compileFlatMachine(exits)).to.throw('exit actions');
    const wildcard = createMachine({ id: 'w', initial: 'a', states: { a: { on: { '*': 'a' } } } });
    expect(() => compileFlatMachine(wildcard)).to.throw('wildcard');
  });

  it('runs eventless transitions and raised events to a stable state, as xstate does', () => {
    const m = setup({ types: { context: {} as { n: number }, events: {} as { type: 'go' } | { type: 'next' } } }).createMachine({
      id: 'm',
      initial: 'a',
      context: { n: 0 },
      states: {
        a: { on: { go: { target: 'b', actions: [assign({ n: ({ context }) => context.n + 1 }), raise({ type: 'next' })] } } },
        b: { always: { guard: ({ context }) => context.n > 1, target: 'd' }, on: { next: { target: 'c', actions: assign({ n: ({ context }) => context.n + 10 }) } } },
        c: { always: { guard: ({ context }) => context.n > 5, target: 'd' } },
        d: { entry: assign({ n: ({ context }) => context.n * 2 }) },
      },
    });
    const { state, actions } = compileFlatMachine<{ n: number }, { type: 'go' }>(m).transition({ value: 'a', context: { n: 0 } }, { type: 'go' });
    // go: a -> b (n=1, next queued); b's always fails (n=1); next: b -> c (n=11); c's always: -> d (n=22).
    expect(state).to.deep.equal({ value: 'd', context: { n: 22 } });
    expect(actions).to.deep.equal([{ type: 'xstate.raise', params: { event: { type: 'next' }, id: undefined, delay: undefined } }]);
  });
});
