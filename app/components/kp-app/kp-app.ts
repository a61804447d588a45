// The page: header (brand, cluster, clock, reset, theme), lesson panel, topology and
// terminal in the centre, editor and inspector on the right; tabs on narrow screens.
// Light DOM, because the terminal and Monaco need the document's global CSS.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { ClusterInfo, EngineApi, InspectTarget } from '../../../engine/engine-api.ts';
import { feedFor } from '../../model/cluster-feed.ts';
import { applyTheme, currentTheme, installTokens } from '../../styles/tokens.ts';
import '../kp-clock/kp-clock.ts';
import type { KpClock } from '../kp-clock/kp-clock.ts';
import '../kp-editor/kp-editor.ts';
import type { KpEditor } from '../kp-editor/kp-editor.ts';
import '../kp-inspector/kp-inspector.ts';
import '../kp-lesson/kp-lesson.ts';
import '../kp-terminal/kp-terminal.ts';
import type { KpTerminal } from '../kp-terminal/kp-terminal.ts';
import '../kp-topology/kp-topology.ts';
import { appStyles } from './kp-app.styles.ts';
import { SHORTCUTS, isActivatable, isTypingTarget } from './shortcuts.ts';

const LAYOUT_KEY = 'kubeplay.layout';
type Tab = 'lesson' | 'cluster' | 'terminal' | 'editor' | 'inspector';
const TABS: { id: Tab; label: string }[] = [
  { id: 'lesson', label: 'Lesson' },
  { id: 'cluster', label: 'Cluster' },
  { id: 'terminal', label: 'Terminal' },
  { id: 'editor', label: 'Editor' },
  { id: 'inspector', label: 'Inspector' },
];

let stylesInstalled = false;
function installAppStyles(): void {
  if (stylesInstalled || !appStyles.styleSheet) return;
  stylesInstalled = true;
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, appStyles.styleSheet];
}

@customElement('kp-app')
export class KpApp extends LitElement {
  /** The engine (the worker client in the page, a fake in tests). */
  @property({ attribute: false }) engine: EngineApi | undefined;

  @state() info: ClusterInfo | undefined;
  @state() bootError = '';
  @state() target: InspectTarget | undefined;
  @state() lessonCollapsed = false;
  @state() tab: Tab = 'cluster';
  @state() theme = currentTheme();
  @state() resetting = false;

  @query('kp-terminal') terminal!: KpTerminal;
  @query('kp-editor') editor!: KpEditor;
  @query('kp-clock') clock!: KpClock;
  @query('#reset-dialog') resetDialog!: HTMLDialogElement;
  @query('#keys-dialog') keysDialog!: HTMLDialogElement;

  private readonly onKey = (e: KeyboardEvent): void => this.handleKey(e);
  private readonly onTheme = (): void => void (this.theme = currentTheme());

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    installTokens();
    installAppStyles();
    this.lessonCollapsed = globalThis.localStorage?.getItem(LAYOUT_KEY) === 'lesson-collapsed';
    document.addEventListener('keydown', this.onKey);
    document.addEventListener('kp-theme', this.onTheme);
    document.addEventListener('kp-edit-request', this.onEditRequest);
    this.theme = currentTheme();
    this.addEventListener('kp-inspect', (e) => {
      this.target = e.detail.target;
      if (this.tab === 'cluster') this.tab = 'inspector';
    });
    this.addEventListener('kp-paste', (e) => {
      this.selectTab('terminal');
      this.terminal?.paste(e.detail.text);
    });
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('engine')) void this.boot();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKey);
    document.removeEventListener('kp-theme', this.onTheme);
    document.removeEventListener('kp-edit-request', this.onEditRequest);
    this.stopClusterWatch?.();
  }

  private stopClusterWatch: (() => void) | undefined;

  private async boot(): Promise<void> {
    if (!this.engine) return;
    try {
      this.info = await this.engine.ready();
      // Ownership can change later (another tab takes the cluster over): batches say so.
      this.stopClusterWatch?.();
      this.stopClusterWatch = feedFor(this.engine).listen((b) => {
        if (b?.cluster) this.info = b.cluster;
      });
    } catch (err) {
      this.bootError = err instanceof Error ? err.message : String(err);
    }
  }

  override render() {
    const ready = this.info !== undefined && !this.resetting;
    const engine = this.info ? this.engine : undefined;
    const version = this.info?.version.replace(/^v(\d+\.\d+).*$/, 'v$1') ?? '';
    return html`
      <header class="header">
        <span class="brand">kubeplay</span>
        <span class="cluster" title="kubectl context ${this.info?.context ?? ''}">${this.info ? `${this.info.name} ${version}` : 'starting…'}</span>
        <kp-clock .engine=${engine}></kp-clock>
        <span class="spacer"></span>
        <button @click=${() => this.resetDialog.showModal()} ?disabled=${!ready} title="Throw the cluster away and start a fresh one">⟲ Reset cluster</button>
        <button @click=${this.toggleTheme} aria-label="Switch to ${this.theme === 'dark' ? 'light' : 'dark'} theme" title="Switch to ${this.theme === 'dark' ? 'light' : 'dark'} theme">
          ${this.theme === 'dark' ? '☀' : '☾'}
        </button>
        <button @click=${() => this.keysDialog.showModal()} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">?</button>
      </header>
      ${this.info && !this.info.owner
        ? html`<div class="banner" role="status">
            This cluster is open in another tab: changes made here are not saved.
            <button @click=${this.takeOver}>Use it here</button>
          </div>`
        : nothing}
      <nav class="tabs" role="tablist" aria-label="Panels">
        ${TABS.map((t) => html`<button role="tab" aria-selected=${this.tab === t.id} @click=${() => this.selectTab(t.id)}>${t.label}</button>`)}
      </nav>
      <main class="main ${this.lessonCollapsed ? 'lesson-collapsed' : ''}" data-tab=${this.tab}>
        <aside class="panel lesson-panel" aria-label="Lesson">
          <div class="panel-head">
            Lesson
            <button @click=${this.toggleLesson} aria-expanded=${!this.lessonCollapsed} aria-label="${this.lessonCollapsed ? 'Show' : 'Hide'} the lesson panel">${this.lessonCollapsed ? '»' : '«'}</button>
          </div>
          <kp-lesson .engine=${engine}></kp-lesson>
        </aside>
        <section class="center" aria-label="Cluster and terminal">
          <div class="panel-head topo-head">Topology</div>
          <kp-topology .engine=${engine}></kp-topology>
          <div class="panel-head term-head">Terminal <span style="text-transform:none;letter-spacing:0;font-weight:400">— press / to focus</span></div>
          <kp-terminal .engine=${engine}></kp-terminal>
        </section>
        <section class="right" aria-label="Editor and inspector">
          <div class="panel-head edit-head">Editor</div>
          <kp-editor .engine=${engine}></kp-editor>
          <div class="panel-head insp-head">Inspector</div>
          <kp-inspector .engine=${engine} .target=${this.target}></kp-inspector>
        </section>
      </main>
      ${ready
        ? nothing
        : html`<div class="boot" role="status" aria-live="polite">
            <div class="box">
              ${this.bootError
                ? html`<strong>The cluster could not start.</strong><p>${this.bootError}</p>`
                : html`${this.resetting ? 'Resetting' : 'Starting'} the sandbox cluster…
                    <div class="progress"><div></div></div>`}
            </div>
          </div>`}
      <dialog id="reset-dialog" aria-labelledby="reset-title">
        <h2 id="reset-title">Reset the cluster?</h2>
        <p>This throws away every object in the cluster and starts a fresh three-node cluster. It cannot be undone.</p>
        <div class="row">
          <button @click=${() => this.resetDialog.close()} autofocus>Cancel</button>
          <button class="danger" @click=${this.confirmReset}>Reset cluster</button>
        </div>
      </dialog>
      <dialog id="keys-dialog" aria-labelledby="keys-title">
        <h2 id="keys-title">Keyboard shortcuts</h2>
        <table>
          ${SHORTCUTS.map((s) => html`<tr><td>${s.keys.map((k, i) => html`${i ? ' + ' : ''}<kbd>${k}</kbd>`)}</td><td>${s.action}</td></tr>`)}
        </table>
        <div class="row"><button @click=${() => this.keysDialog.close()} autofocus>Close</button></div>
      </dialog>
    `;
  }

  private handleKey(e: KeyboardEvent): void {
    const path = e.composedPath();
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void this.editor?.apply();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(path)) return;
    if (this.resetDialog?.open || this.keysDialog?.open) return;
    if (e.key === '/') {
      e.preventDefault();
      this.selectTab('terminal'); // on narrow screens the terminal may be on another tab
    } else if (e.key === ' ' && !isActivatable(path)) {
      e.preventDefault();
      void this.clock?.toggle();
    } else if (e.key === '?') {
      e.preventDefault();
      this.keysDialog.showModal();
    }
  }

  private selectTab(tab: Tab): void {
    this.tab = tab;
    if (tab === 'terminal') void this.updateComplete.then(() => this.terminal?.focus());
  }

  private toggleLesson(): void {
    this.lessonCollapsed = !this.lessonCollapsed;
    globalThis.localStorage?.setItem(LAYOUT_KEY, this.lessonCollapsed ? 'lesson-collapsed' : '');
  }

  private toggleTheme(): void {
    this.theme = this.theme === 'dark' ? 'light' : 'dark';
    applyTheme(this.theme);
  }

  /** `kubectl edit` in the terminal: show the object in the editor until saved or cancelled. */
  private readonly onEditRequest = (e: DocumentEventMap['kp-edit-request']): void => {
    e.preventDefault();
    this.selectTab('editor');
    void this.editor.editFile(e.detail.file).then(e.detail.respond, () => e.detail.respond(undefined));
  };

  private async takeOver(): Promise<void> {
    if (!this.engine) return;
    this.info = await this.engine.takeOver();
    this.target = undefined;
    await feedFor(this.engine).resync();
  }

  private async confirmReset(): Promise<void> {
    this.resetDialog.close();
    if (!this.engine) return;
    this.resetting = true;
    try {
      this.info = await this.engine.reset();
      this.target = undefined;
      await feedFor(this.engine).resync();
    } catch (err) {
      this.bootError = err instanceof Error ? err.message : String(err);
    } finally {
      this.resetting = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-app': KpApp;
  }
}
