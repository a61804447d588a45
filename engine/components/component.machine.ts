// The lifecycle of a cluster component process (etcd, kube-apiserver, kube-scheduler,
// kube-controller-manager, cloud-controller-manager, and per node kubelet/kube-proxy), as an
// xstate machine definition advanced with the pure transition(). The snapshot is a sim record;
// the delayed `component.ready` becomes a clock timer. Its state value is the ComponentPhase.
import { raise, setup } from 'xstate';

export type ComponentEvent =
  | { type: 'component.start' }
  | { type: 'component.stop' }
  | { type: 'component.crash' }
  | { type: 'component.degrade' }
  | { type: 'component.recover' }
  | { type: 'component.ready' };

export interface ComponentCtx {
  /** How long this component takes from process start to serving (virtual ms). */
  startupMs: number;
  restarts: number;
}

export const componentMachine = setup({
  types: { context: {} as ComponentCtx, events: {} as ComponentEvent, input: {} as { startupMs: number } },
  delays: { startup: ({ context }) => context.startupMs },
}).createMachine({
  id: 'component',
  initial: 'Running',
  context: ({ input }) => ({ startupMs: input.startupMs, restarts: 0 }),
  states: {
    Starting: {
      entry: raise({ type: 'component.ready' }, { delay: 'startup', id: 'component.ready' }),
      on: { 'component.ready': 'Running', 'component.stop': 'Stopped', 'component.crash': 'Crashed' },
    },
    Running: {
      on: { 'component.stop': 'Stopped', 'component.crash': 'Crashed', 'component.degrade': 'Degraded' },
    },
    Degraded: {
      on: { 'component.recover': 'Running', 'component.stop': 'Stopped', 'component.crash': 'Crashed' },
    },
    Stopped: { on: { 'component.start': 'Starting' } },
    Crashed: { on: { 'component.start': 'Starting' } },
  },
});
