// What a terminal remembers between lines: shell variables (exported or not), the last exit
// code ($?), and the kubeconfig (current context, namespace per context).
import { defaultKubeConfig, type KubeConfig } from '../kubectl/kubeconfig.ts';

export interface ShellState {
  vars: Record<string, string>;
  exported: string[];
  lastExitCode: number;
  kubeconfig: KubeConfig;
}

export function newShellState(): ShellState {
  return {
    vars: { HOME: '/root', PATH: '/usr/local/bin:/usr/bin:/bin', PWD: '/root', SHELL: '/bin/bash', TERM: 'xterm-256color', USER: 'root' },
    exported: ['HOME', 'PATH', 'PWD', 'SHELL', 'TERM', 'USER'],
    lastExitCode: 0,
    kubeconfig: defaultKubeConfig(),
  };
}
