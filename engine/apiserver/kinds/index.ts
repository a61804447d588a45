// Strategy per resource key ("pods", "deployments.apps"). Kinds without an entry get only the
// generic metadata handling of the API server. Add one file per kind and list it here.
import type { KindStrategy } from '../strategy.ts';

export const STRATEGIES: Readonly<Record<string, KindStrategy>> = {};
