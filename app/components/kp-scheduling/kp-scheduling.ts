// The inspector's "why" for a pod: the scheduler's last attempt as a table — one row per node,
// each filter plugin's verdict (the first failing one, with its reasons, as upstream stops
// there) and each score plugin's 0–100 score with the weighted total. Simulation-private data
// (EngineApi.schedulingVerdicts), never part of the Pod.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SchedulingVerdicts } from '../../../engine/engine-api.ts';

/** Default-profile weights, for the column headers. */
const WEIGHTS: Record<string, number> = {
  TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1, PodTopologySpread: 2, InterPodAffinity: 2, NodeResourcesBalancedAllocation: 1, ImageLocality: 1,
};

@customElement('kp-scheduling')
export class KpScheduling extends LitElement {
  static override styles = css`
    :host { display: block; overflow: auto; padding: 8px; font-size: 12px; }
    table { border-collapse: collapse; width: 100%; }
    th, td { border-bottom: 1px solid var(--kp-border); padding: 3px 6px; text-align: left; vertical-align: top; }
    th { font-weight: 600; color: var(--kp-text-muted); white-space: nowrap; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    tr.selected td { background: var(--kp-ok-bg); }
    .fail { color: var(--kp-err); }
    .ok { color: var(--kp-ok); }
    .message { font-family: var(--kp-font-mono); margin: 0 0 8px; white-space: pre-wrap; }
    .empty { color: var(--kp-text-muted); }
  `;

  @property({ attribute: false }) verdicts: SchedulingVerdicts | undefined;

  override render() {
    const v = this.verdicts;
    if (!v) return html`<p class="empty">The scheduler has not looked at this pod (it names its node, or no scheduling attempt happened yet).</p>`;
    const nodes = Object.entries(v.nodes).sort(([a], [b]) => (a < b ? -1 : 1));
    const scorers = [...new Set(nodes.flatMap(([, n]) => Object.keys(n.scores ?? {})))];
    return html`
      ${v.selected ? html`<p>Bound to <strong>${v.selected}</strong>.</p>` : nothing}
      ${v.message ? html`<p class="message" role="note">${v.message}</p>` : nothing}
      <table aria-label="Scheduler verdicts per node">
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Filters</th>
            ${scorers.map((s) => html`<th scope="col" title="weight ${WEIGHTS[s] ?? 1}">${s} ×${WEIGHTS[s] ?? 1}</th>`)}
            ${scorers.length ? html`<th scope="col">Total</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${nodes.map(([name, n]) => {
            const failed = n.filters.find((f) => f.code !== 'Success');
            return html`<tr class=${name === v.selected ? 'selected' : ''}>
              <th scope="row">${name}</th>
              <td>${failed
                ? html`<span class="fail">✕ ${failed.plugin}</span>: ${(failed.reasons ?? []).join(', ')}`
                : html`<span class="ok">✓ passed ${n.filters.length} filters</span>`}</td>
              ${scorers.map((s) => html`<td class="num">${n.scores?.[s] ?? ''}</td>`)}
              ${scorers.length ? html`<td class="num">${n.total ?? ''}</td>` : nothing}
            </tr>`;
          })}
        </tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-scheduling': KpScheduling;
  }
}
