// The lesson panel: a list of lessons, then one step at a time with prose, click-to-paste
// commands, live checks (re-evaluated by the engine after cluster changes) and hints.
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { EngineApi, Lesson, LessonReport, LessonSummary } from '../../../engine/engine-api.ts';
import { emit } from '../../events.ts';
import { feedFor } from '../../model/cluster-feed.ts';
import { parseMarkdown, type Block, type Inline } from './markdown.ts';
import { lessonStyles } from './kp-lesson.styles.ts';

/** Checks are re-evaluated at most twice a second, however fast the cluster changes. */
export const CHECK_INTERVAL_MS = 500;
const PROGRESS_KEY = 'kubeplay.lesson';

@customElement('kp-lesson')
export class KpLesson extends LitElement {
  static override styles = lessonStyles;

  /** The engine that owns lessons and evaluates their checks. */
  @property({ attribute: false }) engine: EngineApi | undefined;

  @state() lessons: LessonSummary[] = [];
  @state() lesson: Lesson | undefined;
  @state() step = 0;
  @state() report: LessonReport | undefined;
  @state() hintsShown = 0;

  private stopListening: (() => void) | undefined;
  private lastCheck = 0;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private checking = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.attach(); // first attach happens in willUpdate
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening?.();
    this.stopListening = undefined;
    clearTimeout(this.checkTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('engine') && this.isConnected) this.attach();
  }

  private attach(): void {
    this.stopListening?.();
    if (!this.engine) return;
    this.stopListening = feedFor(this.engine).listen(() => this.scheduleCheck());
    void this.loadList();
  }

  private async loadList(): Promise<void> {
    if (!this.engine) return;
    this.lessons = await this.engine.listLessons();
    const saved = globalThis.localStorage?.getItem(PROGRESS_KEY);
    if (saved && !this.lesson) {
      const [id, step] = saved.split('#');
      if (id && this.lessons.some((l) => l.id === id)) await this.openLesson(id, Number(step) || 0);
    }
  }

  async openLesson(id: string, step = 0): Promise<void> {
    const lesson = await this.engine?.lesson(id);
    if (!lesson) return;
    // A lesson may need objects to exist first (its setup session); the engine runs it once.
    await this.engine?.startLesson(id);
    this.lesson = lesson;
    this.goTo(Math.min(step, lesson.steps.length - 1));
    this.report = undefined;
    this.lastCheck = 0;
    this.scheduleCheck();
  }

  private goTo(step: number): void {
    this.step = step;
    this.hintsShown = 0;
    if (this.lesson) globalThis.localStorage?.setItem(PROGRESS_KEY, `${this.lesson.id}#${step}`);
  }

  /** Throttled: at most one checkLesson per CHECK_INTERVAL_MS, and never two at once. */
  scheduleCheck(): void {
    if (!this.lesson || this.checkTimer) return;
    const wait = Math.max(0, this.lastCheck + CHECK_INTERVAL_MS - performance.now());
    this.checkTimer = setTimeout(() => void this.runCheck(), wait);
  }

  private async runCheck(): Promise<void> {
    this.checkTimer = undefined;
    const lesson = this.lesson;
    if (!lesson || !this.engine) return;
    if (this.checking) return this.scheduleCheck();
    this.checking = true;
    this.lastCheck = performance.now();
    try {
      const report = await this.engine.checkLesson(lesson.id);
      if (this.lesson === lesson) this.report = report;
    } finally {
      this.checking = false;
    }
  }

  override render() {
    if (!this.lesson) return this.renderList();
    const lesson = this.lesson;
    const step = lesson.steps[this.step];
    if (!step) return nothing;
    const stepReport = this.report?.steps[this.step];
    const last = this.step === lesson.steps.length - 1;
    return html`
      <button class="back" @click=${this.closeLesson}>← All lessons</button>
      <h2>${lesson.title}</h2>
      <div class="muted">Step ${this.step + 1} of ${lesson.steps.length}</div>
      ${this.step === 0 && lesson.intro ? html`<div class="intro">${this.renderMarkdown(lesson.intro)}</div>` : nothing}
      <h3>${step.title}</h3>
      ${this.renderMarkdown(step.body)}
      <ul class="checks" aria-label="Checks">
        ${step.checks.map((c, i) => {
          const r = stepReport?.checks[i];
          const passed = r?.passed === true;
          return html`<li class="check ${passed ? 'passed' : ''}">
            <span class="icon" aria-hidden="true">${passed ? '✓' : '○'}</span>
            <span><span class="label">${c.title}</span><span class="sr">${passed ? ' — done' : ' — not yet'}</span>
              ${!passed && r?.detail ? html`<span class="detail">${r.detail}</span>` : nothing}</span>
          </li>`;
        })}
      </ul>
      ${step.hints.slice(0, this.hintsShown).map((h) => html`<div class="hint"><strong>Hint:</strong> ${this.renderInline(parseMarkdown(h).flatMap((b) => ('inline' in b ? b.inline : [])))}</div>`)}
      <div class="nav">
        <button ?disabled=${this.step === 0} @click=${() => this.goTo(this.step - 1)}>Previous</button>
        ${this.hintsShown < step.hints.length
          ? html`<button @click=${() => this.hintsShown++}>Show a hint (${this.hintsShown + 1}/${step.hints.length})</button>`
          : nothing}
        ${!last ? html`<button class=${stepReport?.passed ? 'primary' : ''} @click=${() => this.goTo(this.step + 1)}>Next step</button>` : nothing}
      </div>
      ${last && this.report?.passed ? html`<div class="done" role="status">✓ Lesson complete: well done. Every check passes.</div>` : nothing}
    `;
  }

  private renderList(): TemplateResult {
    if (this.lessons.length === 0) return html`<p class="muted">No lessons available.</p>`;
    return html`<h2>Lessons</h2>
      <ul class="list">
        ${this.lessons.map(
          (l) => html`<li>
            <button @click=${() => void this.openLesson(l.id)}>
              <span class="title">${l.title}</span>
              <span class="muted">${l.summary} · ${l.minutes} min · ${l.level}</span>
            </button>
          </li>`,
        )}
      </ul>`;
  }

  private renderMarkdown(source: string): TemplateResult[] {
    return parseMarkdown(source).map((b) => this.renderBlock(b));
  }

  private renderBlock(b: Block): TemplateResult {
    switch (b.type) {
      case 'heading':
        return b.level <= 2 ? html`<h3>${this.renderInline(b.inline)}</h3>` : html`<h4>${this.renderInline(b.inline)}</h4>`;
      case 'paragraph':
        return html`<p>${this.renderInline(b.inline)}</p>`;
      case 'list':
        return b.ordered
          ? html`<ol>${b.items.map((i) => html`<li>${this.renderInline(i)}</li>`)}</ol>`
          : html`<ul>${b.items.map((i) => html`<li>${this.renderInline(i)}</li>`)}</ul>`;
      case 'code':
        return b.lang === 'yaml' || b.lang === 'text'
          ? html`<pre class="out" tabindex="0">${b.text}</pre>`
          : html`<button class="cmd" title="Paste into the terminal" @click=${() => emit(this, 'kp-paste', { text: b.text })}>
              <pre>${b.text}</pre><span class="paste">paste ⏎</span>
            </button>`;
    }
  }

  private renderInline(parts: Inline[]): TemplateResult[] {
    return parts.map((p) => {
      switch (p.type) {
        case 'code':
          return html`<code>${p.text}</code>`;
        case 'strong':
          return html`<strong>${p.text}</strong>`;
        case 'em':
          return html`<em>${p.text}</em>`;
        default:
          return html`${p.text}`;
      }
    });
  }

  private closeLesson(): void {
    this.lesson = undefined;
    this.report = undefined;
    globalThis.localStorage?.removeItem(PROGRESS_KEY);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-lesson': KpLesson;
  }
}
