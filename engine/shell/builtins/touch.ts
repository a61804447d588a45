// `touch` inside a container: creates empty files in the container's filesystem.
import type { Builtin } from './builtin.ts';
import { containerFsOf, options } from './container-fs-util.ts';

export const touch: Builtin = (cx) => {
  const fsx = containerFsOf(cx);
  const { operands } = options(cx.args);
  if (!fsx) return 0;
  const { ws, busybox } = fsx;
  if (!operands.length) {
    cx.io.err(busybox ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: touch [-c] [-d DATE] [-t DATE] [-r FILE] FILE...\n' : "touch: missing file operand\nTry 'touch --help' for more information.\n");
    return 1;
  }
  let code = 0;
  const files = ws.fs.files();
  const dirs = ws.fs.dirs(files);
  for (const f of operands) {
    const p = ws.abs(f);
    if (files.has(p) || dirs.has(p)) continue;
    const parent = p.slice(0, p.lastIndexOf('/')) || '/';
    const err = dirs.has(parent) ? ws.fs.write(p, '') : 'No such file or directory';
    if (err) {
      cx.io.err(busybox ? `touch: ${f}: ${err}\n` : `touch: cannot touch '${f}': ${err}\n`);
      code = 1;
    }
  }
  return code;
};
