// Every custom event the page's elements dispatch, typed once (bubbling, composed).
import type { InspectTarget, WorkspaceFile } from '../engine/engine-api.ts';

export interface KpInspectDetail {
  target: InspectTarget;
}
export interface KpPasteDetail {
  /** Command text to put at the terminal prompt (not run). */
  text: string;
}

/** `kubectl edit` wants the learner to edit a file; respond with the saved text or undefined. */
export interface KpEditRequestDetail {
  file: WorkspaceFile;
  respond(text: string | undefined): void;
}

declare global {
  interface DocumentEventMap {
    'kp-edit-request': CustomEvent<KpEditRequestDetail>;
  }
  interface HTMLElementEventMap {
    'kp-inspect': CustomEvent<KpInspectDetail>;
    'kp-paste': CustomEvent<KpPasteDetail>;
    'kp-applied': CustomEvent<{ fileName: string; exitCode: number }>;
  }
}

export function emit<K extends 'kp-inspect' | 'kp-paste' | 'kp-applied'>(
  from: HTMLElement,
  type: K,
  detail: HTMLElementEventMap[K]['detail'],
): void {
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
