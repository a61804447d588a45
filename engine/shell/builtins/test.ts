// test EXPRESSION and [ EXPRESSION ]: bash's conditionals in the terminal (`if [ "$(kubectl get
// pod web -o jsonpath='{.status.phase}')" = Running ]; then ...`), files being workspace files.
// Malformed tests answer as bash does, with status 2.
import { evaluateTest, TestError, type TestFiles } from '../test-expression.ts';
import type { Builtin } from './builtin.ts';
import type { Workspace } from '../../workspace.ts';

/** The terminal's files for test(1) and [[ ]]: the workspace, one folder. */
export function workspaceTestFiles(ws: Workspace): TestFiles {
  return {
    isFile: (p) => ws.read(p) !== undefined,
    // The workspace is one folder: only it (and the root) are directories.
    isDir: (p) => p === '.' || p === '..' || p === '/' || p === './',
    hasContent: (p) => (ws.read(p) ?? '') !== '',
  };
}

export const test: Builtin = (cx) => {
  let args = cx.args;
  if (cx.name === '[') {
    if (args[args.length - 1] !== ']') {
      cx.io.err("bash: [: missing `]'\n");
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evaluateTest(args, workspaceTestFiles(cx.host.workspace), true) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    cx.io.err(`bash: ${cx.name}: ${e.message}\n`);
    return 2;
  }
};
