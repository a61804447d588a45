// Active `kubectl port-forward`s: a listener on the learner's localhost that tunnels through
// the API server and kubelet into one pod's port. They belong to the kubectl process, not to
// the cluster, so they live in memory (a reload ends them, as closing a terminal would).
import type { Engine } from '../engine.ts';

export interface Forward {
  namespace: string;
  pod: string;
  remotePort: number;
  /** kubectl prints "Handling connection for N" on each accepted connection. */
  onConnection(): void;
}

const forwards = new WeakMap<Engine, Map<number, Forward>>();

export function addForward(engine: Engine, localPort: number, fwd: Forward): boolean {
  const m = forwards.get(engine) ?? new Map<number, Forward>();
  forwards.set(engine, m);
  if (m.has(localPort)) return false;
  m.set(localPort, fwd);
  return true;
}

export function removeForward(engine: Engine, localPort: number): void {
  forwards.get(engine)?.delete(localPort);
}

export function forwardFor(engine: Engine, localPort: number): Forward | undefined {
  return forwards.get(engine)?.get(localPort);
}
