// In-process entry (Node: CLI, bench, tests): the same EngineApi the worker exposes.
import { LocalEngine, type LocalEngineOptions } from './runtime/local-engine.ts';

export { LocalEngine, type LocalEngineOptions };
export { createCluster, restoreCluster } from './runtime/create-cluster.ts';
export { Engine, DEFAULT_EPOCH } from './engine.ts';

export function createLocalEngine(options: LocalEngineOptions = {}): LocalEngine {
  return new LocalEngine(options);
}
