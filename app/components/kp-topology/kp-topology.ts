// The live picture of the cluster: control-plane components, nodes as cards with their
// pods grouped by owner, the tray of unscheduled pods, and services. Click to inspect. Each
// component and node has a menu (stop/start, cordon, drain, remove) and "Add node" adds a
// worker: the faults a learner injects with the mouse, as `sim` directives do in sessions.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChangeBatch, ComponentName, ComponentState, EngineApi, FaultInfo, InspectTarget, NodeAction, Pod } from '../../../engine/engine-api.ts';
import '../kp-action-menu/kp-action-menu.ts';
import './service-layer.ts';
import type { MenuItem } from '../kp-action-menu/kp-action-menu.ts';
import { emit } from '../../events.ts';
import { feedFor, type ClusterFeed } from '../../model/cluster-feed.ts';
import { markClusterShown } from '../../model/cluster-shown.ts';
import { objectKeyOf } from '../../model/cluster-model.ts';
import { podOwner } from '../../model/owner.ts';
import { layout, podView, type GroupView, type NodeView, type PodView, type TopologyView, type Usage } from './layout.ts';
import { topologyStyles } from './kp-topology.styles.ts';

/** Above this many pods on one node, chips shrink to dots. */
export const DOTS_THRESHOLD = 40;
const LEAVE_MS = 300;

const COMPONENT_TONE: Record<string, string> = {
  Running: 'running', Starting: 'pending', Degraded: 'pending', Stopped: 'terminating', Crashed: 'error',
};
const TONE_MARK: Record<string, string> = {
  running: '●', pending: '◐', error: '✕', completed: '✓', terminating: '○', unknown: '?',
};

function formatBytes(x: number): string {
  return x >= 2 ** 30 ? `${+(x / 2 ** 30).toFixed(1)}Gi` : `${Math.round(x / 2 ** 20)}Mi`;
}

@customElement('kp-topology')
export class KpTopology extends LitElement {
  static override styles = topologyStyles;

  /** The engine to draw. */
  @property({ attribute: false }) engine: EngineApi | undefined;
  /** Show kube-system pods as chips (otherwise only counted). */
  @property({ type: Boolean, attribute: 'show-system' }) showSystem = false;

  @state() private view: TopologyView | undefined;
  /** What the last menu action did (announced politely). */
  @state() private notice = '';
  @state() private addingNode = false;
  /** The fault catalog with what is injected (the Faults menu and each node's fault items). */
  @state() private faults: FaultInfo[] = [];
  private faultsLoading = false;
  /** Pods deleted in the last moments, drawn fading out where they were. */
  private leaving = new Map<string, { pod: PodView; group: string; until: number }>();
  private feed: ClusterFeed | undefined;
  private stopListening: (() => void) | undefined;
  private frame = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.attach(); // first attach happens in willUpdate
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.detach();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('engine') && this.isConnected) this.attach();
    if (changed.has('showSystem') && this.feed?.loaded) this.recompute();
  }

  protected override updated(): void {
    // The moment a learner sees the cluster: what the cold-start benchmark measures.
    if ((this.view?.nodes.length ?? 0) > 0) markClusterShown();
  }

  private attach(): void {
    this.detach();
    if (!this.engine) return;
    this.feed = feedFor(this.engine);
    this.stopListening = this.feed.listen((batch) => this.onBatch(batch));
  }

  private detach(): void {
    this.stopListening?.();
    this.stopListening = undefined;
    this.feed = undefined;
    cancelAnimationFrame(this.frame);
  }

  private onBatch(batch: ChangeBatch | undefined): void {
    if (batch) this.noteDeletions(batch);
    void this.loadFaults();
    // Batches already come at most once a frame; coalesce further in case several land together.
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.recompute();
    });
  }

  private noteDeletions(batch: ChangeBatch): void {
    const model = this.feed?.model;
    if (!model || !this.view) return;
    const now = performance.now();
    let shownPods: Map<string, { pod: PodView; group: string }> | undefined;
    for (const d of batch.deleted) {
      if (d.kind !== 'Pod') continue;
      shownPods ??= this.shownPods();
      const key = objectKeyOf('Pod', d.namespace, d.name);
      const shown = shownPods.get(key);
      if (shown) this.leaving.set(key, { ...shown, until: now + LEAVE_MS });
    }
    if (this.leaving.size) setTimeout(() => this.recompute(), LEAVE_MS + 20);
  }

  /** Pods drawn in nodes now, by key (built once per batch that deletes pods). */
  private shownPods(): Map<string, { pod: PodView; group: string }> {
    const out = new Map<string, { pod: PodView; group: string }>();
    for (const n of this.view?.nodes ?? []) for (const g of n.groups) for (const pod of g.pods) out.set(pod.key, { pod, group: g.key });
    return out;
  }

  private recompute(): void {
    const model = this.feed?.model;
    if (!model) return;
    const view = layout(model, { showSystem: this.showSystem });
    const now = performance.now();
    for (const [key, l] of this.leaving) {
      if (l.until < now) {
        this.leaving.delete(key);
        continue;
      }
      const group = view.nodes.flatMap((n) => n.groups).find((g) => g.key === l.group);
      if (group && !group.pods.some((p) => p.key === key)) group.pods.push({ ...l.pod, key: `${key}#leaving` });
    }
    this.view = view;
  }

  /** Refreshes the fault list (one request in flight; a terminal `sim fault` shows up on the next batch). */
  private async loadFaults(): Promise<void> {
    if (!this.engine || this.faultsLoading) return;
    this.faultsLoading = true;
    try {
      this.faults = await this.engine.faults();
    } finally {
      this.faultsLoading = false;
    }
  }

  /** Inject/clear items for faults of one kind of target; ids are `inject:ID` / `clear:ID`. */
  private faultItems(target: 'cluster' | 'node', on = ''): MenuItem[] {
    return this.faults
      .filter((f) => f.target === target)
      .map((f) => (f.active.includes(on)
        ? { id: `clear:${f.id}`, label: `Clear: ${f.title}` }
        : { id: `inject:${f.id}`, label: `${f.oneShot ? 'Trigger' : 'Inject'}: ${f.title}` }));
  }

  private async faultAction(item: string, target?: string): Promise<void> {
    if (!this.engine) return;
    const i = item.indexOf(':');
    const id = item.slice(i + 1);
    const r = item.startsWith('clear:') ? await this.engine.clearFault(id, target) : await this.engine.injectFault(id, target);
    this.notice = r.message;
    await this.loadFaults();
  }

  /** Fresh view of one pod from the model (used by tests and hover text). */
  podView(namespace: string, name: string): PodView | undefined {
    const model = this.feed?.model;
    const pod = model?.get<Pod>('Pod', namespace, name);
    return pod ? podView(pod, podOwner(pod, model)?.name) : undefined;
  }

  override render() {
    const v = this.view;
    if (!v) return html`<p class="empty" role="status">Loading the cluster…</p>`;
    return html`
      <div class="bar" aria-label="Control plane">
        <span class="title">Control plane</span>
        ${v.components.map((c) => this.renderComponent(c))}
        <kp-action-menu
          class="faults-menu"
          label="Faults: inject or clear a cluster-wide fault"
          .items=${this.faultItems('cluster')}
          @kp-menu-select=${(e: CustomEvent<{ id: string }>) => this.faultAction(e.detail.id)}
        >Faults${this.faults.some((f) => f.active.length) ? html` <span class="word">(${this.faults.reduce((n, f) => n + f.active.length, 0)} active)</span>` : nothing}</kp-action-menu>
        <button class="add-node" aria-expanded=${this.addingNode ? 'true' : 'false'} @click=${this.onAddNodeToggle}>+ Add node</button>
        <label><input type="checkbox" .checked=${this.showSystem} @change=${this.onToggleSystem} /> kube-system pods</label>
      </div>
      ${this.addingNode ? this.renderAddNode(v) : nothing}
      <p class="notice" role="status" aria-live="polite">${this.notice}</p>
      ${v.unscheduled.length
        ? html`<section class="tray" aria-label="Not scheduled">
            <h3>Not scheduled <span class="muted">(${v.unscheduled.reduce((n, g) => n + g.pods.length, 0)} pending)</span></h3>
            ${v.unscheduled.map((g) => this.renderGroup(g))}
          </section>`
        : nothing}
      ${v.podCount === 0 && v.unscheduled.length === 0
        ? html`<p class="empty">No pods yet — try <code>kubectl create deployment web --image=nginx</code></p>`
        : nothing}
      <div class="nodes">${repeat(v.nodes, (n) => n.name, (n) => this.renderNode(n))}</div>
      ${v.nodes.length === 0 ? html`<p class="empty">No nodes.</p>` : nothing}
      ${v.services.length
        ? html`<div class="services" aria-label="Services">
            <span class="title muted">Services</span>
            ${v.services.map(
              (s) => html`<button class="svc" @click=${() => this.inspect({ kind: 'Service', namespace: s.namespace, name: s.name })}>
                ${s.name} <span class="muted">${s.type}</span> → ${s.ready} ready pod${s.ready === 1 ? '' : 's'}
              </button>`,
            )}
            <kp-service-traffic .engine=${this.engine} .services=${v.services}></kp-service-traffic>
          </div>`
        : nothing}
    `;
  }

  private renderComponent(c: ComponentState) {
    const tone = COMPONENT_TONE[c.phase] ?? 'unknown';
    const down = c.phase === 'Stopped' || c.phase === 'Crashed';
    const items: MenuItem[] = [{ id: down ? 'start' : 'stop', label: down ? `Start ${c.name}` : `Stop ${c.name}` }];
    return html`<kp-action-menu
      class="comp-menu"
      label="${c.name}: ${c.phase}. Actions"
      .items=${items}
      @kp-menu-select=${(e: CustomEvent<{ id: string }>) => this.componentAction(c.name as ComponentName, e.detail.id as 'stop' | 'start')}
    >
      <span class="comp tone-${tone}" title="${c.name}: ${c.phase}">
        <span class="mark" aria-hidden="true">${TONE_MARK[tone]}</span>${c.name}<span class="word">${c.phase}</span>
      </span>
    </kp-action-menu>`;
  }

  private nodeItems(n: NodeView): MenuItem[] {
    const kubeletDown = n.kubelet ? n.kubelet.phase === 'Stopped' || n.kubelet.phase === 'Crashed' : false;
    return [
      kubeletDown ? { id: 'start', label: 'Start kubelet' } : { id: 'stop', label: 'Stop kubelet' },
      n.cordoned ? { id: 'uncordon', label: 'Uncordon' } : { id: 'cordon', label: 'Cordon' },
      { id: 'drain', label: 'Drain' },
      { id: 'remove', label: 'Remove node' },
      // Node faults (engine/faults/catalog.ts), except those the items above already are.
      ...this.faultItems('node', n.name).filter((i) => !/:(kubelet-stopped|node-removed)$/.test(i.id)),
    ];
  }

  private renderAddNode(v: TopologyView) {
    let i = 2;
    while (v.nodes.some((n) => n.name === `sandbox-worker${i}`)) i++;
    return html`<form class="add-node-form" aria-label="Add a node" @submit=${this.onAddNode} @keydown=${this.onAddNodeKey}>
      <label>Name <input name="name" .value=${`sandbox-worker${i}`} required pattern="[a-z0-9]([-a-z0-9.]*[a-z0-9])?" /></label>
      <label>CPU <input name="cpu" .value=${'4'} size="3" /></label>
      <label>Memory <input name="memory" .value=${'8Gi'} size="5" /></label>
      <label>Labels <input name="labels" placeholder="k=v,k2=v2" size="14" /></label>
      <button type="submit">Add</button>
      <button type="button" @click=${() => (this.addingNode = false)}>Cancel</button>
    </form>`;
  }

  private onAddNodeToggle(): void {
    this.addingNode = !this.addingNode;
    if (this.addingNode) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('.add-node-form input[name="name"]')?.focus());
  }

  private onAddNodeKey(e: KeyboardEvent): void {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    this.addingNode = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.add-node')?.focus());
  }

  private async onAddNode(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const name = String(data.get('name') ?? '').trim();
    const labels = Object.fromEntries(
      String(data.get('labels') ?? '').split(',').map((kv) => kv.trim()).filter(Boolean).map((kv) => {
        const i = kv.indexOf('=');
        return i < 0 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)];
      }),
    );
    const cpu = String(data.get('cpu') ?? '').trim();
    const memory = String(data.get('memory') ?? '').trim();
    if (!this.engine || !name) return;
    const r = await this.engine.addNode(name, { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}), ...(Object.keys(labels).length ? { labels } : {}) });
    this.notice = r.message;
    if (r.ok) this.addingNode = false;
  }

  private async componentAction(name: ComponentName, action: 'stop' | 'start'): Promise<void> {
    if (!this.engine) return;
    this.notice = (await this.engine.setComponent(name, action)).message;
  }

  private async nodeAction(name: string, action: NodeAction): Promise<void> {
    if (!this.engine) return;
    this.notice = (await this.engine.nodeAction(name, action)).message;
  }

  private renderNode(n: NodeView) {
    const dots = n.podCount > DOTS_THRESHOLD;
    const tone = n.ready ? 'running' : 'error';
    return html`<section
      class="node ${n.ready ? '' : 'not-ready'} ${n.cordoned ? 'cordoned' : ''} ${dots ? 'dots' : ''}"
      aria-label="Node ${n.name}"
    >
      <button class="node-head" @click=${() => this.inspect({ kind: 'Node', name: n.name })} title="Describe node ${n.name}">
        <h3>${n.name}</h3>
        <span class="role">${n.role}</span>
        <span class="state tone-${tone}"><span class="mark" aria-hidden="true">${TONE_MARK[tone]}</span> ${n.status}</span>
      </button>
      <kp-action-menu
        class="node-menu"
        label="Actions for node ${n.name}"
        .items=${this.nodeItems(n)}
        @kp-menu-select=${(e: CustomEvent<{ id: string }>) =>
          e.detail.id.includes(':') ? this.faultAction(e.detail.id, n.name) : this.nodeAction(n.name, e.detail.id as NodeAction)}
      >⋯</kp-action-menu>
      ${n.kubelet && n.kubelet.phase !== 'Running' ? html`<span class="muted">kubelet: ${n.kubelet.phase}</span>` : nothing}
      ${n.taints.length ? html`<div class="taints">${n.taints.map((t) => html`<span class="taint" title="taint">${t}</span>`)}</div>` : nothing}
      <div class="usage">
        ${this.renderUsage('CPU', n.cpu, (x) => `${+x.toFixed(2)}`)} ${this.renderUsage('Mem', n.memory, formatBytes)}
      </div>
      ${repeat(n.groups, (g) => g.key, (g) => this.renderGroup(g))}
      ${n.podCount === 0 ? html`<span class="muted">no pods${n.hiddenSystemPods ? '' : ''}</span>` : nothing}
      ${n.hiddenSystemPods ? html`<span class="muted">+ ${n.hiddenSystemPods} kube-system pod${n.hiddenSystemPods === 1 ? '' : 's'}</span>` : nothing}
    </section>`;
  }

  private renderUsage(label: string, u: Usage, fmt: (x: number) => string) {
    const pct = u.allocatable > 0 ? Math.min(100, (u.requested / u.allocatable) * 100) : 0;
    return html`<span>${label}</span>
      <div class="meter" role="meter" aria-label="${label} requested" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.round(pct)}>
        <div style="width:${pct}%"></div>
      </div>
      <span>${fmt(u.requested)} / ${fmt(u.allocatable)}</span>`;
  }

  private renderGroup(g: GroupView) {
    const ownerText = g.ownerKind === 'Pod' ? '' : `${g.ownerKind === 'Deployment' ? 'deploy' : g.ownerKind.toLowerCase()}/${g.owner}`;
    return html`<div class="group" aria-label=${ownerText || 'standalone pods'}>
      ${ownerText ? html`<span class="owner" title="${g.ownerKind} ${g.namespace}/${g.owner}">${ownerText}${g.namespace !== 'default' ? html` <span>(${g.namespace})</span>` : nothing}</span>` : nothing}
      ${repeat(g.pods, (p) => p.key, (p) => this.renderPod(p))}
    </div>`;
  }

  private renderPod(p: PodView) {
    const leaving = p.key.endsWith('#leaving');
    const title = `${p.namespace}/${p.name}: ${p.status}${p.ready ? ', ready' : ', not ready'}${p.restarts ? `, ${p.restarts} restarts` : ''}`;
    return html`<button
      class="pod tone-${p.tone} ${leaving ? 'leaving' : ''}"
      title=${title}
      aria-label=${title}
      data-status=${p.status}
      data-pod=${p.name}
      @click=${() => this.inspect({ kind: 'Pod', namespace: p.namespace, name: p.name })}
    >
      <span class="dot ${p.ready ? 'ready' : ''}"></span><span>${p.label}</span><span class="word">${p.status}</span>${p.restarts
        ? html`<span class="restarts">↻${p.restarts}</span>`
        : nothing}
    </button>`;
  }

  private inspect(target: InspectTarget): void {
    emit(this, 'kp-inspect', { target });
  }

  private onToggleSystem(e: Event): void {
    this.showSystem = (e.target as HTMLInputElement).checked;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-topology': KpTopology;
  }
}
