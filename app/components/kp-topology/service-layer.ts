// The traffic layer under the topology: a generator (requests per second at a Service) and,
// for that Service, one edge per pod it routes to with a running request counter; each new
// request sends a pulse along its edge, so load balancing, a pod dropping out of the endpoints
// (failing readiness) or a NetworkPolicy are visible at a glance.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { EngineApi, TrafficStats } from '../../../engine/engine-api.ts';

export interface TrafficService {
  name: string;
  namespace: string;
}

const RATES = [0, 1, 5, 20];
const POLL_MS = 250;

@customElement('kp-service-traffic')
export class KpServiceTraffic extends LitElement {
  static override styles = css`
    :host { display: block; margin-top: 8px; font-size: 13px; }
    .gen { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    .gen select, .gen button { font: inherit; }
    .gen button[aria-pressed='true'] { background: var(--kp-accent, #326ce5); color: white; border-color: transparent; }
    .edges { display: grid; grid-template-columns: max-content 1fr max-content; gap: 4px 8px; align-items: center; margin-top: 6px; }
    .svc { font-weight: 600; }
    .edge { position: relative; height: 2px; background: var(--kp-border, #ccc); min-width: 80px; }
    .pulse { position: absolute; top: -3px; width: 8px; height: 8px; border-radius: 50%; background: var(--kp-ok, #2e7d32); animation: travel 600ms linear forwards; }
    @keyframes travel { from { left: 0; opacity: 1; } to { left: calc(100% - 8px); opacity: 0.2; } }
    @media (prefers-reduced-motion: reduce) { .pulse { animation: none; left: calc(100% - 8px); } }
    .count { font-variant-numeric: tabular-nums; }
    .muted { color: var(--kp-text-muted, #666); }
    .failed { color: var(--kp-err, #c62828); }
  `;

  @property({ attribute: false }) engine: EngineApi | undefined;
  @property({ attribute: false }) services: TrafficService[] = [];

  @state() private stats: TrafficStats = { pods: {}, edges: {}, seq: 0 };
  @state() private target = '';
  /** Pulses in flight: edge key -> ids (one per request seen since the last poll, capped). */
  @state() private pulses = new Map<string, number[]>();
  private timer = 0;
  private pulseId = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = window.setInterval(() => void this.poll(), POLL_MS);
    void this.poll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    if (!this.engine) return;
    const next = await this.engine.traffic();
    const pulses = new Map<string, number[]>();
    for (const [k, n] of Object.entries(next.edges)) {
      const added = Math.min(3, n - (this.stats.edges[k] ?? 0));
      if (added > 0) pulses.set(k, Array.from({ length: added }, () => ++this.pulseId));
    }
    this.pulses = pulses;
    this.stats = next;
    if (next.generator && !this.target) this.target = `${next.generator.namespace}/${next.generator.service}`;
  }

  private async setRate(rps: number): Promise<void> {
    const key = this.target || (this.services[0] ? `${this.services[0].namespace}/${this.services[0].name}` : '');
    if (!this.engine || !key) return;
    this.target = key;
    const [namespace, service] = key.split('/') as [string, string];
    await this.engine.setTrafficGenerator(rps > 0 ? { namespace, service } : undefined, rps);
    await this.poll();
  }

  private onTarget(e: Event): void {
    this.target = (e.target as HTMLSelectElement).value;
    const rps = this.stats.generator?.rps ?? 0;
    if (rps > 0) void this.setRate(rps);
  }

  override render() {
    if (this.services.length === 0) return nothing;
    const g = this.stats.generator;
    const rps = g?.rps ?? 0;
    const key = this.target || `${this.services[0]!.namespace}/${this.services[0]!.name}`;
    const [ns, svc] = key.split('/') as [string, string];
    const prefix = `${ns}/${svc}>`;
    const edges = Object.entries(this.stats.edges).filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1));
    return html`
      <div class="gen" role="group" aria-label="Traffic generator">
        <label>Traffic to
          <select aria-label="Service to send traffic to" .value=${key} @change=${this.onTarget}>
            ${this.services.map((s) => html`<option value="${s.namespace}/${s.name}" ?selected=${`${s.namespace}/${s.name}` === key}>${s.name}</option>`)}
          </select>
        </label>
        ${RATES.map((r) => html`<button aria-pressed=${rps === r ? 'true' : 'false'} @click=${() => this.setRate(r)}>${r === 0 ? 'Off' : `${r} req/s`}</button>`)}
        ${g ? html`<span class="muted">${g.ok} ok</span>${g.failed ? html`<span class="failed">${g.failed} failed</span>` : nothing}` : nothing}
      </div>
      ${edges.length
        ? html`<div class="edges" aria-label="Requests per pod through ${svc}">
            ${repeat(edges, ([k]) => k, ([k, n]) => html`
              <span class="svc">${svc}</span>
              <span class="edge" data-edge=${k}>${(this.pulses.get(k) ?? []).map((id) => html`<span class="pulse" data-pulse=${id}></span>`)}</span>
              <span class="count" data-pod=${k.slice(prefix.length)}>${k.slice(prefix.length)} · ${n}</span>
            `)}
          </div>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-service-traffic': KpServiceTraffic;
  }
}
