// The one way a cluster comes to life, shared by the tab, the CLI and tests: an engine with
// every component installed and the default kind-like cluster bootstrapped and settled.
import { installComponents, bootstrapCluster } from '../cluster/cluster.ts';
import { Engine, type EngineDump } from '../engine.ts';

export interface CreateClusterOptions {
  seed?: number;
  /** Virtual epoch (ms). The CLI uses the fixed DEFAULT_EPOCH; the browser the real creation time. */
  epoch?: number;
}

export function createCluster(opts: CreateClusterOptions = {}): Engine {
  const engine = new Engine(opts);
  installComponents(engine);
  bootstrapCluster(engine);
  return engine;
}

/** Rebuilds an engine from a persisted dump; components resync and carry on. */
export function restoreCluster(dump: EngineDump): Engine {
  const engine = new Engine({ seed: dump.seed, epoch: dump.clock.epoch });
  // Load first so components (a kubelet per restored Node) are hosted against the restored store.
  engine.load(dump);
  installComponents(engine);
  return engine;
}
