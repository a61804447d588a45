// kubectl (and the `k` alias): hands argv to the kubectl interpreter with this terminal's
// kubeconfig.
import { kubectl as runKubectl } from '../../kubectl/kubectl.ts';
import type { Builtin } from './builtin.ts';

export const kubectl: Builtin = ({ args, io, host }) =>
  runKubectl(args, { engine: host.engine, workspace: host.workspace, config: host.state.kubeconfig, io });
