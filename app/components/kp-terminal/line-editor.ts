// The terminal's line discipline, kept free of xterm so it can be tested on its own:
// the edit buffer and cursor, history, here-document accumulation and Tab completion.
export const PROMPT = '$ ';
export const CONTINUATION_PROMPT = '> ';

/** What Enter produced: a complete command to run, or a request for another line. */
export type Submission = { kind: 'run'; text: string } | { kind: 'more' } | { kind: 'empty' };

interface HereDoc {
  terminator: string;
  stripTabs: boolean;
  lines: string[];
}

// `<<EOF`, `<<'EOF'`, `<<"EOF"`, `<<-EOF` (bash also allows a space after `<<`).
const HEREDOC = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;

export class LineEditor {
  line = '';
  cursor = 0;
  private readonly history: string[] = [];
  /** Index into history while browsing with up/down; history.length = the fresh line. */
  private historyIndex = 0;
  private draft = '';
  private heredoc: HereDoc | undefined;
  /** The primary prompt: `$ `, or an attached program's (`/ # ` in `kubectl exec -it`). */
  basePrompt = PROMPT;

  constructor(private readonly maxHistory = 500) {}

  get prompt(): string {
    return this.heredoc ? CONTINUATION_PROMPT : this.basePrompt;
  }

  get inHereDoc(): boolean {
    return this.heredoc !== undefined;
  }

  get historyEntries(): readonly string[] {
    return this.history;
  }

  insert(text: string): void {
    this.line = this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor);
    this.cursor += text.length;
  }

  backspace(): void {
    if (this.cursor === 0) return;
    this.line = this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor);
    this.cursor--;
  }

  deleteForward(): void {
    this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1);
  }

  left(): void {
    this.cursor = Math.max(0, this.cursor - 1);
  }

  right(): void {
    this.cursor = Math.min(this.line.length, this.cursor + 1);
  }

  home(): void {
    this.cursor = 0;
  }

  end(): void {
    this.cursor = this.line.length;
  }

  /** Ctrl-U: erase from the start of the line to the cursor. */
  killToStart(): void {
    this.line = this.line.slice(this.cursor);
    this.cursor = 0;
  }

  historyUp(): void {
    if (this.heredoc || this.historyIndex === 0) return;
    if (this.historyIndex === this.history.length) this.draft = this.line;
    this.historyIndex--;
    this.setLine(this.history[this.historyIndex] ?? '');
  }

  historyDown(): void {
    if (this.heredoc || this.historyIndex >= this.history.length) return;
    this.historyIndex++;
    this.setLine(this.historyIndex === this.history.length ? this.draft : (this.history[this.historyIndex] ?? ''));
  }

  /** Enter. A here-document keeps collecting lines until its terminator, then runs as one text. */
  submit(): Submission {
    const line = this.line;
    this.setLine('');
    if (this.heredoc) {
      const doc = this.heredoc;
      doc.lines.push(line);
      const candidate = doc.stripTabs ? line.replace(/^\t+/, '') : line;
      if (candidate !== doc.terminator) return { kind: 'more' };
      this.heredoc = undefined;
      return { kind: 'run', text: doc.lines.join('\n') };
    }
    if (line.trim() === '') return { kind: 'empty' };
    this.remember(line);
    const m = HEREDOC.exec(line);
    if (m) {
      this.heredoc = { terminator: m[3]!, stripTabs: m[1] === '-', lines: [line] };
      return { kind: 'more' };
    }
    return { kind: 'run', text: line };
  }

  /** Ctrl-C at the prompt: drop the line and any here-document being typed. */
  cancel(): void {
    this.heredoc = undefined;
    this.setLine('');
    this.historyIndex = this.history.length;
  }

  /** The text Tab completes: everything before the cursor. */
  completionInput(): string {
    return this.line.slice(0, this.cursor);
  }

  /**
   * Applies completion candidates for the last word before the cursor. One candidate replaces
   * the word (plus a space); several extend it to their common prefix and are returned for listing.
   */
  complete(candidates: string[]): string[] {
    if (candidates.length === 0) return [];
    const before = this.line.slice(0, this.cursor);
    const wordStart = before.search(/\S*$/);
    const word = before.slice(wordStart);
    const replace = (text: string): void => {
      this.line = before.slice(0, wordStart) + text + this.line.slice(this.cursor);
      this.cursor = wordStart + text.length;
    };
    if (candidates.length === 1) {
      replace(`${candidates[0]!} `);
      return [];
    }
    const prefix = commonPrefix(candidates);
    if (prefix.length > word.length && prefix.startsWith(word)) {
      replace(prefix);
      return [];
    }
    return candidates;
  }

  private remember(line: string): void {
    if (this.history[this.history.length - 1] !== line) this.history.push(line);
    if (this.history.length > this.maxHistory) this.history.shift();
    this.historyIndex = this.history.length;
    this.draft = '';
  }

  private setLine(text: string): void {
    this.line = text;
    this.cursor = text.length;
  }
}

export function commonPrefix(words: string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * Escape sequence that redraws prompt + line, given where the cursor was (as an offset from
 * the start of the prompt) and the terminal width, for lines that wrap over several rows.
 */
export function redraw(prevOffset: number, prompt: string, line: string, cursor: number, cols: number): { seq: string; offset: number } {
  let seq = '';
  const prevRow = Math.floor(prevOffset / cols);
  if (prevRow > 0) seq += `\x1b[${prevRow}A`;
  seq += `\r\x1b[J${prompt}${line}`;
  const end = prompt.length + line.length;
  // After exactly filling a row the cursor waits at the margin; step onto the next row.
  if (end > 0 && end % cols === 0) seq += '\r\n';
  const endRow = Math.floor(end / cols);
  const offset = prompt.length + cursor;
  const row = Math.floor(offset / cols);
  const col = offset % cols;
  if (endRow > row) seq += `\x1b[${endRow - row}A`;
  seq += '\r';
  if (col > 0) seq += `\x1b[${col}C`;
  return { seq, offset };
}
