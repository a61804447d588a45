// Page-wide keyboard shortcuts (UI.md "Keyboard"), as data so the help dialog lists them.
export const SHORTCUTS = [
  { keys: ['/'], action: 'Focus the terminal' },
  { keys: ['Ctrl', 'Enter'], action: 'Apply the file in the editor' },
  { keys: ['Space'], action: 'Pause or play the cluster clock' },
  { keys: ['?'], action: 'Show these shortcuts' },
  { keys: ['Tab'], action: 'Move between controls (in the terminal: complete)' },
  { keys: ['Ctrl', 'C'], action: 'Terminal: cancel the running command' },
  { keys: ['Esc'], action: 'Terminal: leave it, so Tab moves on' },
  { keys: ['Ctrl', 'M'], action: 'Editor: let Tab move focus instead of indenting' },
] as const;

/** True when a key press belongs to what has focus (text fields, the terminal, Monaco, buttons). */
export function isTypingTarget(path: EventTarget[]): boolean {
  for (const t of path) {
    if (!(t instanceof HTMLElement)) continue;
    if (t.isContentEditable) return true;
    const tag = t.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || tag === 'KP-TERMINAL' || tag === 'KP-EDITOR') return true;
    if (t.classList.contains('monaco-editor') || t.classList.contains('xterm')) return true;
  }
  return false;
}

/** Space also activates buttons and checkboxes; leave it to them. */
export function isActivatable(path: EventTarget[]): boolean {
  const t = path[0];
  return t instanceof HTMLElement && (t.tagName === 'BUTTON' || t.tagName === 'A' || t.getAttribute('role') === 'tab');
}
