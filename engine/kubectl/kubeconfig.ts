// The terminal's kubeconfig: one kind cluster, context `kind-sandbox`, a namespace per
// context (`kubectl config set-context --current --namespace=dev`).

export interface KubeContext {
  cluster: string;
  user: string;
  namespace?: string;
}

export interface KubeConfig {
  currentContext: string;
  contexts: Record<string, KubeContext>;
}

export const CLUSTER_NAME = 'kind-sandbox';

export function defaultKubeConfig(): KubeConfig {
  return { currentContext: CLUSTER_NAME, contexts: { [CLUSTER_NAME]: { cluster: CLUSTER_NAME, user: CLUSTER_NAME } } };
}

/** The namespace commands use when -n is not given. */
export function contextNamespace(cfg: KubeConfig, context?: string): string {
  return cfg.contexts[context ?? cfg.currentContext]?.namespace || 'default';
}
