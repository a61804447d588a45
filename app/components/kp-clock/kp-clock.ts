// The clock control: pause / play / x1 x2 x10 x60 / step, and the virtual time.
// Between batches the display runs on locally at the current speed, so it ticks smoothly.
import { LitElement, css, html, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ClockSpeed, ClockState, EngineApi } from '../../../engine/engine-api.ts';
import { feedFor } from '../../model/cluster-feed.ts';
import { controls } from '../../styles/tokens.ts';
import { formatElapsed } from './format.ts';

// Drawn, not font glyphs: ⏸/⏭ are missing from many system fonts.
const ICON_PAUSE = svg`<rect x="3" y="2" width="3.5" height="12" rx="1"/><rect x="9.5" y="2" width="3.5" height="12" rx="1"/>`;
const ICON_PLAY = svg`<path d="M4 2.5v11l9-5.5z"/>`;
const ICON_STEP = svg`<path d="M2.5 2.5v11l8-5.5z"/><rect x="11" y="2.5" width="2.5" height="11" rx="1"/>`;
const icon = (body: ReturnType<typeof svg>) => html`<svg viewBox="0 0 16 16" width="12" height="12" fill="currentColor" aria-hidden="true">${body}</svg>`;

const SPEEDS: Exclude<ClockSpeed, 0>[] = [1, 2, 10, 60];
const TICK_MS = 250;

@customElement('kp-clock')
export class KpClock extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: inline-flex; align-items: center; gap: 4px; }
      [role='group'] { display: inline-flex; gap: 2px; }
      button { padding: 2px 7px; font-size: 12px; min-width: 28px; line-height: 16px; display: inline-flex; align-items: center; justify-content: center; }
      .time { font: 13px var(--kp-font-mono); min-width: 8ch; text-align: right; padding: 0 6px; }
      .paused { color: var(--kp-warn); font-size: 11px; }
    `,
  ];

  /** The engine whose clock this drives. */
  @property({ attribute: false }) engine: EngineApi | undefined;

  @state() clock: ClockState | undefined;
  @state() private shownElapsed = 0;
  private lastSpeed: Exclude<ClockSpeed, 0> = 1;
  private receivedAt = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private stop: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    if (this.hasUpdated) this.attach(); // first attach happens in willUpdate
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
    this.stop?.();
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('engine') && this.isConnected) this.attach();
  }

  private attach(): void {
    this.stop?.();
    if (!this.engine) return;
    const feed = feedFor(this.engine);
    this.stop = feed.listen(() => {
      if (feed.model.clock) this.setClock(feed.model.clock);
    });
  }

  private setClock(clock: ClockState): void {
    this.clock = clock;
    if (clock.speed !== 0) this.lastSpeed = clock.speed;
    this.receivedAt = performance.now();
    this.shownElapsed = clock.elapsed;
  }

  private tick(): void {
    const c = this.clock;
    if (!c || c.speed === 0) return;
    this.shownElapsed = c.elapsed + (performance.now() - this.receivedAt) * c.speed;
  }

  get paused(): boolean {
    return this.clock?.speed === 0;
  }

  /** Space: pause when running, resume the last speed when paused. */
  async toggle(): Promise<void> {
    await this.setSpeed(this.paused ? this.lastSpeed : 0);
  }

  async setSpeed(speed: ClockSpeed): Promise<void> {
    if (this.engine) this.setClock(await this.engine.setSpeed(speed));
  }

  async step(): Promise<void> {
    if (this.engine) this.setClock(await this.engine.step());
  }

  override render() {
    const speed = this.clock?.speed;
    const when = this.clock ? new Date(this.clock.now - this.clock.elapsed + this.shownElapsed).toISOString().replace('.000Z', 'Z') : '';
    return html`<div role="group" aria-label="Clock">
        <button aria-pressed=${speed === 0} title="Pause the cluster clock (Space)" aria-label="Pause" @click=${() => void this.setSpeed(0)}>${icon(ICON_PAUSE)}</button>
        <button aria-pressed="false" title="Play at x${this.lastSpeed} (Space)" aria-label="Play" @click=${() => void this.setSpeed(this.lastSpeed)}>${icon(ICON_PLAY)}</button>
        ${SPEEDS.map((s) => html`<button aria-pressed=${speed === s} title="Run at ${s}× real time" @click=${() => void this.setSpeed(s)}>x${s}</button>`)}
        <button title="Step to the next thing that happens" aria-label="Step" @click=${() => void this.step()}>${icon(ICON_STEP)}</button>
      </div>
      <span class="time" title="Virtual time ${when}" aria-label="Cluster time ${formatElapsed(this.shownElapsed)}">${formatElapsed(this.shownElapsed)}</span>
      ${speed === 0 ? html`<span class="paused">paused</span>` : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-clock': KpClock;
  }
}
