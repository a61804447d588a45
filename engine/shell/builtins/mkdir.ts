// `mkdir [-p]` inside a container.
import type { Builtin } from './builtin.ts';
import { containerFsOf, options } from './container-fs-util.ts';

export const mkdir: Builtin = (cx) => {
  const fsx = containerFsOf(cx);
  const { flags, operands } = options(cx.args);
  if (!fsx) return 0;
  const { ws, busybox } = fsx;
  if (!operands.length) {
    cx.io.err(busybox ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: mkdir [-m MODE] [-p] DIRECTORY...\n' : "mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
    return 1;
  }
  let code = 0;
  const fail = (d: string, why: string) => {
    cx.io.err(busybox ? `mkdir: can't create directory '${d}': ${why}\n` : `mkdir: cannot create directory ‘${d}’: ${why}\n`);
    code = 1;
  };
  for (const d of operands) {
    const p = ws.abs(d);
    const files = ws.fs.files();
    const dirs = ws.fs.dirs(files);
    if (files.has(p) || dirs.has(p)) {
      if (!flags.has('p') || files.has(p)) fail(d, 'File exists');
      continue;
    }
    const parent = p.slice(0, p.lastIndexOf('/')) || '/';
    if (!dirs.has(parent) && !flags.has('p')) {
      fail(d, 'No such file or directory');
      continue;
    }
    const err = ws.fs.mkdir(p);
    if (err) fail(d, err);
  }
  return code;
};
