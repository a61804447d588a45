// `ls` inside a container: the container's files and directories (container-fs.ts), one name
// per line as when output is not a terminal; -a adds . and .., -l a long listing, -d lists a
// directory itself. Missing operands fail in busybox's or coreutils' words.
import type { Builtin } from './builtin.ts';
import { containerFsOf, options } from './container-fs-util.ts';
import { ls as workspaceLs } from './misc.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export const ls: Builtin = (cx) => {
  const fsx = containerFsOf(cx);
  if (!fsx) return workspaceLs(cx);
  const { ws, busybox } = fsx;
  const { io } = cx;
  const { flags, operands } = options(cx.args);
  const files = ws.fs.files();
  const dirs = ws.fs.dirs(files);
  const when = stamp(cx.host.engine.clock.now());
  const long = (name: string, path: string, isDir: boolean) => {
    const mode = isDir ? 'drwxr-xr-x' : '-rw-r--r--';
    const size = isDir ? 4096 : new TextEncoder().encode(files.get(path) ?? '').length;
    return busybox
      ? `${mode}    ${isDir ? 2 : 1} root     root     ${String(size).padStart(9)} ${when} ${name}\n`
      : `${mode} ${isDir ? 2 : 1} root root ${size} ${when} ${name}\n`;
  };
  const line = (name: string, path: string, isDir: boolean) => (flags.has('l') ? long(name, path, isDir) : `${name}\n`);
  const targets = operands.length ? operands : ['.'];
  let code = 0;
  const fileOut: string[] = [];
  const dirOut: [string, string][] = [];
  for (const t of targets) {
    const p = ws.abs(t);
    if (files.has(p) || (dirs.has(p) && flags.has('d'))) {
      fileOut.push(line(t, p, !files.has(p)));
      continue;
    }
    if (!dirs.has(p)) {
      io.err(busybox ? `ls: ${t}: No such file or directory\n` : `ls: cannot access '${t}': No such file or directory\n`);
      code = busybox ? 1 : 2;
      continue;
    }
    const prefix = p === '/' ? '/' : `${p}/`;
    const names = new Map<string, boolean>();
    for (const f of files.keys()) if (f.startsWith(prefix)) names.set(f.slice(prefix.length).split('/')[0]!, f.slice(prefix.length).includes('/'));
    for (const d of dirs) if (d.startsWith(prefix) && d !== p) names.set(d.slice(prefix.length).split('/')[0]!, true);
    let list = [...names.keys()].filter((n) => flags.has('a') || !n.startsWith('.')).sort();
    let text = '';
    if (flags.has('l') && !busybox) text += `total ${list.length * 4}\n`;
    if (flags.has('a')) text += line('.', p, true) + line('..', p, true);
    for (const n of list) text += line(n, `${prefix}${n}`, names.get(n)! || dirs.has(`${prefix}${n}`));
    list = [];
    dirOut.push([t, text]);
  }
  io.out(fileOut.join(''));
  const many = targets.length > 1;
  dirOut.forEach(([t, text], i) => io.out(`${many ? `${i || fileOut.length ? '\n' : ''}${t}:\n` : ''}${text}`));
  return code;
};
