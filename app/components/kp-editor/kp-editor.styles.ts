// Light-DOM styles (Monaco needs light DOM), scoped by the element name.
export const editorCss = `
kp-editor { display: flex; flex-direction: column; min-height: 0; min-width: 0; }
kp-editor .files { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; padding: 6px 8px; border-bottom: 1px solid var(--kp-border); }
kp-editor .files button, kp-editor .actions button { font: inherit; font-size: 12px; color: var(--kp-text); background: var(--kp-surface); border: 1px solid var(--kp-border); border-radius: var(--kp-radius); padding: 2px 8px; cursor: pointer; }
kp-editor .files button[aria-selected='true'] { background: var(--kp-surface-2); border-color: var(--kp-accent); font-weight: 600; }
kp-editor .files input { font: 12px var(--kp-font-mono); width: 120px; padding: 2px 4px; border: 1px solid var(--kp-accent); border-radius: 4px; background: var(--kp-surface); color: var(--kp-text); }
kp-editor .files .dirty::after { content: ' •'; color: var(--kp-text-muted); }
kp-editor .host { flex: 1; min-height: 120px; position: relative; }
kp-editor .loading { position: absolute; inset: 0; display: grid; place-items: center; color: var(--kp-text-muted); }
kp-editor .actions { display: flex; align-items: center; gap: 8px; padding: 6px 8px; border-top: 1px solid var(--kp-border); }
kp-editor .actions .apply { background: var(--kp-accent); border-color: var(--kp-accent); color: var(--kp-accent-text); font-weight: 600; padding: 3px 14px; }
kp-editor .actions .hint { color: var(--kp-text-muted); font-size: 12px; }
kp-editor :focus-visible { outline: 2px solid var(--kp-focus); outline-offset: 1px; }
kp-editor .result { margin: 0 8px 8px; padding: 6px 8px; border-radius: var(--kp-radius); font: 12px/1.45 var(--kp-font-mono); white-space: pre-wrap; overflow-wrap: anywhere; max-height: 9em; overflow: auto; }
kp-editor .result.ok { background: var(--kp-ok-bg); color: var(--kp-text); border-left: 3px solid var(--kp-ok); }
kp-editor .result.err { background: var(--kp-err-bg); color: var(--kp-text); border-left: 3px solid var(--kp-err); }
kp-editor .result .icon { font-family: var(--kp-font-ui); font-weight: 700; }
kp-editor .result.ok .icon { color: var(--kp-ok); }
kp-editor .result.err .icon { color: var(--kp-err); }
`;
