// `rm [-rf]` inside a container (the terminal's own rm removes workspace files, misc.ts).
import type { Builtin } from './builtin.ts';
import { containerFsOf, options } from './container-fs-util.ts';
import { rm as workspaceRm } from './misc.ts';

export const rm: Builtin = (cx) => {
  const fsx = containerFsOf(cx);
  if (!fsx) return workspaceRm(cx);
  const { ws, busybox } = fsx;
  const { flags, operands } = options(cx.args);
  const force = flags.has('f');
  const recursive = flags.has('r') || flags.has('R');
  let code = 0;
  for (const f of operands) {
    const p = ws.abs(f);
    const files = ws.fs.files();
    const dirs = ws.fs.dirs(files);
    let err: string | undefined;
    if (files.has(p)) err = ws.fs.remove(p);
    else if (dirs.has(p)) {
      if (!recursive) {
        cx.io.err(busybox ? `rm: '${f}' is a directory\n` : `rm: cannot remove '${f}': Is a directory\n`);
        code = 1;
        continue;
      }
      err = ws.fs.remove(p);
    } else {
      if (!force) {
        cx.io.err(busybox ? `rm: can't remove '${f}': No such file or directory\n` : `rm: cannot remove '${f}': No such file or directory\n`);
        code = 1;
      }
      continue;
    }
    if (err) {
      cx.io.err(busybox ? `rm: can't remove '${f}': ${err}\n` : `rm: cannot remove '${f}': ${err}\n`);
      code = 1;
    }
  }
  return code;
};
