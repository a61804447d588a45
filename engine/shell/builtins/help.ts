// `help`: what this terminal can do — the shell commands it has and the kubectl commands
// kubeplay implements (every other kubectl command says it is not available yet).
import type { Builtin } from './builtin.ts';

export const help: Builtin = ({ io }) => {
  // Imported lazily: BUILTINS imports this file, and kubectl loads on first use.
  return Promise.all([import('./index.ts'), import('../../kubectl/commands/index.ts')]).then(([{ BUILTINS }, { COMMANDS }]) => {
    const shell = Object.keys(BUILTINS).sort();
    const kubectl = COMMANDS.map((c) => (c.subcommands?.length ? `${c.name} (${c.subcommands.map((s) => s.name).join(', ')})` : c.name)).sort();
    io.out(
      `kubeplay terminal: a small POSIX shell around kubectl v1.32.\n\n` +
        `Shell: variables, export, $(...), quotes, ; && ||, pipes, > >> 2>&1, here-documents (cat > file <<EOF), for loops, $?.\n` +
        `Commands: ${shell.join(' ')}\n\n` +
        `kubectl (alias k), with --help for each:\n${kubectl.map((k) => `  ${k}\n`).join('')}\n` +
        `Files written here appear in the editor; kubectl -f reads them, and https://k8s.io/examples/... works offline.\n` +
        `kubectl edit opens the object in the editor; in a session, give the edited object as a here-document (<<EOF).\n` +
        `sim advance 30s, sim settle, sim node stop NAME, ... drive the simulated cluster.\n`,
    );
    return 0;
  });
};
