// Parses shell text into the syntax tree: quoting (single, double, backslash), $VAR,
// ${VAR[:-default]}, $(...), `...`, comments, ; && || | and newlines, redirections
// (> >> < 2> 2>&1 &>), here-documents (<<EOF, <<'EOF', <<-EOF) whose bodies follow the line,
// and the compound commands for/while/until/if/{ } and [[ ]].
import type { AndOr, Command, CondItem, Part, Pipeline, Redirect, Script, SimpleCommand, Word } from './ast.ts';

export class ShellSyntaxError extends Error {}

type Tok =
  | { k: 'word'; w: Word; raw: string }
  | { k: 'op'; v: string }
  | { k: 'nl' }
  | { k: 'eof' };

const RESERVED = new Set(['for', 'in', 'do', 'done', 'if', 'then', 'elif', 'else', 'fi', 'while', 'until', '{', '}', '!']);

class Lexer {
  pos = 0;
  private pendingHeredocs: Redirect[] = [];
  constructor(private readonly src: string) {}

  private peekc(o = 0): string {
    return this.src[this.pos + o] ?? '';
  }

  next(): Tok {
    for (;;) {
      const c = this.peekc();
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.peekc(1) === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < this.src.length && this.peekc() !== '\n') this.pos++;
      } else break;
    }
    if (this.pos >= this.src.length) return { k: 'eof' };
    const c = this.peekc();
    if (c === '\n') {
      this.pos++;
      this.readHeredocBodies();
      return { k: 'nl' };
    }
    for (const op of ['&&', '||', ';;', '>>', '<<-', '<<', '&>', '>&', ';', '|', '&', '>', '<', '(', ')']) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { k: 'op', v: op };
      }
    }
    // "2>" / "2>>" / "2>&1": a digit directly before a redirection is its fd.
    const m = /^(\d)(>>|>&|>|<)/.exec(this.src.slice(this.pos));
    if (m) {
      this.pos += m[0].length;
      return { k: 'op', v: `${m[1]}${m[2]}` };
    }
    return this.word();
  }

  /** Registers a here-document whose body starts after the current line. */
  heredoc(r: Redirect, delim: string, strip: boolean): void {
    (r as Redirect & { delim: string; strip: boolean }).delim = delim;
    (r as Redirect & { delim: string; strip: boolean }).strip = strip;
    this.pendingHeredocs.push(r);
  }

  private readHeredocBodies(): void {
    for (const r of this.pendingHeredocs) {
      const { delim, strip } = r as Redirect & { delim: string; strip: boolean };
      const lines: string[] = [];
      let found = false;
      while (this.pos < this.src.length) {
        let end = this.src.indexOf('\n', this.pos);
        if (end < 0) end = this.src.length;
        let line = this.src.slice(this.pos, end);
        this.pos = Math.min(end + 1, this.src.length);
        if (strip) line = line.replace(/^\t+/, '');
        if (line === delim) {
          found = true;
          break;
        }
        lines.push(line);
      }
      r.body = lines.length ? `${lines.join('\n')}\n` : '';
      if (!found) (r as { unterminated?: boolean }).unterminated = true;
    }
    this.pendingHeredocs = [];
  }

  finish(): void {
    if (this.pendingHeredocs.length) this.readHeredocBodies();
  }

  private word(): Tok {
    const parts: Part[] = [];
    const start = this.pos;
    let lit = '';
    const flush = (quoted: boolean) => {
      if (lit !== '') parts.push({ t: 'lit', s: lit, quoted });
      lit = '';
    };
    while (this.pos < this.src.length) {
      const c = this.peekc();
      if (' \t\n;&|<>()'.includes(c)) break;
      if (c === '\\') {
        const n = this.peekc(1);
        this.pos += 2;
        if (n === '\n') continue;
        flush(false);
        parts.push({ t: 'lit', s: n, quoted: true });
        continue;
      }
      if (c === "'") {
        flush(false);
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError(`unexpected EOF while looking for matching \`''`);
        parts.push({ t: 'lit', s: this.src.slice(this.pos + 1, end), quoted: true });
        this.pos = end + 1;
        continue;
      }
      if (c === '"') {
        flush(false);
        this.pos++;
        this.doubleQuoted(parts);
        continue;
      }
      if (c === '$' || c === '`') {
        const p = this.dollar(false);
        if (p) {
          flush(false);
          parts.push(p);
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    flush(false);
    if (parts.length === 0) parts.push({ t: 'lit', s: '', quoted: true });
    return { k: 'word', w: parts, raw: this.src.slice(start, this.pos) };
  }

  private doubleQuoted(parts: Part[]): void {
    let lit = '';
    const flush = () => {
      parts.push({ t: 'lit', s: lit, quoted: true });
      lit = '';
    };
    for (;;) {
      if (this.pos >= this.src.length) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
      const c = this.peekc();
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === '\\' && '$`"\\\n'.includes(this.peekc(1))) {
        if (this.peekc(1) !== '\n') lit += this.peekc(1);
        this.pos += 2;
        continue;
      }
      if (c === '$' || c === '`') {
        const p = this.dollar(true);
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    flush();
  }

  /** `$NAME`, `${...}`, `$(...)`, `` `...` ``, `$?`... at pos; undefined when `$` is literal. */
  private dollar(quoted: boolean): Part | undefined {
    const c = this.peekc();
    if (c === '`') {
      const end = this.src.indexOf('`', this.pos + 1);
      if (end < 0) throw new ShellSyntaxError('unexpected EOF while looking for matching ``\'');
      const script = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
      return { t: 'cmd', script, quoted };
    }
    const n = this.peekc(1);
    if (n === '(') {
      const end = matchParen(this.src, this.pos + 1);
      if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `)'");
      const script = this.src.slice(this.pos + 2, end);
      this.pos = end + 1;
      return { t: 'cmd', script, quoted };
    }
    if (n === '{') {
      const end = this.src.indexOf('}', this.pos + 2);
      if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `}'");
      const inner = this.src.slice(this.pos + 2, end);
      this.pos = end + 1;
      if (inner.startsWith('#')) return { t: 'var', name: inner.slice(1), quoted, op: '#' };
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*!-])(?:(:-|-|:=|=|:\+|\+|%%|%|##|#)([\s\S]*))?$/.exec(inner);
      if (!m) throw new ShellSyntaxError(`\${${inner}}: bad substitution`);
      const p: Part = { t: 'var', name: m[1]!, quoted };
      if (m[2]) {
        p.op = (m[2] === '#' ? 'prefix#' : m[2] === '##' ? 'prefix##' : m[2]) as NonNullable<typeof p.op>;
        p.arg = new Lexer(m[3]!).wordOnly();
      }
      return p;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*!-])/.exec(this.src.slice(this.pos + 1));
    if (!m) return undefined;
    this.pos += 1 + m[1]!.length;
    return { t: 'var', name: m[1]!, quoted };
  }

  /** The whole text as one word (for ${VAR:-word} arguments). */
  wordOnly(): Word {
    const parts: Part[] = [];
    let lit = '';
    while (this.pos < this.src.length) {
      const c = this.peekc();
      if (c === '$' || c === '`') {
        const p = this.dollar(false);
        if (p) {
          if (lit) parts.push({ t: 'lit', s: lit, quoted: true });
          lit = '';
          parts.push(p);
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    if (lit || parts.length === 0) parts.push({ t: 'lit', s: lit, quoted: true });
    return parts;
  }
}

/** Index of the `)` closing the `(` at `open`, skipping quotes and nested parens. */
function matchParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') i++;
    else if (c === "'") {
      const e = s.indexOf("'", i + 1);
      if (e < 0) return -1;
      i = e;
    } else if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

class Parser {
  private current: Tok;
  constructor(private readonly lx: Lexer) {
    this.current = lx.next();
  }

  /** The current token (a method, so narrowing does not survive advance()). */
  private peek(): Tok {
    return this.current;
  }

  private isOp(...vs: string[]): boolean {
    const t = this.current;
    return t.k === 'op' && vs.includes(t.v);
  }

  private wordIn(vs: string[]): boolean {
    const t = this.current;
    return t.k === 'word' && vs.includes(t.raw);
  }

  /** The current token as bash names it in "unexpected token" errors. */
  private tokText(): string {
    const t = this.current;
    return t.k === 'op' ? t.v : t.k === 'word' ? t.raw : 'newline';
  }

  private opText(): string {
    const t = this.current;
    return t.k === 'op' ? t.v : '';
  }

  private advance(): Tok {
    const t = this.current;
    this.current = this.lx.next();
    return t;
  }

  private isWord(v: string): boolean {
    return this.wordIn([v]);
  }

  private skipNewlines(): void {
    while (this.peek().k === 'nl' || (this.isOp(';') && false)) this.advance();
  }

  script(stop: string[] = []): Script {
    const out: Script = [];
    for (;;) {
      while (this.peek().k === 'nl' || (this.isOp(';', '&'))) {
        if (out.length === 0 && this.isOp(';')) throw new ShellSyntaxError("syntax error near unexpected token `;'");
        this.advance();
      }
      if (this.peek().k === 'eof') break;
      if (this.wordIn(stop)) break;
      if (this.isOp(')') && stop.includes(')')) break;
      const item = this.andOr();
      out.push(item);
      if (this.isOp('&')) item.background = true;
      if (this.isOp(';', '&')) this.advance();
      else if (this.peek().k === 'nl') this.advance();
      else if (this.peek().k !== 'eof' && !(this.wordIn(stop))) {
        throw new ShellSyntaxError(`syntax error near unexpected token \`${this.tokText()}'`);
      }
    }
    return out;
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    while (this.isOp('&&', '||')) {
      const op = this.advance() as { v: '&&' | '||' };
      this.skipNewlines();
      rest.push({ op: op.v, pipeline: this.pipeline() });
    }
    return { first, rest };
  }

  private pipeline(): Pipeline {
    let negate = false;
    if (this.isWord('!')) {
      this.advance();
      negate = true;
    }
    const commands: Command[] = [this.command()];
    while (this.isOp('|')) {
      this.advance();
      this.skipNewlines();
      commands.push(this.command());
    }
    return { negate, commands };
  }

  private expectWord(v: string): void {
    if (!this.isWord(v)) throw new ShellSyntaxError(`syntax error near unexpected token \`${this.tokText()}'`);
    this.advance();
  }

  private command(): Command {
    if (this.isWord('for')) {
      this.advance();
      const nameTok = this.advance();
      if (nameTok.k !== 'word') throw new ShellSyntaxError("syntax error near unexpected token `newline'");
      let items: Word[] | undefined;
      while (this.peek().k === 'nl') this.advance();
      if (this.isWord('in')) {
        this.advance();
        items = [];
        while (this.peek().k === 'word') items.push((this.advance() as { w: Word }).w);
      }
      if (this.isOp(';')) this.advance();
      this.skipNewlines();
      this.expectWord('do');
      const body = this.script(['done']);
      this.expectWord('done');
      return { t: 'for', name: nameTok.raw, items, body, redirects: this.redirects() };
    }
    if (this.isWord('while') || this.isWord('until')) {
      const until = (this.advance() as { raw: string }).raw === 'until';
      const cond = this.script(['do']);
      this.expectWord('do');
      const body = this.script(['done']);
      this.expectWord('done');
      return { t: 'while', until, cond, body, redirects: this.redirects() };
    }
    if (this.isWord('if')) {
      this.advance();
      const branches: { cond: Script; body: Script }[] = [];
      let otherwise: Script | undefined;
      for (;;) {
        const cond = this.script(['then']);
        this.expectWord('then');
        const body = this.script(['elif', 'else', 'fi']);
        branches.push({ cond, body });
        if (this.isWord('elif')) {
          this.advance();
          continue;
        }
        if (this.isWord('else')) {
          this.advance();
          otherwise = this.script(['fi']);
        }
        this.expectWord('fi');
        break;
      }
      return otherwise ? { t: 'if', branches, otherwise, redirects: this.redirects() } : { t: 'if', branches, redirects: this.redirects() };
    }
    if (this.isWord('[[')) return this.cond();
    if (this.isWord('{')) {
      this.advance();
      const body = this.script(['}']);
      this.expectWord('}');
      return { t: 'group', body, redirects: this.redirects() };
    }
    return this.simple();
  }

  /** `[[ ... ]]`: inside, && || ( ) < > are the expression's operators, not the shell's. */
  private cond(): Command {
    this.advance();
    const items: CondItem[] = [];
    for (;;) {
      const t = this.peek();
      if (t.k === 'word' && t.raw === ']]') break;
      if (t.k === 'word') items.push({ word: t.w, raw: t.raw });
      else if (t.k === 'op' && ['&&', '||', '(', ')', '<', '>'].includes(t.v)) items.push({ op: t.v });
      else throw new ShellSyntaxError(`syntax error in conditional expression: unexpected token \`${this.tokText()}'`);
      this.advance();
    }
    this.advance();
    if (items.length === 0) throw new ShellSyntaxError("syntax error near unexpected token `]]'");
    return { t: 'cond', items, redirects: this.redirects() };
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    while (/^\d?(>>|>&|>|<|<<-|<<|&>)$/.test(this.opText())) out.push(this.redirect());
    return out;
  }

  private redirect(): Redirect {
    const op = (this.advance() as { v: string }).v;
    const m = /^(\d?)(.*)$/.exec(op)!;
    const kind = m[2]!;
    const fd = m[1] ? Number(m[1]) : kind.startsWith('<') ? 0 : 1;
    // Look at the target before advancing: lexing past it may reach the newline, where the
    // here-document body is read, so the here-document must be registered first.
    const target = this.peek();
    if (target.k !== 'word') throw new ShellSyntaxError(`syntax error near unexpected token \`${target.k === 'op' ? target.v : 'newline'}'`);
    if (kind === '<<' || kind === '<<-') {
      const quoted = target.w.some((p) => p.t === 'lit' && p.quoted);
      const delim = target.w.map((p) => (p.t === 'lit' ? p.s : '')).join('');
      const r: Redirect = { fd: 0, op: '<<', expand: !quoted };
      this.lx.heredoc(r, delim, kind === '<<-');
      this.advance();
      return r;
    }
    this.advance();
    if (kind === '&>') return { fd: -1, op: '>', target: target.w };
    return { fd, op: kind as Redirect['op'], target: target.w };
  }

  private simple(): SimpleCommand {
    const cmd: SimpleCommand = { t: 'simple', assigns: [], words: [], redirects: [] };
    for (;;) {
      const t = this.peek();
      if (t.k === 'word') {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.raw);
        if (m && cmd.words.length === 0 && t.w[0]?.t === 'lit' && !t.w[0].quoted && t.w[0].s.startsWith(m[0])) {
          const value: Word = [{ ...t.w[0], s: t.w[0].s.slice(m[0].length) }, ...t.w.slice(1)];
          cmd.assigns.push({ name: m[1]!, value });
          this.advance();
          continue;
        }
        if (cmd.words.length === 0 && RESERVED.has(t.raw) && !['{', '}', '!'].includes(t.raw) && t.raw !== 'in')
          throw new ShellSyntaxError(`syntax error near unexpected token \`${t.raw}'`);
        cmd.words.push(t.w);
        this.advance();
        continue;
      }
      if (/^\d?(>>|>&|>|<|<<-|<<|&>)$/.test(this.opText())) {
        cmd.redirects.push(this.redirect());
        continue;
      }
      break;
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) {
      throw new ShellSyntaxError(`syntax error near unexpected token \`${this.tokText()}'`);
    }
    return cmd;
  }
}

export function parseScript(text: string): Script {
  const lx = new Lexer(text);
  const p = new Parser(lx);
  const s = p.script();
  lx.finish();
  return s;
}

/** Here-document delimiters a line opens (so a session or terminal knows to read on). */
export function heredocDelimiters(line: string): { delim: string; strip: boolean }[] {
  const out: { delim: string; strip: boolean }[] = [];
  let q: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (q) {
      if (c === '\\' && q === '"') i++;
      else if (c === q) q = undefined;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      q = c;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
    if (c === '<' && line[i + 1] === '<' && line[i + 2] !== '<') {
      let j = i + 2;
      const strip = line[j] === '-';
      if (strip) j++;
      while (line[j] === ' ' || line[j] === '\t') j++;
      const m = /^(?:'([^']*)'|"([^"]*)"|([^\s;&|<>()]+))/.exec(line.slice(j));
      if (m) {
        out.push({ delim: (m[1] ?? m[2] ?? m[3]!).replace(/\\/g, ''), strip });
        i = j + m[0].length - 1;
      }
    }
  }
  return out;
}
