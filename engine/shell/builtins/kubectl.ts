// kubectl (and the `k` alias): hands argv to the kubectl interpreter with this terminal's
// kubeconfig.
// The interpreter (commands, printers, help, YAML) loads on first use, so the engine's first
// bundle, which boots the cluster, does not carry it.
import type { Builtin } from './builtin.ts';

export const kubectl: Builtin = async ({ args, io, host }) => {
  const { kubectl: runKubectl } = await import('../../kubectl/kubectl.ts');
  return runKubectl(args, { engine: host.engine, workspace: host.workspace, config: host.state.kubeconfig, io });
};
