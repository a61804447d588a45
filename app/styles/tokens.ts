// Design tokens: one set of CSS custom properties, two themes. Custom properties inherit
// into every shadow root, so components only ever use var(--kp-...).
// Colours were picked for WCAG AA (>= 4.5:1 for text on its surface) in both themes.
import { css } from 'lit';

export type Theme = 'light' | 'dark';

export const tokens = css`
  :root {
    --kp-font-ui: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    --kp-font-mono: ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace;
    --kp-radius: 6px;
    --kp-gap: 8px;
    --kp-motion: 200ms;
    color-scheme: light;
    --kp-bg: #f6f8fa;
    --kp-surface: #ffffff;
    --kp-surface-2: #eff2f5;
    --kp-border: #d0d7de;
    --kp-text: #1f2328;
    --kp-text-muted: #59636e;
    --kp-accent: #0969da;
    --kp-accent-text: #ffffff;
    --kp-focus: #0969da;
    --kp-ok: #1a7f37;
    --kp-ok-bg: #dafbe1;
    --kp-warn: #8a5a00;
    --kp-warn-bg: #fff1c2;
    --kp-err: #cf222e;
    --kp-err-bg: #ffebe9;
    --kp-done: #4a5d72;
    --kp-done-bg: #e3eaf2;
    --kp-gone: #656d76;
    --kp-gone-bg: #eaeef2;
    --kp-term-bg: #ffffff;
    --kp-term-fg: #1f2328;
    --kp-term-cursor: #0969da;
    --kp-term-selection: #b6d7ff;
  }
  :root[data-theme='dark'] {
    color-scheme: dark;
    --kp-bg: #0d1117;
    --kp-surface: #151b23;
    --kp-surface-2: #212830;
    --kp-border: #3d444d;
    --kp-text: #e6edf3;
    --kp-text-muted: #9ea7b3;
    --kp-accent: #4493f8;
    --kp-accent-text: #0d1117;
    --kp-focus: #4493f8;
    --kp-ok: #3fb950;
    --kp-ok-bg: #12301c;
    --kp-warn: #d29922;
    --kp-warn-bg: #352a0c;
    --kp-err: #ff7b72;
    --kp-err-bg: #3d1618;
    --kp-done: #9fb4cc;
    --kp-done-bg: #1f2a36;
    --kp-gone: #9198a1;
    --kp-gone-bg: #262c33;
    --kp-term-bg: #0d1117;
    --kp-term-fg: #e6edf3;
    --kp-term-cursor: #4493f8;
    --kp-term-selection: #264f78;
  }
  html,
  body {
    margin: 0;
    height: 100%;
    background: var(--kp-bg);
    color: var(--kp-text);
    font-family: var(--kp-font-ui);
    font-size: 14px;
  }
`;

const THEME_KEY = 'kubeplay.theme';

export function initialTheme(): Theme {
  const saved = globalThis.localStorage?.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset['theme'] = theme;
  globalThis.localStorage?.setItem(THEME_KEY, theme);
  document.dispatchEvent(new CustomEvent('kp-theme', { detail: theme }));
}

export function currentTheme(): Theme {
  return document.documentElement.dataset['theme'] === 'dark' ? 'dark' : 'light';
}

/** Installs the tokens on the document once (idempotent). */
export function installTokens(): void {
  const sheet = tokens.styleSheet;
  if (sheet && !document.adoptedStyleSheets.includes(sheet)) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
}

/** Shared focus ring and button look for shadow roots. */
export const controls = css`
  :focus-visible {
    outline: 2px solid var(--kp-focus);
    outline-offset: 1px;
  }
  button {
    font: inherit;
    color: var(--kp-text);
    background: var(--kp-surface);
    border: 1px solid var(--kp-border);
    border-radius: var(--kp-radius);
    padding: 3px 10px;
    cursor: pointer;
  }
  button:hover {
    background: var(--kp-surface-2);
  }
  button[aria-pressed='true'] {
    background: var(--kp-accent);
    border-color: var(--kp-accent);
    color: var(--kp-accent-text);
  }
  button.primary {
    background: var(--kp-accent);
    border-color: var(--kp-accent);
    color: var(--kp-accent-text);
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  code,
  pre {
    font-family: var(--kp-font-mono);
  }
`;
