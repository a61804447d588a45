// A container's main process on the virtual clock: a synchronous POSIX-shell interpreter over
// the terminal shell's syntax tree (engine/shell/parse.ts), written as generators that yield on
// `sleep`. The kubelet runs it *ahead* of the clock into a timeline (output chunks and file
// writes stamped with their virtual time, and the exit), so `kubectl logs`, exec probes and the
// exit timer all read the same deterministic history without a timer per `sleep 1`.
import { printf, unescape } from '../shell/printf-format.ts';
import type { AndOr, Command, Part, Pipeline, Redirect, Script, SimpleCommand, Word } from '../shell/ast.ts';
import { arithmeticExpansion } from '../shell/arithmetic.ts';
import { evaluateTest, type TestFiles } from '../shell/test-expression.ts';
import { CondError, evaluateCond, type CondValue } from '../shell/cond-expression.ts';
import { parseScript } from '../shell/parse.ts';
import { piDigits } from './pi.ts';

export interface ProcessInput {
  argv: string[];
  env: Record<string, string>;
  /** The container's files when it starts (path -> content). */
  files: Record<string, string>;
  startedAt: number;
  hostname: string;
  /** The container keeps stdin open (`stdin: true` without stdinOnce): a bare shell waits on it. */
  stdin?: boolean;
}

export interface TimelineEvent {
  t: number;
  /** Text written to stdout/stderr (the container log). */
  out?: string;
  /** A file written (content) or removed (null). */
  path?: string;
  content?: string | null;
}

type Y = { sleep: number };
type Gen<T> = Generator<Y, T, void>;

interface IO {
  stdin: string;
  out(s: string): void;
  err(s: string): void;
}

class Exit {
  constructor(readonly code: number) {}
}
class Break {
  constructor(readonly levels: number) {}
}

const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash']);
/** Steps (command runs) a look-ahead may take before the process counts as endless. */
export const STEP_CAP = 4000;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** date(1)'s default format: `Wed Jan  1 00:01:01 UTC 2025` (day of month space-padded). */
export function dateString(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function dateFormat(ms: number, fmt: string): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return fmt.replace(/%([a-zA-Z%])/g, (m, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'm': return p(d.getUTCMonth() + 1);
      case 'd': return p(d.getUTCDate());
      case 'H': return p(d.getUTCHours());
      case 'M': return p(d.getUTCMinutes());
      case 'S': return p(d.getUTCSeconds());
      case 's': return String(Math.floor(ms / 1000));
      case 'T': return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
      case 'F': return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
      case 'Z': return 'UTC';
      case 'a': return DAYS[d.getUTCDay()]!;
      case 'b': return MONTHS[d.getUTCMonth()]!;
      case '%': return '%';
    }
    return m;
  });
}

/** A running interpreter: its own variables, files and clock cursor. */
export class VirtualProcess {
  readonly events: TimelineEvent[] = [];
  exit?: { t: number; code: number };
  /** How far the process has run (virtual ms). */
  t: number;
  steps = 0;
  private readonly vars: Record<string, string>;
  readonly files: Map<string, string>;
  private readonly dirs = new Set<string>(['/', '/tmp', '/etc', '/var', '/root', '/usr', '/bin', '/proc', '/dev']);
  private readonly gen: Gen<number>;
  /** Memory the process allocates (stress --vm-bytes, `memory` knobs). */
  memoryBytes = 0;

  constructor(readonly input: ProcessInput, private readonly record = true) {
    this.t = input.startedAt;
    this.vars = { ...input.env };
    this.files = new Map(Object.entries(input.files));
    for (const p of this.files.keys()) this.addDirs(p);
    this.gen = this.main();
  }

  /** Runs the process until its clock passes `until`, it exits, or `maxSteps` more commands ran. */
  advance(until: number, maxSteps = Infinity): void {
    const stop = this.steps + maxSteps;
    while (!this.exit && this.t <= until && this.steps < stop) {
      const r = this.gen.next();
      if (r.done) {
        this.exit = { t: this.t, code: r.value };
        break;
      }
      this.t += r.value.sleep;
    }
  }

  /** Runs argv to completion as a one-off command (exec probes, kubectl exec): exit code and output. */
  static run(argv: string[], env: Record<string, string>, files: Map<string, string>, now: number, hostname: string): { code: number; output: string } {
    const p = new VirtualProcess({ argv, env, files: Object.fromEntries(files), startedAt: now, hostname }, false);
    p.advance(Infinity, 500);
    const output = p.events.map((e) => e.out ?? '').join('');
    return { code: p.exit?.code ?? 0, output };
  }

  private emit(out: string): void {
    if (!out) return;
    const last = this.events[this.events.length - 1];
    if (last && last.t === this.t && last.out !== undefined) last.out += out;
    else this.events.push({ t: this.t, out });
  }

  private addDirs(path: string): void {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) this.dirs.add(`/${parts.slice(0, i).join('/')}`);
  }

  private abs(p: string): string {
    if (p.startsWith('/')) return p.replace(/\/+$/, '') || '/';
    const cwd = this.vars['PWD'] ?? '/';
    return `${cwd === '/' ? '' : cwd}/${p}`.replace(/\/\.\//g, '/').replace(/\/+$/, '') || '/';
  }

  private writeFile(path: string, content: string | null): void {
    const p = this.abs(path);
    if (p === '/dev/null' || p === '/dev/stdout' || p === '/dev/stderr') return;
    if (content === null) this.files.delete(p);
    else {
      this.files.set(p, content);
      this.addDirs(p);
    }
    if (this.record) this.events.push({ t: this.t, path: p, content });
  }

  private *main(): Gen<number> {
    const { argv } = this.input;
    try {
      if (SHELLS.has(argv[0] ?? '') && argv[1] === '-c') return yield* this.script(parseScript(argv.slice(2).join(' ')), this.stdio());
      if (SHELLS.has(argv[0] ?? '') && argv.length === 1) {
        // With stdin open the shell waits for input that only an attach brings; without, EOF.
        if (this.input.stdin) for (;;) yield { sleep: 86_400_000 };
        return 0;
      }
      return yield* this.invoke(argv, this.stdio());
    } catch (e) {
      if (e instanceof Exit) return e.code;
      if (e instanceof Error && e.constructor.name === 'ShellSyntaxError') {
        this.emit(`sh: syntax error: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  }

  private stdio(): IO {
    return { stdin: '', out: (s) => this.emit(s), err: (s) => this.emit(s) };
  }

  *script(s: Script, io: IO): Gen<number> {
    let code = 0;
    for (const a of s) code = yield* this.andOr(a, io);
    return code;
  }

  private *andOr(a: AndOr, io: IO): Gen<number> {
    let code = yield* this.pipeline(a.first, io);
    for (const r of a.rest) {
      if ((r.op === '&&') === (code === 0)) code = yield* this.pipeline(r.pipeline, io);
    }
    this.vars['?'] = String(code);
    return code;
  }

  private *pipeline(p: Pipeline, io: IO): Gen<number> {
    let stdin = io.stdin;
    let code = 0;
    p.commands.forEach(() => undefined);
    for (let i = 0; i < p.commands.length; i++) {
      const last = i === p.commands.length - 1;
      let buf = '';
      const sub: IO = last ? { ...io, stdin } : { stdin, out: (s) => (buf += s), err: io.err };
      code = yield* this.command(p.commands[i]!, sub);
      stdin = buf;
    }
    return p.negate ? (code === 0 ? 1 : 0) : code;
  }

  private *command(c: Command, io: IO): Gen<number> {
    this.steps++;
    const rio = yield* this.redirect(c.redirects, io);
    switch (c.t) {
      case 'simple':
        return yield* this.simple(c, rio);
      case 'group':
        return yield* this.script(c.body, rio);
      case 'cond': {
        const values: CondValue[] = [];
        for (const x of c.items) {
          if ('op' in x) values.push(x);
          else values.push({ text: yield* this.wordString(x.word), pattern: !x.word.some((p) => p.quoted) });
        }
        try {
          return evaluateCond(values, this.testFiles()) ? 0 : 1;
        } catch (e) {
          if (!(e instanceof CondError)) throw e;
          rio.err(`sh: ${e.message}\n`);
          return 2;
        }
      }
      case 'if': {
        for (const b of c.branches) if ((yield* this.script(b.cond, rio)) === 0) return yield* this.script(b.body, rio);
        return c.otherwise ? yield* this.script(c.otherwise, rio) : 0;
      }
      case 'while': {
        let code = 0;
        for (;;) {
          const ok = (yield* this.script(c.cond, rio)) === 0;
          if (ok === c.until) break;
          try {
            code = yield* this.script(c.body, rio);
          } catch (e) {
            if (e instanceof Break) {
              if (e.levels > 1) throw new Break(e.levels - 1);
              break;
            }
            throw e;
          }
          // A loop that neither sleeps nor ends would hang the tab: yield a tick of CPU time.
          this.steps++;
          if (this.steps % 1000 === 0) yield { sleep: 1 };
        }
        return code;
      }
      case 'for': {
        const items = c.items ? yield* this.words(c.items) : [];
        let code = 0;
        for (const it of items) {
          this.vars[c.name] = it;
          try {
            code = yield* this.script(c.body, rio);
          } catch (e) {
            if (e instanceof Break) {
              if (e.levels > 1) throw new Break(e.levels - 1);
              break;
            }
            throw e;
          }
        }
        return code;
      }
    }
  }

  private *redirect(rs: Redirect[], io: IO): Gen<IO> {
    let out = io;
    for (const r of rs) {
      if (r.op === '<<') {
        out = { ...out, stdin: r.expand ? yield* this.expandString(r.body ?? '') : (r.body ?? '') };
        continue;
      }
      const target = r.target ? (yield* this.words([r.target]))[0] ?? '' : '';
      if (r.op === '>&') {
        if (r.fd === 2 && target === '1') out = { ...out, err: out.out };
        else if (r.fd === 1 && target === '2') out = { ...out, out: out.err };
        continue;
      }
      if (r.op === '<') {
        out = { ...out, stdin: this.files.get(this.abs(target)) ?? '' };
        continue;
      }
      if (r.op === '>' && target !== '/dev/null') this.writeFile(target, '');
      const write = (s: string) => {
        if (target === '/dev/null') return;
        if (target === '/dev/stdout' || target === '/proc/1/fd/1') return io.out(s);
        this.writeFile(target, (this.files.get(this.abs(target)) ?? '') + s);
      };
      out = r.fd === 2 ? { ...out, err: write } : { ...out, out: write };
    }
    return out;
  }

  private *simple(c: SimpleCommand, io: IO): Gen<number> {
    const words = yield* this.words(c.words);
    if (words.length === 0) {
      for (const a of c.assigns) this.vars[a.name] = yield* this.wordString(a.value);
      return 0;
    }
    const saved: [string, string | undefined][] = [];
    for (const a of c.assigns) {
      saved.push([a.name, this.vars[a.name]]);
      this.vars[a.name] = yield* this.wordString(a.value);
    }
    try {
      return yield* this.invoke(words, io);
    } finally {
      for (const [k, v] of saved) if (v === undefined) delete this.vars[k];
      else this.vars[k] = v;
    }
  }

  // Expansion ---------------------------------------------------------------------------------

  private *words(ws: Word[]): Gen<string[]> {
    const out: string[] = [];
    for (const w of ws) {
      let fields: string[] = [''];
      let any = false;
      for (const p of w) {
        const v = yield* this.part(p);
        if (p.quoted || p.t === 'lit') {
          fields[fields.length - 1] += v;
          any = true;
        } else {
          const split = v.split(/[ \t\n]+/);
          if (v.trim() === '') continue;
          if (split[0] === '') split.shift();
          if (split[split.length - 1] === '') split.pop();
          fields[fields.length - 1] += split[0] ?? '';
          fields = fields.concat(split.slice(1));
          any = true;
        }
      }
      if (any) out.push(...fields);
    }
    return out;
  }

  private *wordString(w: Word): Gen<string> {
    let s = '';
    for (const p of w) s += yield* this.part(p);
    return s;
  }

  private *expandString(text: string): Gen<string> {
    let out = '';
    const re = /\$\{?([A-Za-z_][A-Za-z0-9_]*|\?)\}?/g;
    let i = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      out += text.slice(i, m.index) + (this.vars[m[1]!] ?? '');
      i = m.index + m[0].length;
    }
    yield* [];
    return out + text.slice(i);
  }

  private *part(p: Part): Gen<string> {
    if (p.t === 'lit') return p.s;
    if (p.t === 'var') {
      const v = p.name === '$' ? '1' : p.name === 'RANDOM' ? String(this.steps * 7919 % 32768) : this.vars[p.name];
      const arg = p.arg ? yield* this.wordString(p.arg) : '';
      switch (p.op) {
        case ':-': return v ? v : arg;
        case '-': return v ?? arg;
        case ':=': case '=':
          if (p.op === '=' ? v === undefined : !v) this.vars[p.name] = arg;
          return this.vars[p.name] ?? '';
        case ':+': return v ? arg : '';
        case '+': return v !== undefined ? arg : '';
        case '#': return String((v ?? '').length);
        case '%': case '%%': return (v ?? '').endsWith(arg) ? (v ?? '').slice(0, (v ?? '').length - arg.length) : (v ?? '');
        case 'prefix#': case 'prefix##': return (v ?? '').startsWith(arg) ? (v ?? '').slice(arg.length) : (v ?? '');
      }
      return v ?? '';
    }
    // $((expr)) arrives as a command substitution of "(expr)".
    const arith = /^\((.*)\)$/s.exec(p.script);
    if (arith) return String(this.arith(arith[1]!));
    let buf = '';
    const code = yield* this.script(parseScript(p.script), { stdin: '', out: (s) => (buf += s), err: (s) => this.emit(s) });
    this.vars['?'] = String(code);
    return buf.replace(/\n+$/, '');
  }

  private arith(expr: string): number {
    return arithmeticExpansion(expr, (k) => this.vars[k]);
  }

  // Commands ----------------------------------------------------------------------------------

  private *invoke(argv: string[], io: IO): Gen<number> {
    const [cmd0, ...args] = argv as [string, ...string[]];
    const cmd = cmd0.split('/').pop()!;
    switch (cmd) {
      case 'sleep': {
        const a = args[0] ?? '';
        if (a === 'infinity') {
          for (;;) yield { sleep: 86_400_000 };
        }
        const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(a);
        if (!m) {
          io.err(`sleep: invalid number '${a}'\n`);
          return 1;
        }
        const ms = Number(m[1]) * ({ '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as Record<string, number>)[m[2]!]!;
        yield { sleep: Math.round(ms) };
        return 0;
      }
      case 'exit':
        throw new Exit((Number(args[0] ?? this.vars['?'] ?? 0) || 0) & 255);
      case 'break':
        throw new Break(Number(args[0] ?? 1) || 1);
      case 'true': case ':': return 0;
      case 'false': return 1;
      case 'echo': {
        let a = args;
        let nl = true;
        let esc = false;
        while (a[0] && /^-[neE]+$/.test(a[0])) {
          if (a[0].includes('n')) nl = false;
          if (a[0].includes('e')) esc = true;
          a = a.slice(1);
        }
        let s = a.join(' ');
        if (esc) s = unescape(s);
        io.out(s + (nl ? '\n' : ''));
        return 0;
      }
      case 'printf': {
        io.out(printf(args[0] ?? '', args.slice(1)));
        return 0;
      }
      case 'date': {
        const f = args.find((x) => x.startsWith('+'));
        io.out(`${f ? dateFormat(this.t, f.slice(1)) : dateString(this.t)}\n`);
        return 0;
      }
      case 'hostname':
        io.out(`${this.input.hostname}\n`);
        return 0;
      case 'env': case 'printenv': {
        if (cmd === 'printenv' && args.length) {
          const v = this.vars[args[0]!];
          if (v === undefined) return 1;
          io.out(`${v}\n`);
          return 0;
        }
        io.out(Object.entries(this.input.env).map(([k, v]) => `${k}=${this.vars[k] ?? v}\n`).join(''));
        return 0;
      }
      case 'export':
        for (const a of args) {
          const i = a.indexOf('=');
          if (i > 0) this.vars[a.slice(0, i)] = a.slice(i + 1);
        }
        return 0;
      case 'cd':
        this.vars['PWD'] = this.abs(args[0] ?? '/');
        return 0;
      case 'pwd':
        io.out(`${this.vars['PWD'] ?? '/'}\n`);
        return 0;
      case 'cat': {
        if (args.length === 0) {
          io.out(io.stdin);
          return 0;
        }
        let code = 0;
        for (const f of args) {
          const v = this.files.get(this.abs(f));
          if (v === undefined) {
            io.err(`cat: can't open '${f}': No such file or directory\n`);
            code = 1;
          } else io.out(v);
        }
        return code;
      }
      case 'touch':
        for (const f of args.filter((x) => !x.startsWith('-'))) if (!this.files.has(this.abs(f))) this.writeFile(f, '');
        return 0;
      case 'rm': {
        const force = args.some((x) => /^-\w*f/.test(x));
        let code = 0;
        for (const f of args.filter((x) => !x.startsWith('-'))) {
          const p = this.abs(f);
          const under = [...this.files.keys()].filter((k) => k.startsWith(`${p}/`));
          if (this.files.has(p)) this.writeFile(p, null);
          else if (under.length && args.some((x) => /^-\w*r/i.test(x))) under.forEach((k) => this.writeFile(k, null));
          else if (!force) {
            io.err(`rm: can't remove '${f}': No such file or directory\n`);
            code = 1;
          }
        }
        return code;
      }
      case 'mkdir':
        for (const f of args.filter((x) => !x.startsWith('-'))) this.dirs.add(this.abs(f)), this.addDirs(`${this.abs(f)}/x`);
        return 0;
      case 'ls': {
        const targets = args.filter((x) => !x.startsWith('-'));
        let code = 0;
        for (const t of targets.length ? targets : [this.vars['PWD'] ?? '/']) {
          const p = this.abs(t);
          if (this.files.has(p)) {
            io.out(`${t}\n`);
            continue;
          }
          const names = new Set<string>();
          const prefix = p === '/' ? '/' : `${p}/`;
          for (const k of [...this.files.keys(), ...this.dirs]) if (k.startsWith(prefix) && k !== p) names.add(k.slice(prefix.length).split('/')[0]!);
          if (names.size === 0 && !this.dirs.has(p)) {
            io.err(`ls: ${t}: No such file or directory\n`);
            code = 1;
            continue;
          }
          const list = [...names].filter((n) => n && !n.startsWith('.')).sort();
          if (list.length) io.out(`${list.join('\n')}\n`);
        }
        return code;
      }
      case 'test': case '[': {
        const a = cmd === '[' ? args.slice(0, args[args.length - 1] === ']' ? -1 : undefined) : args;
        return this.test(a) ? 0 : 1;
      }
      case 'expr': {
        const v = this.expr(args);
        io.out(`${v}\n`);
        return v === '0' || v === '' ? 1 : 0;
      }
      case 'wc': {
        const text = io.stdin;
        const lines = (text.match(/\n/g) ?? []).length;
        io.out(args.includes('-l') ? `${lines}\n` : `${String(lines).padStart(7)} ${String(text.split(/\s+/).filter(Boolean).length).padStart(7)} ${String(text.length).padStart(7)}\n`);
        return 0;
      }
      case 'head': case 'tail': {
        const n = Number(args.find((x) => /^-?\d+$/.test(x))?.replace('-', '') ?? (args.includes('-n') ? args[args.indexOf('-n') + 1] : 10)) || 10;
        if (cmd === 'tail' && args.includes('-f')) {
          for (;;) yield { sleep: 86_400_000 };
        }
        const file = args.find((x) => !x.startsWith('-') && !/^\d+$/.test(x));
        const text = file ? (this.files.get(this.abs(file)) ?? '') : io.stdin;
        const lines = text.split('\n');
        if (lines[lines.length - 1] === '') lines.pop();
        const pick = cmd === 'head' ? lines.slice(0, n) : lines.slice(-n);
        if (pick.length) io.out(`${pick.join('\n')}\n`);
        return 0;
      }
      case 'grep': {
        const pat = args.find((x) => !x.startsWith('-')) ?? '';
        const lines = io.stdin.split('\n').filter((l) => l !== '' && l.includes(pat) !== args.includes('-v'));
        if (!args.includes('-q') && lines.length) io.out(`${lines.join('\n')}\n`);
        return lines.length ? 0 : 1;
      }
      case 'seq': {
        const [a, b] = args.length === 1 ? [1, Number(args[0])] : [Number(args[0]), Number(args[1])];
        const out: string[] = [];
        for (let i = a; i <= b && out.length < 100_000; i++) out.push(String(i));
        if (out.length) io.out(`${out.join('\n')}\n`);
        return 0;
      }
      case 'perl': {
        // The docs' Job example: perl -Mbignum=bpi -wle 'print bpi(2000)'.
        const m = /bpi\((\d+)\)/.exec(args.join(' '));
        if (m) {
          yield { sleep: 2000 + Number(m[1]) * 2 };
          io.out(`${piDigits(Number(m[1]))}\n`);
          return 0;
        }
        const p = /print\s+"?([^";]*)"?/.exec(args.join(' '));
        if (p) io.out(`${p[1]}\n`);
        return 0;
      }
      case 'stress': {
        // polinux/stress: --vm N --vm-bytes 150M [--vm-hang 1]: allocates and keeps the memory.
        const bytes = parseSize(args[args.indexOf('--vm-bytes') + 1] ?? '256M');
        const vm = Number(args[args.indexOf('--vm') + 1] ?? 1) || 1;
        io.out(`stress: info: [1] dispatching hogs: 0 cpu, 0 io, ${vm} vm, 0 hdd\n`);
        this.memoryBytes = bytes * vm;
        for (;;) yield { sleep: 86_400_000 };
      }
      case 'nslookup': case 'wget': case 'curl':
        // Network tools in a container's own command: a short wait; answers come from `kubectl exec`.
        yield { sleep: 100 };
        return 0;
    }
    io.err(`sh: ${cmd0}: not found\n`);
    return 127;
  }

  private testFiles(): TestFiles {
    return {
      isFile: (x) => this.files.has(this.abs(x)),
      isDir: (x) => this.dirs.has(this.abs(x)),
      hasContent: (x) => this.files.has(this.abs(x)) && this.files.get(this.abs(x)) !== '',
    };
  }

  private test(a: string[]): boolean {
    return evaluateTest(a, this.testFiles());
  }

  private expr(a: string[]): string {
    if (a.length === 1) return a[0]!;
    const [x, op, y] = a as [string, string, string];
    const n = (s: string) => Number(s) || 0;
    switch (op) {
      case '+': return String(n(x) + n(y));
      case '-': return String(n(x) - n(y));
      case '*': return String(n(x) * n(y));
      case '/': return String(Math.trunc(n(x) / (n(y) || 1)));
      case '%': return String(n(x) % (n(y) || 1));
      case '<': return String(+(n(x) < n(y)));
      case '>': return String(+(n(x) > n(y)));
      case '=': return String(+(x === y));
    }
    return '0';
  }
}



export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmMgG]?)[bB]?$/.exec(s);
  if (!m) return 0;
  return Number(m[1]) * ({ '': 1, k: 1024, K: 1024, m: 1024 ** 2, M: 1024 ** 2, g: 1024 ** 3, G: 1024 ** 3 } as Record<string, number>)[m[2]!]!;
}
