// The terminal: xterm.js in light DOM with our own line discipline (line-editor.ts).
// Each complete line (or here-document) goes to engine.run; output streams back as written.
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
// xterm (~90 KB gzip) loads after the first paint: the cluster shows first, the terminal a moment later.
import type { ITheme, Terminal } from '@xterm/xterm';
import type { FitAddon } from '@xterm/addon-fit';
import type { EngineApi } from '../../../engine/engine-api.ts';
import { LineEditor, redraw } from './line-editor.ts';

const WELCOME = 'Welcome to kubeplay: a Kubernetes v1.32 cluster in your browser.\r\nTry: kubectl get nodes\r\n\r\n';

/** Converts engine text (\n line ends) to what a terminal wants (\r\n). */
export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

function themeFromTokens(): ITheme {
  const s = getComputedStyle(document.documentElement);
  const v = (name: string): string => s.getPropertyValue(name).trim();
  return { background: v('--kp-term-bg'), foreground: v('--kp-term-fg'), cursor: v('--kp-term-cursor'), selectionBackground: v('--kp-term-selection') };
}

@customElement('kp-terminal')
export class KpTerminal extends LitElement {
  /** The engine commands run in. */
  @property({ attribute: false }) engine: EngineApi | undefined;

  /** True while a command runs: keys other than Ctrl-C queue for the next prompt (type-ahead). */
  running = false;
  readonly editor = new LineEditor();
  term: Terminal | undefined;
  private fit: FitAddon | undefined;
  private offset = 0;
  private queue: string[] = [];
  private resize: ResizeObserver | undefined;
  private readonly onTheme = (): void => {
    if (this.term) this.term.options.theme = themeFromTokens();
  };

  // Light DOM: xterm's CSS is global.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('kp-theme', this.onTheme);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('kp-theme', this.onTheme);
    this.resize?.disconnect();
    this.term?.dispose();
    this.term = undefined;
  }

  /** Resolves once xterm is loaded and the prompt is shown. */
  readonly ready: Promise<void> = new Promise((resolve) => (this.resolveReady = resolve));
  private resolveReady!: () => void;

  protected override firstUpdated(_changed: PropertyValues<this>): void {
    void this.mount();
  }

  private async mount(): Promise<void> {
    const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit'), import('@xterm/xterm/css/xterm.css')]);
    if (!this.isConnected) return;
    const host = this.querySelector<HTMLElement>('.kp-term-host')!;
    const term = new Terminal({
      fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--kp-font-mono').trim() || 'monospace',
      fontSize: 13,
      cursorBlink: true,
      convertEol: false,
      scrollback: 5000,
      theme: themeFromTokens(),
    });
    this.fit = new FitAddon();
    term.loadAddon(this.fit);
    term.open(host);
    term.textarea?.setAttribute('aria-label', 'Terminal');
    term.attachCustomKeyEventHandler((e) => this.onKeyEvent(e));
    term.onData((data) => this.onData(data));
    this.term = term;
    this.safeFit();
    this.resize = new ResizeObserver(() => this.safeFit());
    this.resize.observe(this);
    term.write(WELCOME);
    this.prompt();
    this.resolveReady();
  }

  override render() {
    return html`<div class="kp-term-host" style="height:100%;width:100%"></div>`;
  }

  override focus(): void {
    if (this.term) this.term.focus();
    else void this.ready.then(() => this.term?.focus());
  }

  /** Puts text at the prompt (lesson click-to-paste), as if pasted; lines with a newline run. */
  paste(text: string): void {
    if (!this.term) {
      void this.ready.then(() => this.paste(text));
      return;
    }
    this.onData(text.replace(/\r?\n/g, '\r'));
    this.focus();
  }

  /** Types and runs a command. */
  async runCommand(text: string): Promise<void> {
    this.paste(text.endsWith('\n') ? text : `${text}\n`);
  }

  private safeFit(): void {
    try {
      if (this.offsetWidth > 0 && this.offsetHeight > 0) this.fit?.fit();
    } catch {
      // A zero-sized or hidden panel cannot be measured; the next resize fits it.
    }
  }

  private onKeyEvent(e: KeyboardEvent): boolean {
    // Let the page handle its own shortcuts; xterm keeps everything else.
    if (e.ctrlKey && e.key === 'Enter') return false;
    // Tab completes inside the terminal, so Escape is the way out: focus stays in place in the
    // tab order, and the next Tab moves on to the editor (no keyboard trap).
    if (e.type === 'keydown' && e.key === 'Escape') {
      this.term?.blur();
      return false;
    }
    if (e.type === 'keydown' && e.ctrlKey && e.key === 'c' && this.term?.hasSelection()) {
      void navigator.clipboard?.writeText(this.term.getSelection());
      return false;
    }
    return true;
  }

  private prompt(): void {
    this.offset = 0;
    this.term?.write(this.editor.prompt);
    this.offset = this.editor.prompt.length;
  }

  private refresh(): void {
    if (!this.term) return;
    const r = redraw(this.offset, this.editor.prompt, this.editor.line, this.editor.cursor, this.term.cols);
    this.offset = r.offset;
    this.term.write(r.seq);
  }

  /** Everything xterm reads: typed keys, escape sequences, and pasted text. */
  onData(data: string): void {
    if (data === '\x03') return void this.ctrlC();
    if (this.running) {
      // Type-ahead, as in a real terminal: what is typed or pasted while a command runs waits for
      // the next prompt (cursor keys and other escape sequences are dropped).
      if (!data.startsWith('\x1b')) this.queue.push(data);
      return;
    }
    switch (data) {
      case '\r':
        return void this.enter();
      case '\x7f':
      case '\b':
        this.editor.backspace();
        return this.refresh();
      case '\x1b[A':
        this.editor.historyUp();
        return this.refresh();
      case '\x1b[B':
        this.editor.historyDown();
        return this.refresh();
      case '\x1b[C':
        this.editor.right();
        return this.refresh();
      case '\x1b[D':
        this.editor.left();
        return this.refresh();
      case '\x1b[H':
      case '\x1bOH':
      case '\x01':
        this.editor.home();
        return this.refresh();
      case '\x1b[F':
      case '\x1bOF':
      case '\x05':
        this.editor.end();
        return this.refresh();
      case '\x1b[3~':
        this.editor.deleteForward();
        return this.refresh();
      case '\x15':
        this.editor.killToStart();
        return this.refresh();
      case '\x0c':
        this.term?.clear();
        return this.refresh();
      case '\t':
        return void this.tab();
    }
    if (data.startsWith('\x1b')) return; // other escape sequences: nothing to do
    // Typed or pasted text; a pasted newline submits that line and the rest follows.
    const parts = data.replace(/\r\n/g, '\r').replace(/\n/g, '\r').split('\r');
    const first = parts.shift() ?? '';
    this.editor.insert(first.replace(/[\x00-\x1f]/g, ''));
    this.refresh();
    if (parts.length) {
      const rest = parts.join('\r');
      void this.enter().then(() => {
        if (rest) this.onData(rest);
      });
    }
  }

  private ctrlC(): void {
    if (this.running) {
      this.queue = [];
      void this.engine?.interrupt();
      return;
    }
    this.editor.end();
    this.refresh();
    this.term?.write('^C\r\n');
    this.editor.cancel();
    this.prompt();
  }

  private async tab(): Promise<void> {
    if (!this.engine || this.editor.inHereDoc) return;
    const input = this.editor.completionInput();
    this.running = true;
    let candidates: string[] = [];
    try {
      candidates = await this.engine.complete(input);
    } finally {
      this.running = false;
    }
    const list = this.editor.complete(candidates);
    if (list.length) {
      this.term?.write(`\r\n${list.join('  ')}\r\n`);
      this.prompt();
    }
    this.refresh();
    this.drainTypeAhead();
  }

  private async enter(): Promise<void> {
    this.editor.end();
    this.refresh();
    this.term?.write('\r\n');
    const sub = this.editor.submit();
    if (sub.kind === 'run') {
      if (sub.text.trim() === 'clear') {
        this.term?.clear();
        this.term?.write('\x1b[2J\x1b[H');
      } else {
        await this.exec(sub.text);
      }
      await this.syncPrompt();
    }
    this.prompt();
    this.drainTypeAhead();
  }

  /** Replays what was typed while a command ran, now that the prompt is back. */
  private drainTypeAhead(): void {
    const ahead = this.queue.join('');
    this.queue = [];
    if (ahead) this.onData(ahead);
  }

  /** Asks the engine for the next prompt: a command may have attached a container shell. */
  private async syncPrompt(): Promise<void> {
    if (!this.engine) return;
    this.running = true;
    try {
      this.editor.basePrompt = await this.engine.prompt();
    } catch {
      // An engine that cannot answer keeps the last prompt.
    } finally {
      this.running = false;
    }
  }

  private async exec(text: string): Promise<void> {
    if (!this.engine) return;
    this.running = true;
    let endsWithNewline = true;
    try {
      await this.engine.run(text, (chunk) => {
        if (!chunk.text) return;
        endsWithNewline = chunk.text.endsWith('\n');
        this.term?.write(toTerminal(chunk.text));
      });
    } catch (err) {
      this.term?.write(toTerminal(`kubeplay: ${err instanceof Error ? err.message : String(err)}\n`));
      endsWithNewline = true;
    } finally {
      this.running = false;
    }
    // Like zsh, keep the prompt on its own line when output did not end with a newline.
    if (!endsWithNewline) this.term?.write('\r\n');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-terminal': KpTerminal;
  }
}
