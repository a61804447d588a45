// Shared by the text filters: read FILE arguments or standard input, split into lines.
import type { BuiltinContext } from './builtin.ts';

export function readInput(cx: BuiltinContext, files: string[], tool: string): string | undefined {
  if (files.length === 0) return cx.io.stdin;
  let all = '';
  for (const f of files) {
    const t = f === '-' ? cx.io.stdin : cx.host.workspace.read(f);
    if (t === undefined) {
      cx.io.err(`${tool}: ${f}: No such file or directory\n`);
      return undefined;
    }
    all += t;
  }
  return all;
}

export function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}
