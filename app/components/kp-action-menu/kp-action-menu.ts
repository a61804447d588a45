// A menu button (WAI-ARIA menu button pattern): the trigger opens a list of actions; arrow
// keys move, Enter/Space choose, Escape closes and gives focus back to the trigger. Used for
// the topology's component and node menus. Emits `kp-menu-select` with the chosen item id.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { controls } from '../../styles/tokens.ts';

export interface MenuItem {
  id: string;
  label: string;
  /** Shown greyed and skipped. */
  disabled?: boolean;
}

@customElement('kp-action-menu')
export class KpActionMenu extends LitElement {
  static override styles = [
    controls,
    css`
      :host { position: relative; display: inline-block; }
      .trigger { font: inherit; }
      [role='menu'] {
        position: absolute;
        z-index: 10;
        top: calc(100% + 2px);
        left: 0;
        min-width: 150px;
        display: flex;
        flex-direction: column;
        padding: 4px;
        background: var(--kp-surface);
        border: 1px solid var(--kp-border);
        border-radius: var(--kp-radius, 6px);
        box-shadow: 0 4px 14px rgb(0 0 0 / 0.18);
      }
      [role='menuitem'] {
        text-align: left;
        border: 0;
        background: transparent;
        padding: 4px 8px;
        border-radius: 4px;
        font: inherit;
        color: inherit;
        cursor: pointer;
      }
      [role='menuitem']:hover,
      [role='menuitem']:focus-visible { background: var(--kp-hover, rgb(127 127 127 / 0.15)); outline: none; }
      [role='menuitem'][aria-disabled='true'] { opacity: 0.5; cursor: default; }
    `,
  ];

  /** Accessible name of the trigger ("Actions for node sandbox-worker"). */
  @property() label = '';
  @property({ attribute: false }) items: MenuItem[] = [];
  @state() open = false;
  @query('.trigger') private trigger!: HTMLButtonElement;

  override render() {
    return html`<button
        class="trigger"
        part="trigger"
        aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${this.label}
        title=${this.label}
        @click=${this.toggle}
        @keydown=${this.onTriggerKey}
      ><slot></slot></button>${this.open
        ? html`<div role="menu" aria-label=${this.label} @keydown=${this.onMenuKey} @focusout=${this.onFocusOut}>
            ${this.items.map(
              (i) => html`<button role="menuitem" tabindex="-1" data-id=${i.id} aria-disabled=${i.disabled ? 'true' : nothing} @click=${() => this.choose(i)}>${i.label}</button>`,
            )}
          </div>`
        : nothing}`;
  }

  private menuItems(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([aria-disabled="true"])')];
  }

  private async show(focus: 'first' | 'last' = 'first'): Promise<void> {
    this.open = true;
    await this.updateComplete;
    const items = this.menuItems();
    (focus === 'first' ? items[0] : items.at(-1))?.focus();
  }

  close(returnFocus = true): void {
    if (!this.open) return;
    this.open = false;
    if (returnFocus) this.trigger?.focus();
  }

  private toggle(): void {
    if (this.open) this.close();
    else void this.show();
  }

  private onTriggerKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      void this.show(e.key === 'ArrowDown' ? 'first' : 'last');
    }
  }

  private onMenuKey(e: KeyboardEvent): void {
    const items = this.menuItems();
    const i = items.indexOf(this.renderRoot.querySelector<HTMLButtonElement>('[role="menuitem"]:focus') ?? items[0]!);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      items[(i + 1) % items.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i - 1 + items.length) % items.length]?.focus();
    } else if (e.key === 'Home') {
      e.preventDefault();
      items[0]?.focus();
    } else if (e.key === 'End') {
      e.preventDefault();
      items.at(-1)?.focus();
    } else if (e.key === 'Tab') this.close(false);
  }

  private onFocusOut(e: FocusEvent): void {
    const to = e.relatedTarget as Node | null;
    if (to && this.renderRoot.contains(to)) return;
    this.close(false);
  }

  private choose(i: MenuItem): void {
    if (i.disabled) return;
    this.close();
    this.dispatchEvent(new CustomEvent('kp-menu-select', { detail: { id: i.id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-action-menu': KpActionMenu;
  }
}
