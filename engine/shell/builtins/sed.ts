// sed [-n] [-E|-r] [-i] [-e SCRIPT]... [SCRIPT] [FILE]...: the GNU sed tutorials pipe kubectl
// output through (`kubectl get deploy web -o yaml | sed 's/replicas: 1/replicas: 3/' | kubectl
// apply -f -`). Commands s (flags g, p, I, N; & and \1-\9 in the replacement; any delimiter),
// p, d, q, =, with addresses (N, $, /re/, ranges A,B, and ! to negate); basic regular
// expressions by default, extended with -E. -i edits workspace files in place. Errors read as
// GNU sed's.
import type { Builtin, BuiltinContext } from './builtin.ts';

type Address = { line: number } | { last: true } | { re: RegExp };

interface Command {
  from?: Address;
  to?: Address;
  negate: boolean;
  name: 's' | 'y' | 'p' | 'd' | 'q' | '=';
  /** y: source character -> replacement. */
  map?: Map<string, string>;
  re?: RegExp;
  replacement?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  /** Range state: inside A,B. */
  active?: boolean;
}

class ScriptError extends Error {}

/** GNU sed 4.9's usage text, as it prints it for a missing script or a bad option (and --help). */
const USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

/** A basic (or, extended) POSIX regular expression as a JS RegExp source. */
function toJs(re: string, extended: boolean): string {
  if (extended) return re.replace(/\\</g, '\\b').replace(/\\>/g, '\\b');
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i]!;
      if ('(){}+?|'.includes(n)) out += n;
      else if (n === '<' || n === '>') out += '\\b';
      else out += `\\${n}`;
    } else if ('(){}+?|'.includes(c)) out += `\\${c}`;
    else if (c === '*' && (out === '' || out === '^')) out += '\\*';
    else out += c;
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string, private readonly expr: number, private readonly extended: boolean) {}

  private fail(message: string): never {
    throw new ScriptError(`sed: -e expression #${this.expr}, char ${this.i}: ${message}\n`);
  }

  private skipBlanks(): void {
    while (this.i < this.s.length && /[ \t]/.test(this.s[this.i]!)) this.i++;
  }

  /** Text up to an unescaped delimiter (the delimiter itself unescaped inside); i ends past it. */
  private delimited(delim: string, what: string): string {
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i++]!;
      if (c === delim) return out;
      if (c === '\\' && this.i < this.s.length) {
        const n = this.s[this.i++]!;
        out += n === delim ? n : n === 'n' ? '\n' : `\\${n}`;
      } else out += c;
    }
    this.fail(`unterminated ${what}`);
  }

  private regex(source: string, flags: string): RegExp {
    try {
      return new RegExp(toJs(source, this.extended), flags);
    } catch {
      this.fail('Invalid preceding regular expression');
    }
  }

  private address(): Address | undefined {
    const c = this.s[this.i];
    if (c === '$') {
      this.i++;
      return { last: true };
    }
    const num = /^\d+/.exec(this.s.slice(this.i));
    if (num) {
      this.i += num[0].length;
      return { line: Number(num[0]) };
    }
    if (c === '/' || c === '\\') {
      const delim = c === '/' ? '/' : this.s[++this.i]!;
      this.i++;
      const src = this.delimited(delim, 'address regex');
      let flags = '';
      if (this.s[this.i] === 'I') {
        flags = 'i';
        this.i++;
      }
      return { re: this.regex(src, flags) };
    }
    return undefined;
  }

  parse(): Command[] {
    const out: Command[] = [];
    for (;;) {
      while (this.i < this.s.length && /[\s;]/.test(this.s[this.i]!)) this.i++;
      if (this.i >= this.s.length) return out;
      const cmd: Command = { negate: false, name: 'p' };
      cmd.from = this.address();
      if (cmd.from && this.s[this.i] === ',') {
        this.i++;
        cmd.to = this.address() ?? this.fail('unexpected `,\'');
      }
      this.skipBlanks();
      if (this.s[this.i] === '!') {
        cmd.negate = true;
        this.i++;
        this.skipBlanks();
      }
      const name = this.s[this.i++];
      if (name === undefined) this.fail('missing command');
      if (name === 's') this.substitution(cmd);
      else if (name === 'y') this.transliteration(cmd);
      else if (name === 'p' || name === 'd' || name === 'q' || name === '=') cmd.name = name;
      else this.fail(`unknown command: \`${name}'`);
      this.skipBlanks();
      const end = this.s[this.i];
      if (end !== undefined && end !== ';' && end !== '\n' && end !== '}') this.fail(`extra characters after command`);
      out.push(cmd);
    }
  }

  private transliteration(cmd: Command): void {
    cmd.name = 'y';
    const delim = this.s[this.i++];
    if (delim === undefined || delim === '\n' || delim === '\\') this.fail("unterminated `y' command");
    const from = [...this.delimited(delim, "`y' command").replace(/\\(.)/g, '$1')];
    const to = [...this.delimited(delim, "`y' command").replace(/\\(.)/g, '$1')];
    if (from.length !== to.length) this.fail("strings for `y' command are different lengths");
    cmd.map = new Map(from.map((c, k) => [c, to[k]!]));
  }

  private substitution(cmd: Command): void {
    cmd.name = 's';
    const delim = this.s[this.i++];
    if (delim === undefined || delim === '\n' || delim === '\\') this.fail("unterminated `s' command");
    const pattern = this.delimited(delim, "`s' command");
    const replacement = this.delimited(delim, "`s' command");
    let flags = '';
    for (;;) {
      const f = this.s[this.i];
      if (f === 'g') cmd.global = true;
      else if (f === 'p') cmd.print = true;
      else if (f === 'I' || f === 'i') flags = 'i';
      else if (f !== undefined && /\d/.test(f)) {
        const num = /^\d+/.exec(this.s.slice(this.i))![0];
        cmd.nth = Number(num);
        this.i += num.length - 1;
      } else if (f === undefined || /[\s;}]/.test(f)) break;
      else {
        this.i++; // GNU counts the offending character
        this.fail("unknown option to `s'");
      }
      this.i++;
    }
    cmd.re = this.regex(pattern, `g${flags}`);
    cmd.replacement = replacement;
  }
}

/** The replacement for one match: & is the match, \1-\9 the groups, \& a literal &. */
function expandReplacement(replacement: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\' && i + 1 < replacement.length) {
      const n = replacement[++i]!;
      out += /\d/.test(n) ? (match[Number(n)] ?? '') : n === 'n' ? '\n' : n === 't' ? '\t' : n;
    } else if (c === '&') out += match[0];
    else out += c;
  }
  return out;
}

function substitute(cmd: Command, line: string): { text: string; done: boolean } {
  const re = cmd.re!;
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  let count = 0;
  let done = false;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    count++;
    const wanted = cmd.nth ? count === cmd.nth || (cmd.global && count > cmd.nth) : true;
    if (wanted) {
      out += line.slice(last, m.index) + expandReplacement(cmd.replacement!, m);
      last = m.index + m[0].length;
      done = true;
      if (!cmd.global) break;
    }
    if (m[0] === '') re.lastIndex++;
  }
  return { text: done ? out + line.slice(last) : line, done };
}

function matchesAddress(a: Address, n: number, line: string, isLast: boolean): boolean {
  if ('line' in a) return a.line === n;
  if ('last' in a) return isLast;
  a.re.lastIndex = 0;
  return a.re.test(line);
}

/** Whether the command applies to this line (ranges keep state across lines, as sed's do). */
function selects(cmd: Command, n: number, line: string, isLast: boolean): boolean {
  let hit: boolean;
  if (!cmd.from) hit = true;
  else if (!cmd.to) hit = matchesAddress(cmd.from, n, line, isLast);
  else if (cmd.active) {
    hit = true;
    const to = cmd.to;
    if ('line' in to ? n >= to.line : matchesAddress(to, n, line, isLast)) cmd.active = false;
  } else if (matchesAddress(cmd.from, n, line, isLast)) {
    hit = true;
    const to = cmd.to;
    // A line-number end at or before the start closes the range on its first line.
    cmd.active = 'line' in to ? to.line > n : !('last' in to && isLast);
  } else hit = false;
  return cmd.negate ? !hit : hit;
}

/** Runs the script over the text, lines ending with sep (newline, or NUL with -z); returns what sed prints. */
function run(commands: Command[], text: string, quiet: boolean, sep: string): string {
  for (const c of commands) c.active = false;
  const all = text === '' ? [] : text.split(sep);
  if (all.length && all[all.length - 1] === '') all.pop();
  const endsWithSep = text.endsWith(sep);
  let out = '';
  for (let k = 0; k < all.length; k++) {
    let line = all[k]!;
    const n = k + 1;
    const isLast = k === all.length - 1;
    const newline = isLast && !endsWithSep ? '' : sep;
    let deleted = false;
    let quit = false;
    for (const cmd of commands) {
      if (!selects(cmd, n, line, isLast)) continue;
      if (cmd.name === 's') {
        const r = substitute(cmd, line);
        line = r.text;
        if (r.done && cmd.print) out += line + sep;
      } else if (cmd.name === 'y') line = [...line].map((c) => cmd.map!.get(c) ?? c).join('');
      else if (cmd.name === 'p') out += line + sep;
      else if (cmd.name === '=') out += `${n}\n`;
      else if (cmd.name === 'd') {
        deleted = true;
        break;
      } else if (cmd.name === 'q') {
        quit = true;
        break;
      }
    }
    if (!deleted && !quiet) out += line + newline;
    if (quit) break;
  }
  return out;
}

export const sed: Builtin = (cx: BuiltinContext) => {
  let quiet = false;
  let extended = false;
  let inPlace = false;
  let sep = '\n';
  const scripts: string[] = [];
  const files: string[] = [];
  const args = cx.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-e' || a === '--expression') {
      if (i + 1 >= args.length) {
        cx.io.err(`sed: option requires an argument -- 'e'\n${USAGE}`);
        return 1;
      }
      scripts.push(args[++i]!);
    } else if (a.startsWith('--expression=')) scripts.push(a.slice('--expression='.length));
    else if (a === '-f' || a === '--file' || a.startsWith('--file=')) {
      const file = a.startsWith('--file=') ? a.slice('--file='.length) : args[++i];
      const text = file === undefined ? undefined : file === '-' ? cx.io.stdin : cx.host.workspace.read(file);
      if (file === undefined) {
        cx.io.err(`sed: option requires an argument -- 'f'\n${USAGE}`);
        return 1;
      }
      if (text === undefined) {
        cx.io.err(`sed: couldn't open file ${file}: No such file or directory\n`);
        return 1;
      }
      scripts.push(text.replace(/\n$/, ''));
    } else if (a === '--help') {
      cx.io.out(`${USAGE}E-mail bug reports to: <bug-sed@gnu.org>.\n`);
      return 0;
    } else if (a === '-z' || a === '--null-data') sep = '\0';
    else if (a === '-l' || a === '--line-length') i++;
    // Accepted, with nothing to change here: no symlinks, no buffering, one stream.
    else if (['-s', '--separate', '-u', '--unbuffered', '--posix', '--debug', '--sandbox', '--follow-symlinks'].includes(a) || a.startsWith('--line-length=')) continue;
    else if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
    else if (a === '-i' || a === '--in-place') inPlace = true;
    else if (/^-[nEriszu]+$/.test(a)) {
      quiet ||= a.includes('n');
      extended ||= a.includes('E') || a.includes('r');
      inPlace ||= a.includes('i');
      if (a.includes('z')) sep = '\0';
    } else if (a.startsWith('-') && a !== '-') {
      cx.io.err(`sed: invalid option -- '${a.replace(/^-+/, '')[0]}'\n${USAGE}`);
      return 1;
    } else files.push(a);
  }
  if (scripts.length === 0) {
    const first = files.shift();
    if (first === undefined) {
      cx.io.err(USAGE);
      return 1;
    }
    scripts.push(first);
  }
  let commands: Command[];
  try {
    commands = scripts.flatMap((s, k) => new Parser(s, k + 1, extended).parse());
  } catch (e) {
    if (!(e instanceof ScriptError)) throw e;
    cx.io.err(e.message);
    return 1;
  }
  if (inPlace) {
    if (files.length === 0) {
      cx.io.err('sed: no input files\n');
      return 1;
    }
    for (const f of files) {
      const text = cx.host.workspace.read(f);
      if (text === undefined) {
        cx.io.err(`sed: can't read ${f}: No such file or directory\n`);
        return 2;
      }
      cx.host.workspace.write(f, run(commands, text, quiet, sep));
    }
    return 0;
  }
  let status = 0;
  let text = '';
  if (files.length === 0) text = cx.io.stdin;
  for (const f of files) {
    const t = f === '-' ? cx.io.stdin : cx.host.workspace.read(f);
    if (t === undefined) {
      cx.io.err(`sed: can't read ${f}: No such file or directory\n`);
      status = 2;
      continue;
    }
    text += t;
  }
  cx.io.out(run(commands, text, quiet, sep));
  return status;
};
