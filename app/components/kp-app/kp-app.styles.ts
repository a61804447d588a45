// Page layout. kp-app renders into light DOM (xterm and Monaco need global CSS), so these
// rules are installed on the document and scoped by the kp-app element name.
import { css } from 'lit';

export const appStyles = css`
  kp-app {
    display: grid;
    grid-template-rows: auto 1fr;
    height: 100vh;
    overflow: hidden;
  }
  kp-app :focus-visible {
    outline: 2px solid var(--kp-focus);
    outline-offset: 1px;
  }
  kp-app button {
    font: inherit;
    color: var(--kp-text);
    background: var(--kp-surface);
    border: 1px solid var(--kp-border);
    border-radius: var(--kp-radius);
    padding: 3px 10px;
    cursor: pointer;
  }
  kp-app button:hover {
    background: var(--kp-surface-2);
  }
  /* Out of the grid flow, so the layout is the same with or without it. */
  kp-app .banner {
    position: fixed;
    left: 50%;
    bottom: 16px;
    transform: translateX(-50%);
    z-index: 20;
    display: flex;
    gap: 12px;
    align-items: center;
    padding: 8px 12px;
    color: var(--kp-text);
    background: var(--kp-surface);
    border: 1px solid var(--kp-warn, var(--kp-border));
    border-radius: var(--kp-radius);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
  }
  kp-app .header {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 6px 12px;
    border-bottom: 1px solid var(--kp-border);
    background: var(--kp-surface);
    flex-wrap: wrap;
  }
  kp-app .brand {
    font-weight: 700;
    font-size: 16px;
    letter-spacing: 0.2px;
  }
  kp-app .cluster {
    font-size: 12px;
    color: var(--kp-text-muted);
    border: 1px solid var(--kp-border);
    border-radius: 999px;
    padding: 1px 9px;
  }
  kp-app .spacer {
    flex: 1;
  }
  kp-app .main {
    display: grid;
    grid-template-columns: minmax(220px, 300px) minmax(0, 1fr) minmax(320px, 34%);
    min-height: 0;
  }
  kp-app .main.lesson-collapsed {
    grid-template-columns: 36px minmax(0, 1fr) minmax(320px, 34%);
  }
  kp-app .panel {
    display: flex;
    flex-direction: column;
    min-height: 0;
    min-width: 0;
    border-right: 1px solid var(--kp-border);
    background: var(--kp-surface);
  }
  kp-app .panel-head {
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 4px 10px;
    font-size: 11px;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.6px;
    color: var(--kp-text-muted);
    background: var(--kp-surface-2);
    border-bottom: 1px solid var(--kp-border);
    min-height: 24px;
  }
  kp-app .panel-head button {
    margin-left: auto;
    padding: 0 6px;
    font-size: 12px;
    text-transform: none;
    letter-spacing: 0;
  }
  kp-app .lesson-collapsed .lesson-panel .panel-head {
    writing-mode: vertical-rl;
    padding: 8px 4px;
    height: 100%;
  }
  kp-app .lesson-collapsed .lesson-panel .panel-head button {
    margin: 0 0 8px 0;
    order: -1;
  }
  kp-app .lesson-collapsed kp-lesson {
    display: none;
  }
  kp-app kp-lesson,
  kp-app kp-topology {
    flex: 1;
    min-height: 0;
  }
  kp-app .center {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr) auto minmax(160px, 40%);
    min-height: 0;
    min-width: 0;
    border-right: 1px solid var(--kp-border);
  }
  kp-app .center .panel-head:not(:first-child),
  kp-app .right .panel-head:not(:first-child) {
    border-top: 1px solid var(--kp-border);
  }
  kp-app kp-terminal {
    display: block;
    min-height: 0;
    padding: 4px 0 0 8px;
    background: var(--kp-term-bg);
    overflow: hidden;
  }
  kp-app .right {
    display: grid;
    /* One column as wide as the panel: a wide describe line or verdict table scrolls inside it
       instead of widening the column past the window (the inspector's tabs went off screen). */
    grid-template-columns: minmax(0, 1fr);
    grid-template-rows: auto minmax(0, 1fr) auto minmax(140px, 38%);
    min-height: 0;
    min-width: 0;
    background: var(--kp-surface);
  }
  kp-app kp-inspector {
    min-height: 0;
    min-width: 0;
  }
  kp-app .tabs {
    display: none;
  }
  kp-app .boot {
    position: fixed;
    inset: 0;
    display: grid;
    place-items: center;
    background: var(--kp-bg);
    z-index: 10;
  }
  kp-app .boot .box {
    width: min(360px, 80vw);
    text-align: center;
    color: var(--kp-text-muted);
  }
  kp-app .progress {
    height: 4px;
    margin-top: 10px;
    border-radius: 2px;
    background: var(--kp-surface-2);
    overflow: hidden;
  }
  kp-app .progress div {
    width: 40%;
    height: 100%;
    background: var(--kp-accent);
    animation: kp-indeterminate 1s ease-in-out infinite;
  }
  @keyframes kp-indeterminate {
    from { transform: translateX(-100%); }
    to { transform: translateX(250%); }
  }
  kp-app dialog {
    border: 1px solid var(--kp-border);
    border-radius: 8px;
    background: var(--kp-surface);
    color: var(--kp-text);
    max-width: 420px;
    padding: 16px 18px;
  }
  kp-app dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  kp-app dialog h2 {
    margin: 0 0 8px;
    font-size: 16px;
  }
  kp-app dialog .row {
    display: flex;
    gap: 8px;
    justify-content: flex-end;
    margin-top: 14px;
  }
  kp-app dialog .danger {
    background: var(--kp-err);
    border-color: var(--kp-err);
    color: #fff;
  }
  kp-app dialog table {
    border-collapse: collapse;
  }
  kp-app dialog td {
    padding: 3px 8px;
  }
  kp-app dialog td:first-child {
    white-space: nowrap;
  }
  kp-app kbd {
    font: 12px var(--kp-font-mono);
    border: 1px solid var(--kp-border);
    border-bottom-width: 2px;
    border-radius: 4px;
    padding: 0 5px;
    background: var(--kp-surface-2);
  }
  @media (prefers-reduced-motion: reduce) {
    kp-app .progress div {
      animation: none;
      width: 100%;
      opacity: 0.5;
    }
  }
  /* Narrow screens: one panel at a time, chosen by tabs. */
  @media (max-width: 899px) {
    kp-app {
      grid-template-rows: auto auto 1fr;
    }
    kp-app .tabs {
      display: flex;
      gap: 4px;
      padding: 4px 8px;
      border-bottom: 1px solid var(--kp-border);
      overflow-x: auto;
    }
    kp-app .tabs button[aria-selected='true'] {
      background: var(--kp-accent);
      border-color: var(--kp-accent);
      color: var(--kp-accent-text);
    }
    kp-app .main,
    kp-app .main.lesson-collapsed {
      display: block;
      position: relative;
    }
    kp-app .main > * {
      display: none !important;
    }
    kp-app .main[data-tab='lesson'] > .lesson-panel,
    kp-app .main[data-tab='cluster'] > .center,
    kp-app .main[data-tab='terminal'] > .center,
    kp-app .main[data-tab='editor'] > .right,
    kp-app .main[data-tab='inspector'] > .right {
      display: flex !important;
      flex-direction: column;
      height: 100%;
    }
    kp-app .main[data-tab='cluster'] kp-terminal,
    kp-app .main[data-tab='cluster'] .term-head,
    kp-app .main[data-tab='terminal'] kp-topology,
    kp-app .main[data-tab='terminal'] .topo-head,
    kp-app .main[data-tab='editor'] kp-inspector,
    kp-app .main[data-tab='editor'] .insp-head,
    kp-app .main[data-tab='inspector'] kp-editor,
    kp-app .main[data-tab='inspector'] .edit-head {
      display: none;
    }
    kp-app .main kp-terminal,
    kp-app .main kp-editor,
    kp-app .main kp-inspector,
    kp-app .main kp-topology {
      flex: 1;
    }
    kp-app .lesson-collapsed kp-lesson {
      display: block;
    }
  }
`;
