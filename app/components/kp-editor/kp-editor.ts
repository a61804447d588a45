// The manifest editor: workspace files in Monaco with the Kubernetes schema (monaco-yaml),
// saved through the engine, and Apply = `kubectl apply -f -` with kubectl's answer shown inline.
// Monaco itself is loaded with import() on first connect: it is not in the first bundle.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { EngineApi, ExecResult } from '../../../engine/engine-api.ts';
import { emit } from '../../events.ts';
import { afterClusterShown } from '../../model/cluster-shown.ts';
import { currentTheme } from '../../styles/tokens.ts';
import { editorCss } from './kp-editor.styles.ts';
import { NEW_FILE_YAML, SAMPLE_FILE, SAMPLE_YAML } from './sample.ts';

type MonacoSetup = typeof import('./monaco-setup.ts');
type Monaco = MonacoSetup['monaco'];
type Editor = ReturnType<Monaco['editor']['create']>;
type Model = ReturnType<Monaco['editor']['createModel']>;

const SAVE_DELAY_MS = 400;
const POLL_FILES_MS = 3000;
/** kubectl's YAML errors name the line: "yaml: line 7: mapping values are not allowed". */
const YAML_LINE = /\byaml: line (\d+): (.*)$/m;

@customElement('kp-editor')
export class KpEditor extends LitElement {
  /** The engine whose workspace and cluster the editor works on. */
  @property({ attribute: false }) engine: EngineApi | undefined;

  @state() files: string[] = [];
  @state() current = '';
  @state() loading = true;
  @state() loadError = '';
  @state() result: ExecResult | undefined;
  @state() applying = false;
  @state() private naming = false;
  @state() private dirty = new Set<string>();
  /** A `kubectl edit` waiting for the learner: the file and how to answer. */
  @state() private editing: { name: string; respond: (text: string | undefined) => void } | undefined;

  monaco: Monaco | undefined;
  editor: Editor | undefined;
  private setup: MonacoSetup | undefined;
  private readonly models = new Map<string, Model>();
  private readonly saveTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private poll: ReturnType<typeof setInterval> | undefined;
  private readonly onTheme = (): void => this.monaco?.editor.setTheme(currentTheme() === 'dark' ? 'vs-dark' : 'vs');

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('kp-theme', this.onTheme);
    this.poll = setInterval(() => void this.syncFiles(), POLL_FILES_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('kp-theme', this.onTheme);
    clearInterval(this.poll);
    for (const name of this.saveTimers.keys()) void this.save(name);
    this.editor?.dispose();
    this.editor = undefined;
    for (const m of this.models.values()) m.dispose();
    this.models.clear();
  }

  protected override firstUpdated(): void {
    void this.load();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('engine') && this.engine) void this.syncFiles();
  }

  /** Resolves when Monaco is up and the first file is open. */
  whenReady: Promise<void> = new Promise((resolve) => (this.resolveReady = resolve));
  private resolveReady!: () => void;

  private async load(): Promise<void> {
    try {
      await afterClusterShown();
      this.setup = await import('./monaco-setup.ts');
      this.monaco = this.setup.setupMonaco();
      const host = this.querySelector<HTMLElement>('.host')!;
      this.editor = this.monaco.editor.create(host, {
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 13,
        fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--kp-font-mono').trim() || 'monospace',
        scrollBeyondLastLine: false,
        tabSize: 2,
        insertSpaces: true,
        theme: currentTheme() === 'dark' ? 'vs-dark' : 'vs',
        ariaLabel: 'YAML editor',
        quickSuggestions: { other: true, comments: false, strings: true },
        fixedOverflowWidgets: true,
      });
      this.editor.addCommand(this.monaco.KeyMod.CtrlCmd | this.monaco.KeyCode.Enter, () => void this.apply());
      this.editor.addCommand(this.monaco.KeyMod.CtrlCmd | this.monaco.KeyCode.KeyS, () => void this.save(this.current));
      await this.syncFiles();
      this.loading = false;
      this.resolveReady();
    } catch (err) {
      this.loadError = `The editor could not load: ${err instanceof Error ? err.message : String(err)}`;
      this.loading = false;
    }
  }

  private syncing: Promise<void> = Promise.resolve();

  /** Reads the workspace; starts it with the sample Deployment when it is empty. Serialized. */
  syncFiles(): Promise<void> {
    this.syncing = this.syncing.then(() => this.doSync()).catch(() => undefined);
    return this.syncing;
  }

  private async doSync(): Promise<void> {
    if (!this.engine || !this.monaco) return;
    let files = await this.engine.listFiles();
    if (files.length === 0 && this.models.size === 0) {
      const sample = { name: SAMPLE_FILE, content: SAMPLE_YAML };
      await this.engine.writeFile(sample);
      files = [sample];
    }
    for (const f of files) {
      const model = this.models.get(f.name);
      if (!model) this.models.set(f.name, this.createModel(f.name, f.content));
      // Someone else (the terminal's `cat > file`) changed it; take theirs unless we have unsaved edits.
      else if (!this.dirty.has(f.name) && model.getValue() !== f.content) model.setValue(f.content);
    }
    const names = [...this.models.keys()];
    this.files = names;
    if (!this.current || !this.models.has(this.current)) this.open(names[0] ?? '');
  }

  private createModel(name: string, content: string): Model {
    const model = this.monaco!.editor.createModel(content, 'yaml', this.setup!.modelUri(name));
    model.onDidChangeContent(() => {
      this.dirty = new Set(this.dirty).add(name);
      clearTimeout(this.saveTimers.get(name));
      this.saveTimers.set(name, setTimeout(() => void this.save(name), SAVE_DELAY_MS));
    });
    return model;
  }

  open(name: string): void {
    const model = this.models.get(name);
    if (!model || !this.editor) return;
    this.current = name;
    this.editor.setModel(model);
  }

  /** Writes one file through the engine (the workspace the terminal sees too). */
  async save(name: string): Promise<void> {
    clearTimeout(this.saveTimers.get(name));
    this.saveTimers.delete(name);
    const model = this.models.get(name);
    if (!model || !this.engine) return;
    await this.engine.writeFile({ name, content: model.getValue() });
    const dirty = new Set(this.dirty);
    dirty.delete(name);
    this.dirty = dirty;
  }

  /** The Apply button: the same path as `kubectl apply -f -`. */
  async apply(): Promise<ExecResult | undefined> {
    const model = this.models.get(this.current);
    if (!model || !this.engine || this.applying) return undefined;
    this.applying = true;
    try {
      void this.save(this.current);
      const result = await this.engine.applyManifest(model.getValue(), this.current);
      this.result = result;
      this.markYamlError(model, result);
      emit(this, 'kp-applied', { fileName: this.current, exitCode: result.exitCode });
      return result;
    } finally {
      this.applying = false;
    }
  }

  private markYamlError(model: Model, result: ExecResult): void {
    const m = result.exitCode !== 0 ? YAML_LINE.exec(result.output) : null;
    const markers = m
      ? [{ severity: this.monaco!.MarkerSeverity.Error, message: m[2]!, startLineNumber: Number(m[1]), endLineNumber: Number(m[1]), startColumn: 1, endColumn: model.getLineMaxColumn(Math.min(Number(m[1]), model.getLineCount())) }]
      : [];
    this.monaco!.editor.setModelMarkers(model, 'kubectl-apply', markers);
  }

  /**
   * `kubectl edit`: opens the live object's file and resolves with its text when the learner
   * presses "Save and apply", or undefined on "Cancel" (kubectl then prints `Edit cancelled`).
   */
  async editFile(file: { name: string; content: string }): Promise<string | undefined> {
    await this.whenReady;
    this.editing?.respond(undefined);
    const model = this.models.get(file.name);
    if (model) model.setValue(file.content);
    else this.models.set(file.name, this.createModel(file.name, file.content));
    this.files = [...this.models.keys()];
    this.open(file.name);
    this.editor?.focus();
    return new Promise((resolve) => (this.editing = { name: file.name, respond: resolve }));
  }

  private finishEdit(save: boolean): void {
    const editing = this.editing;
    if (!editing) return;
    this.editing = undefined;
    editing.respond(save ? this.models.get(editing.name)?.getValue() : undefined);
  }

  private async createFile(name: string): Promise<void> {
    let file = name.trim().replace(/[\\/]/g, '-');
    if (!file) return;
    if (!/\.ya?ml$/.test(file)) file += '.yaml';
    if (!this.models.has(file)) {
      this.models.set(file, this.createModel(file, NEW_FILE_YAML));
      await this.engine?.writeFile({ name: file, content: NEW_FILE_YAML });
      this.files = [...this.models.keys()];
    }
    this.open(file);
    this.editor?.focus();
  }

  override render() {
    return html`<style>
        ${editorCss}
      </style>
      <div class="files" role="tablist" aria-label="Workspace files">
        ${this.files.map(
          (f) => html`<button role="tab" aria-selected=${f === this.current} class=${this.dirty.has(f) ? 'dirty' : ''} @click=${() => this.open(f)}>${f}</button>`,
        )}
        ${this.naming
          ? html`<input aria-label="New file name" placeholder="name.yaml" @keydown=${this.onNameKey} @blur=${() => (this.naming = false)} />`
          : html`<button title="New file" aria-label="New file" @click=${this.startNaming}>+ New</button>`}
      </div>
      <div class="host">
        ${this.loading ? html`<div class="loading" role="status">Loading editor…</div>` : nothing}
        ${this.loadError ? html`<div class="loading" role="alert">${this.loadError}</div>` : nothing}
      </div>
      ${this.editing
        ? html`<div class="actions editing" role="group" aria-label="kubectl edit">
            <button class="apply" @click=${() => this.finishEdit(true)}>Save and apply</button>
            <button @click=${() => this.finishEdit(false)}>Cancel</button>
            <span class="hint"><code>kubectl edit</code> is waiting for ${this.editing.name}</span>
          </div>`
        : html`<div class="actions">
            <button class="apply" ?disabled=${this.loading || this.applying} @click=${() => void this.apply()}>${this.applying ? 'Applying…' : 'Apply'}</button>
            <span class="hint">Ctrl+Enter · same as <code>kubectl apply -f ${this.current || 'file.yaml'}</code></span>
          </div>`}
      ${this.result
        ? html`<pre class="result ${this.result.exitCode === 0 ? 'ok' : 'err'}" role="status" aria-live="polite"><span class="icon">${this.result.exitCode === 0 ? '✓ applied' : '✕ failed'}</span>
${this.result.output.trimEnd()}</pre>`
        : nothing}`;
  }

  private async startNaming(): Promise<void> {
    this.naming = true;
    await this.updateComplete;
    this.querySelector<HTMLInputElement>('.files input')?.focus();
  }

  private onNameKey(e: KeyboardEvent): void {
    const input = e.target as HTMLInputElement;
    if (e.key === 'Enter') {
      const name = input.value;
      this.naming = false;
      void this.createFile(name);
    } else if (e.key === 'Escape') {
      this.naming = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-editor': KpEditor;
  }
}
