// The terminal's shell: a small POSIX shell around kubectl (DESIGN.md principle 7). It runs
// one terminal entry — a command line, possibly with here-document bodies after it — through
// parse -> expand -> redirect -> builtin, keeping variables, $? and the kubeconfig in the
// terminal's ShellState. Every command is a builtin (engine/shell/builtins/*.ts).
import type { Engine } from '../engine.ts';
import type { Workspace } from '../workspace.ts';
import type { AndOr, Command, CondCommand, Pipeline, Redirect, Script, SimpleCommand } from './ast.ts';
import type { Builtin, BuiltinHost } from './builtins/builtin.ts';
import { BUILTINS } from './builtins/index.ts';
import { workspaceTestFiles } from './builtins/test.ts';
import { CondError, evaluateCond, type CondValue } from './cond-expression.ts';
import type { CommandIO } from './command-io.ts';
import { expandHeredoc, expandToString, expandWords, type ExpandContext } from './expand.ts';
import { parseScript, ShellSyntaxError } from './parse.ts';
import { addJob, andOrText } from './jobs.ts';
import { newShellState, type ShellState } from './state.ts';
import { foregroundOf } from '../network/foreground.ts';

export { newShellState, type ShellState };

export interface ShellHost {
  engine: Engine;
  workspace: Workspace;
  state: ShellState;
  /** Replaces the cluster (sim reset [--seed N]); provided by the runtime. Returns the new engine. */
  reset(seed?: number): Engine;
  /** A shell inside a container: the commands its image has, and its "not found" message. */
  commands?: Readonly<Record<string, Builtin>>;
  notFound?(name: string): string;
}

/** Stops a running script (`exit`, or a loop's `break`). */
class ExitSignal {
  constructor(readonly code: number) {}
}

const MAX_LOOP_ITERATIONS = 10_000;

/** Runs one terminal entry. Returns the exit code (also kept as `$?`). */
export async function runLine(text: string, io: CommandIO, host: ShellHost): Promise<number> {
  // An interactive program (kubectl exec -it) holding the terminal reads the line instead.
  const fg = foregroundOf(host.state);
  const code = fg ? await fg.input(text, io) : await runScriptText(text, io, host);
  host.state.lastExitCode = code;
  return code;
}

async function runScriptText(text: string, io: CommandIO, host: ShellHost): Promise<number> {
  let script: Script;
  try {
    script = parseScript(text);
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    io.err(`bash: ${e.message}\n`);
    return 2;
  }
  try {
    return await new Interpreter(host).script(script, io);
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    throw e;
  }
}

class Interpreter {
  constructor(private readonly host: ShellHost) {}

  private get state(): ShellState {
    return this.host.state;
  }

  private expandContext(io: CommandIO): ExpandContext {
    return {
      lookup: (name) => this.lookup(name),
      assign: (name, value) => {
        this.state.vars[name] = value;
      },
      substitute: async (script) => {
        let out = '';
        const sub: CommandIO = { stdin: '', out: (t) => (out += t), err: (t) => io.err(t), cancelled: () => io.cancelled(), sleep: (ms) => io.sleep(ms) };
        const code = await runScriptText(script, sub, this.host);
        this.state.lastExitCode = code;
        return out;
      },
    };
  }

  private lookup(name: string): string | undefined {
    if (name === '?') return String(this.state.lastExitCode);
    if (name === '$') return '4242';
    if (name === '#') return '0';
    if (name === '0') return 'bash';
    if (/^\d$/.test(name) || name === '@' || name === '*' || name === '!' || name === '-') return '';
    return this.state.vars[name];
  }

  async script(s: Script, io: CommandIO): Promise<number> {
    let code = 0;
    for (const item of s) {
      if (io.cancelled()) return 130;
      if (item.background) {
        code = await this.background(item, io);
        continue;
      }
      code = await this.andOr(item, io);
      this.state.lastExitCode = code;
    }
    return code;
  }

  /**
   * `cmd &`: starts a job that keeps running while the terminal takes the next line. Its
   * output still reaches the terminal; its waits never advance the clock (only the foreground
   * lets time pass), so a background `kubectl port-forward` simply stays up.
   */
  private async background(a: AndOr, io: CommandIO): Promise<number> {
    const job = addJob(this.state, andOrText(a));
    io.err(`[${job.id}] ${job.pid}\n`);
    // The job runs until it first waits (a port-forward has printed and is listening) or ends;
    // `kill %N` cancels it and wakes its wait so it can clean up.
    let idle!: () => void;
    const waiting = new Promise<void>((r) => (idle = r));
    let wake: (() => void) | undefined;
    job.kill = () => {
      job.killed = true;
      wake?.();
    };
    const bio: CommandIO = {
      stdin: '', out: io.out, err: io.err,
      cancelled: () => job.killed,
      sleep: () => (idle(), job.killed ? Promise.resolve() : new Promise<void>((r) => (wake = r))),
    };
    const run = this.andOr(a, bio).catch(() => 1).then((code) => {
      if (job.state === 'Running') job.state = job.killed ? 'Terminated' : code === 0 ? 'Done' : `Exit ${code}`;
    });
    await Promise.race([run, waiting]);
    return 0;
  }

  private async andOr(a: AndOr, io: CommandIO): Promise<number> {
    let code = await this.pipeline(a.first, io);
    for (const r of a.rest) {
      this.state.lastExitCode = code;
      if ((r.op === '&&' && code === 0) || (r.op === '||' && code !== 0)) code = await this.pipeline(r.pipeline, io);
    }
    return code;
  }

  private async pipeline(p: Pipeline, io: CommandIO): Promise<number> {
    let stdin = io.stdin;
    let code = 0;
    for (let i = 0; i < p.commands.length; i++) {
      const last = i === p.commands.length - 1;
      let captured = '';
      const cio: CommandIO = last
        ? { ...io, stdin, out: io.out, err: io.err, cancelled: io.cancelled, sleep: io.sleep }
        : { stdin, out: (t) => (captured += t), err: (t) => io.err(t), cancelled: () => io.cancelled(), sleep: (ms) => io.sleep(ms) };
      code = await this.command(p.commands[i]!, cio);
      stdin = captured;
    }
    return p.negate ? (code === 0 ? 1 : 0) : code;
  }

  private async command(c: Command, io: CommandIO): Promise<number> {
    if (c.t === 'simple') return this.simple(c, io);
    return this.withRedirects(c.redirects, io, async (rio) => {
      if (c.t === 'group') return this.script(c.body, rio);
      if (c.t === 'cond') return this.cond(c, rio);
      if (c.t === 'if') {
        for (const b of c.branches) if ((await this.script(b.cond, rio)) === 0) return this.script(b.body, rio);
        return c.otherwise ? this.script(c.otherwise, rio) : 0;
      }
      if (c.t === 'for') {
        const items = c.items ? await expandWords(c.items, this.expandContext(rio)) : [];
        let code = 0;
        for (const item of items) {
          if (rio.cancelled()) return 130;
          this.state.vars[c.name] = item;
          code = await this.script(c.body, rio);
        }
        return code;
      }
      let code = 0;
      for (let n = 0; n < MAX_LOOP_ITERATIONS; n++) {
        if (rio.cancelled()) return 130;
        const ok = (await this.script(c.cond, rio)) === 0;
        if (ok === c.until) break;
        code = await this.script(c.body, rio);
      }
      return code;
    });
  }

  private async cond(c: CondCommand, io: CommandIO): Promise<number> {
    const xcx = this.expandContext(io);
    const values: CondValue[] = [];
    for (const x of c.items) {
      if ('op' in x) values.push(x);
      else values.push({ text: await expandToString(x.word, xcx), pattern: !x.word.some((p) => p.quoted) });
    }
    try {
      return evaluateCond(values, workspaceTestFiles(this.host.workspace)) ? 0 : 1;
    } catch (e) {
      if (!(e instanceof CondError)) throw e;
      io.err(`bash: ${e.message}\n`);
      return 2;
    }
  }

  private async simple(c: SimpleCommand, io: CommandIO): Promise<number> {
    const xcx = this.expandContext(io);
    const argv = await expandWords(c.words, xcx);
    const assigns: [string, string][] = [];
    for (const a of c.assigns) assigns.push([a.name, await expandToString(a.value, xcx)]);
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.state.vars[k] = v;
      return this.withRedirects(c.redirects, io, async () => 0);
    }
    // `VAR=x cmd`: the assignment holds for this command only.
    const saved = assigns.map(([k]) => [k, this.state.vars[k]] as const);
    for (const [k, v] of assigns) this.state.vars[k] = v;
    try {
      return await this.withRedirects(c.redirects, io, (rio) => this.invoke(argv, rio));
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) delete this.state.vars[k];
        else this.state.vars[k] = v;
      }
    }
  }

  private async invoke(argv: string[], io: CommandIO): Promise<number> {
    const [name, ...args] = argv as [string, ...string[]];
    if (name === 'exit') throw new ExitSignal(args[0] !== undefined ? Number(args[0]) & 255 : this.state.lastExitCode);
    const b = (this.host.commands ?? BUILTINS)[name];
    if (!b) {
      io.err(this.host.notFound?.(name) ?? `bash: ${name}: command not found\n`);
      return 127;
    }
    const host: BuiltinHost = this.host;
    return await b({ args, io, host, name });
  }

  /** Applies redirections left to right, runs `body`, then writes files. */
  private async withRedirects(redirects: Redirect[], io: CommandIO, body: (io: CommandIO) => Promise<number>): Promise<number> {
    if (redirects.length === 0) return body(io);
    type Sink = { kind: 'out' } | { kind: 'err' } | { kind: 'null' } | { kind: 'file'; path: string; append: boolean; text: string };
    let outSink: Sink = { kind: 'out' };
    let errSink: Sink = { kind: 'err' };
    let stdin = io.stdin;
    const files: Extract<Sink, { kind: 'file' }>[] = [];
    const xcx = this.expandContext(io);
    for (const r of redirects) {
      if (r.op === '<<') {
        stdin = r.expand ? await expandHeredoc(r.body ?? '', xcx) : (r.body ?? '');
        continue;
      }
      const target = await expandToString(r.target ?? [], xcx);
      if (r.op === '<') {
        const text = this.host.workspace.read(target);
        if (text === undefined) {
          io.err(`bash: ${target}: No such file or directory\n`);
          return 1;
        }
        stdin = text;
        continue;
      }
      if (r.op === '>&') {
        const dup: Sink | undefined = target === '1' ? outSink : target === '2' ? errSink : undefined;
        if (!dup) {
          io.err(`bash: ${target}: ambiguous redirect\n`);
          return 1;
        }
        if (r.fd === 2) errSink = dup;
        else outSink = dup;
        continue;
      }
      let sink: Sink;
      if (target === '/dev/null') sink = { kind: 'null' };
      else if (target === '/dev/stderr') sink = { kind: 'err' };
      else if (target === '/dev/stdout') sink = { kind: 'out' };
      else {
        const f = { kind: 'file' as const, path: target, append: r.op === '>>', text: '' };
        files.push(f);
        sink = f;
      }
      if (r.fd === -1) outSink = errSink = sink;
      else if (r.fd === 2) errSink = sink;
      else outSink = sink;
    }
    const write = (s: Sink, t: string) => {
      if (s.kind === 'out') io.out(t);
      else if (s.kind === 'err') io.err(t);
      else if (s.kind === 'file') s.text += t;
    };
    const o = outSink;
    const e = errSink;
    const rio: CommandIO = { stdin, out: (t) => write(o, t), err: (t) => write(e, t), cancelled: () => io.cancelled(), sleep: (ms) => io.sleep(ms) };
    // kubectl edit still reaches the page's editor when its output is redirected.
    if (io.openEditor) rio.openEditor = io.openEditor;
    try {
      return await body(rio);
    } finally {
      for (const f of files) {
        const prev = f.append ? (this.host.workspace.read(f.path) ?? '') : '';
        this.host.workspace.write(f.path, prev + f.text);
      }
    }
  }
}
