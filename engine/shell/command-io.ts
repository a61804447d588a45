// What a command (kubectl, a shell builtin, a `sim` directive) gets to talk to the terminal
// and to let time pass. The same interface serves the tab (real-time clock), transcripts
// (virtual time advanced on demand) and tests.

export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  /** Standard input: a here-document's body or the previous command's output in a pipe. */
  stdin: string;
  /** True once the user pressed Ctrl-C (the tab) or the session's bound was reached. */
  cancelled(): boolean;
  /**
   * Lets `ms` of virtual time pass (blocking commands: get -w, rollout status, wait, logs -f).
   * In a transcript this advances the engine; in the tab it waits for the real-time driver.
   * Resolves early when cancelled.
   */
  sleep(ms: number): Promise<void>;
  /**
   * Opens `path` (already written to the workspace with `content`) in the page's editor and
   * resolves with the text the learner saved, or undefined if they closed it unsaved. Only the
   * tab provides it (kubectl edit); sessions and tests have no editor.
   */
  openEditor?(path: string, content: string): Promise<string | undefined>;
}

/** Collects output into a string (for `$(...)`, pipes, tests). */
export function bufferIO(stdin = '', parent?: Pick<CommandIO, 'cancelled' | 'sleep'>): CommandIO & { stdoutText(): string; stderrText(): string; combined(): string } {
  let stdout = '';
  let stderr = '';
  let combined = '';
  return {
    stdin,
    out(t) {
      stdout += t;
      combined += t;
    },
    err(t) {
      stderr += t;
      combined += t;
    },
    cancelled: () => parent?.cancelled() ?? false,
    sleep: (ms) => parent?.sleep(ms) ?? Promise.resolve(),
    stdoutText: () => stdout,
    stderrText: () => stderr,
    combined: () => combined,
  };
}
