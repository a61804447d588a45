// The inspector: `kubectl describe` of the selected object, or its YAML, refreshed while
// the object changes (at most twice a second).
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ChangeBatch, EngineApi, InspectTarget, SchedulingVerdicts } from '../../../engine/engine-api.ts';
import '../kp-scheduling/kp-scheduling.ts';
import { feedFor } from '../../model/cluster-feed.ts';
import { objectKeyOf } from '../../model/cluster-model.ts';
import { controls } from '../../styles/tokens.ts';

const REFRESH_MS = 500;
const TAB_LABEL = { describe: 'Describe', yaml: 'YAML', scheduling: 'Scheduling' } as const;
type Tab = 'describe' | 'yaml' | 'scheduling';

@customElement('kp-inspector')
export class KpInspector extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: flex; flex-direction: column; min-height: 0; }
      .head { display: flex; align-items: center; gap: 6px; padding: 6px 8px; border-bottom: 1px solid var(--kp-border); flex-wrap: wrap; }
      .name { font-family: var(--kp-font-mono); font-size: 12px; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; flex: 1; min-width: 0; }
      [role='tablist'] { display: flex; gap: 4px; }
      [role='tab'] { font-size: 12px; padding: 1px 8px; }
      [role='tab'][aria-selected='true'] { background: var(--kp-surface-2); border-color: var(--kp-accent); font-weight: 600; }
      pre { margin: 0; padding: 8px; overflow: auto; flex: 1; font: 12px/1.4 var(--kp-font-mono); white-space: pre; tab-size: 8; }
      .empty { padding: 10px; color: var(--kp-text-muted); }
      .gone { color: var(--kp-warn); font-size: 12px; }
    `,
  ];

  /** The engine to ask. */
  @property({ attribute: false }) engine: EngineApi | undefined;
  /** The object shown. */
  @property({ attribute: false }) target: InspectTarget | undefined;

  @state() tab: Tab = 'describe';
  @state() text = '';
  @state() deleted = false;
  /** The scheduler's verdicts for a Pod (the Scheduling tab). */
  @state() verdicts: SchedulingVerdicts | undefined;

  private stopListening: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFetch = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.listen(); // first listen happens in willUpdate
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening?.();
    this.stopListening = undefined;
    clearTimeout(this.timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('engine') && this.isConnected) this.listen();
    if (changed.has('target') && this.tab === 'scheduling' && this.target?.kind !== 'Pod') this.tab = 'describe';
    if (changed.has('target') || changed.has('tab')) {
      this.deleted = false;
      void this.fetch();
    }
  }

  private listen(): void {
    this.stopListening?.();
    if (this.engine) this.stopListening = feedFor(this.engine).listen((b) => this.onBatch(b));
  }

  private onBatch(batch: ChangeBatch | undefined): void {
    const t = this.target;
    if (!t || !batch) return;
    const key = objectKeyOf(t.kind, t.namespace, t.name);
    if (batch.deleted.some((d) => objectKeyOf(d.kind, d.namespace, d.name) === key)) this.deleted = true;
    // Describe shows events too, which change without the object changing: refresh on any batch, throttled.
    if (this.timer) return;
    const wait = Math.max(0, this.lastFetch + REFRESH_MS - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.fetch();
    }, wait);
  }

  async fetch(): Promise<void> {
    const t = this.target;
    if (!t || !this.engine) return;
    this.lastFetch = performance.now();
    if (this.tab === 'scheduling') {
      const uid = feedFor(this.engine).model?.get('Pod', t.namespace, t.name)?.metadata.uid;
      const verdicts = uid ? await this.engine.schedulingVerdicts(uid) : undefined;
      if (t === this.target) this.verdicts = verdicts;
      return;
    }
    const text = this.tab === 'describe' ? await this.engine.describe(t) : await this.engine.yaml(t);
    if (t === this.target) this.text = text;
  }

  override render() {
    const t = this.target;
    if (!t) return html`<p class="empty">Click a node or a pod to see its <code>kubectl describe</code>.</p>`;
    return html`<div class="head">
        <span class="name" title="${t.kind} ${t.namespace ? `${t.namespace}/` : ''}${t.name}">${t.kind.toLowerCase()}/${t.name}</span>
        ${this.deleted ? html`<span class="gone">deleted</span>` : nothing}
        <div role="tablist" aria-label="Inspector view">
          ${(t.kind === 'Pod' ? (['describe', 'yaml', 'scheduling'] as const) : (['describe', 'yaml'] as const)).map(
            (tab) => html`<button role="tab" aria-selected=${this.tab === tab} @click=${() => (this.tab = tab)}>${TAB_LABEL[tab]}</button>`,
          )}
        </div>
      </div>
      ${this.tab === 'scheduling' && t.kind === 'Pod' ? html`<kp-scheduling .verdicts=${this.verdicts}></kp-scheduling>` : html`<pre tabindex="0" aria-label="${this.tab === 'describe' ? 'kubectl describe' : 'kubectl get -o yaml'} output">${this.text}</pre>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-inspector': KpInspector;
  }
}
