import { css } from 'lit';
import { controls } from '../../styles/tokens.ts';

export const lessonStyles = [
  controls,
  css`
    :host {
      display: block;
      overflow: auto;
      padding: 10px 12px;
      box-sizing: border-box;
      line-height: 1.5;
    }
    h2 { font-size: 15px; margin: 0 0 4px; }
    h3 { font-size: 14px; margin: 12px 0 4px; }
    h4, h5, h6 { font-size: 13px; margin: 10px 0 4px; }
    p { margin: 6px 0; }
    ul, ol { padding-left: 20px; margin: 6px 0; }
    .muted { color: var(--kp-text-muted); font-size: 12px; }
    .list { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 6px; }
    .list button { width: 100%; text-align: left; padding: 6px 8px; }
    .list .title { font-weight: 600; display: block; }
    code { background: var(--kp-surface-2); border-radius: 4px; padding: 0 3px; font-size: 12px; }
    .cmd {
      display: block;
      width: 100%;
      text-align: left;
      padding: 0;
      margin: 6px 0;
      background: var(--kp-surface-2);
      border: 1px solid var(--kp-border);
      position: relative;
    }
    .cmd pre { margin: 0; padding: 6px 64px 6px 8px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; }
    .cmd .paste { position: absolute; right: 6px; top: 4px; font-size: 11px; color: var(--kp-text-muted); }
    .cmd:hover .paste, .cmd:focus-visible .paste { color: var(--kp-accent); }
    .out {
      margin: 6px 0;
      padding: 6px 8px;
      font-size: 12px;
      background: var(--kp-surface);
      border: 1px dashed var(--kp-border);
      border-radius: var(--kp-radius);
      overflow-x: auto;
    }
    .checks { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-direction: column; gap: 4px; }
    .check { display: flex; gap: 6px; align-items: baseline; }
    .check .icon { width: 1.2em; text-align: center; font-weight: 700; color: var(--kp-text-muted); flex: none; }
    .check.passed .icon, .check.passed .label { color: var(--kp-ok); }
    .check .detail { display: block; color: var(--kp-text-muted); font-size: 12px; }
    .hint { background: var(--kp-warn-bg); border-left: 3px solid var(--kp-warn); padding: 4px 8px; margin: 4px 0; border-radius: 4px; }
    .nav { display: flex; gap: 6px; margin-top: 12px; align-items: center; flex-wrap: wrap; }
    .done { background: var(--kp-ok-bg); border-left: 3px solid var(--kp-ok); padding: 6px 8px; border-radius: 4px; margin-top: 10px; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .intro { color: var(--kp-text-muted); }
    .back { padding: 0 6px; font-size: 12px; margin-bottom: 6px; }
  `,
];
