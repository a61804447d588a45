import { css } from 'lit';
import { controls } from '../../styles/tokens.ts';

export const topologyStyles = [
  controls,
  css`
    :host {
      display: block;
      overflow: auto;
      padding: 10px 12px;
      box-sizing: border-box;
      font-size: 13px;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
      margin-bottom: 10px;
    }
    .bar .title {
      font-weight: 600;
      color: var(--kp-text-muted);
      margin-right: 4px;
    }
    .bar label {
      margin-left: auto;
      color: var(--kp-text-muted);
      display: flex;
      gap: 4px;
      align-items: center;
    }
    .comp {
      display: inline-flex;
      align-items: center;
      gap: 5px;
      border: 1px solid var(--kp-border);
      border-radius: 999px;
      padding: 2px 9px;
      background: var(--kp-surface);
    }
    kp-action-menu.comp-menu::part(trigger) {
      border: 0;
      padding: 0;
      background: transparent;
      cursor: pointer;
      border-radius: 999px;
    }
    kp-action-menu.node-menu {
      position: absolute;
      top: 6px;
      right: 6px;
    }
    kp-action-menu.node-menu::part(trigger) {
      padding: 0 7px;
      line-height: 1.4;
    }
    .notice:empty {
      display: none;
    }
    .notice {
      margin: 0 0 8px;
      color: var(--kp-text-muted);
      font-size: 12px;
    }
    .add-node-form {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      margin-bottom: 10px;
      padding: 6px 8px;
      border: 1px solid var(--kp-border);
      border-radius: var(--kp-radius);
    }
    .add-node-form label {
      display: flex;
      gap: 4px;
      align-items: center;
      color: var(--kp-text-muted);
    }
    .comp .word {
      font-size: 11px;
      color: var(--kp-text-muted);
    }
    .mark {
      font-size: 10px;
      line-height: 1;
    }
    .tone-running { --tone: var(--kp-ok); --tone-bg: var(--kp-ok-bg); }
    .tone-pending { --tone: var(--kp-warn); --tone-bg: var(--kp-warn-bg); }
    .tone-error { --tone: var(--kp-err); --tone-bg: var(--kp-err-bg); }
    .tone-completed { --tone: var(--kp-done); --tone-bg: var(--kp-done-bg); }
    .tone-terminating,
    .tone-unknown { --tone: var(--kp-gone); --tone-bg: var(--kp-gone-bg); }
    .comp .mark,
    .node .state .mark {
      color: var(--tone);
    }
    .tray {
      border: 1px dashed var(--kp-warn);
      border-radius: var(--kp-radius);
      padding: 6px 8px;
      margin-bottom: 10px;
      background: var(--kp-surface);
    }
    .tray h3,
    .node h3 {
      margin: 0;
      font-size: 13px;
      font-weight: 600;
    }
    .nodes {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(230px, 1fr));
      gap: 10px;
    }
    .node {
      border: 1px solid var(--kp-border);
      border-radius: var(--kp-radius);
      background: var(--kp-surface);
      padding: 8px;
      display: flex;
      flex-direction: column;
      gap: 6px;
      min-width: 0;
      /* the node menu sits in the top-right corner */
      position: relative;
    }
    .node > .node-head {
      padding-right: 30px;
    }
    .node.not-ready {
      border-color: var(--kp-err);
    }
    .node.cordoned {
      background: repeating-linear-gradient(135deg, var(--kp-surface), var(--kp-surface) 8px, var(--kp-surface-2) 8px, var(--kp-surface-2) 16px);
    }
    .node-head {
      display: flex;
      align-items: baseline;
      gap: 6px;
      background: none;
      border: none;
      padding: 0;
      text-align: left;
      width: 100%;
    }
    .node-head:hover {
      background: none;
      text-decoration: underline;
    }
    .node-head {
      flex-wrap: wrap;
    }
    .node-head h3 {
      overflow-wrap: anywhere;
    }
    .role,
    .muted {
      color: var(--kp-text-muted);
      font-size: 12px;
    }
    .state {
      margin-left: auto;
      font-size: 12px;
      white-space: nowrap;
    }
    .taints {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    .taint {
      font-family: var(--kp-font-mono);
      font-size: 11px;
      border: 1px solid var(--kp-border);
      border-radius: 4px;
      padding: 0 4px;
      color: var(--kp-text-muted);
      overflow-wrap: anywhere;
    }
    .usage {
      display: grid;
      grid-template-columns: 32px 1fr auto;
      align-items: center;
      gap: 2px 6px;
      font-size: 11px;
      color: var(--kp-text-muted);
    }
    .meter {
      height: 4px;
      border-radius: 2px;
      background: var(--kp-surface-2);
      overflow: hidden;
    }
    .meter > div {
      height: 100%;
      background: var(--kp-accent);
      transition: width var(--kp-motion) ease-out;
    }
    .group {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px;
    }
    .owner {
      width: 100%;
      font-size: 11px;
      color: var(--kp-text-muted);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .pod {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      font: 11px/1.5 var(--kp-font-mono);
      padding: 0 6px;
      border-radius: 999px;
      border: 1px solid var(--tone);
      background: var(--tone-bg);
      color: var(--kp-text);
      max-width: 100%;
      animation: kp-appear var(--kp-motion) ease-out;
    }
    .pod .dot {
      width: 7px;
      height: 7px;
      border-radius: 50%;
      border: 1.5px solid var(--tone);
      box-sizing: border-box;
      flex: none;
    }
    .pod .dot.ready {
      background: var(--tone);
    }
    .pod .word {
      color: var(--tone);
      font-family: var(--kp-font-ui);
    }
    .pod.tone-pending {
      animation: kp-appear var(--kp-motion) ease-out, kp-pulse 1.2s ease-in-out infinite alternate;
    }
    .pod.tone-terminating {
      opacity: 0.6;
      border-style: dashed;
    }
    .pod.leaving {
      animation: kp-leave 280ms ease-in forwards;
      pointer-events: none;
    }
    .dots .pod {
      width: 10px;
      height: 10px;
      padding: 0;
      border-radius: 50%;
      background: var(--tone);
    }
    .dots .pod > * {
      display: none;
    }
    .restarts {
      color: var(--kp-err);
    }
    .services {
      margin-top: 10px;
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      align-items: center;
    }
    .svc {
      border: 1px solid var(--kp-border);
      border-radius: 999px;
      padding: 1px 9px;
      background: var(--kp-surface);
      font-size: 12px;
    }
    .empty {
      margin: 14px 2px;
      color: var(--kp-text-muted);
    }
    .empty code {
      background: var(--kp-surface-2);
      padding: 1px 4px;
      border-radius: 4px;
      color: var(--kp-text);
    }
    @keyframes kp-appear {
      from { opacity: 0; transform: scale(0.6); }
    }
    @keyframes kp-leave {
      to { opacity: 0; transform: scale(0.6); }
    }
    @keyframes kp-pulse {
      from { opacity: 1; }
      to { opacity: 0.55; }
    }
    @media (prefers-reduced-motion: reduce) {
      .pod,
      .pod.tone-pending,
      .pod.leaving,
      .meter > div {
        animation: none;
        transition: none;
      }
      .pod.leaving {
        opacity: 0;
      }
    }
  `,
];
