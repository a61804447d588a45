// The transcript runner (DESIGN.md "The transcript format"): plays a session — what a
// learner types, one command a line, with here-documents and `sim` directives — echoing
// each command as `$ <command>` followed by exactly what the terminal shows. Blocking
// commands advance virtual time while they wait, bounded at 5 virtual minutes; blank lines
// and `# comments` are skipped.
import { recordCommand } from '../lessons/command-history.ts';
import type { CommandIO } from '../shell/command-io.ts';
import { heredocDelimiters } from '../shell/parse.ts';
import { runLine, type ShellHost } from '../shell/shell.ts';
import { promptOf } from '../network/foreground.ts';

/** How long a command that never ends by itself (get -w, logs -f) runs in a session. */
export const SESSION_COMMAND_BOUND_MS = 5 * 60_000;

export interface SessionEntry {
  /** What the session echoes after `$ ` (a here-document's first line only). */
  echo: string;
  /** The full entry given to the shell (command line plus here-document bodies). */
  text: string;
}

/** Splits a session into terminal entries: continuation lines joined, here-doc bodies attached. */
export function splitEntries(session: string): SessionEntry[] {
  const lines = session.replace(/\r\n/g, '\n').split('\n');
  const out: SessionEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const shown = [line];
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) {
      i++;
      shown.push(lines[i]!);
      line = `${line.slice(0, -1)}${lines[i]!}`;
    }
    const body: string[] = [];
    for (const h of heredocDelimiters(line)) {
      while (i + 1 < lines.length) {
        const next = lines[++i]!;
        body.push(next);
        if ((h.strip ? next.replace(/^\t+/, '') : next) === h.delim) break;
      }
    }
    out.push({ echo: shown.join('\n'), text: [line, ...body].join('\n') });
  }
  return out;
}

export async function runSession(text: string, host: ShellHost, write: (s: string) => void): Promise<void> {
  for (const entry of splitEntries(text)) {
    write(`${promptOf(host.state)}${entry.echo}\n`);
    let waited = 0;
    const io: CommandIO = {
      stdin: '',
      out: write,
      err: write,
      cancelled: () => waited >= SESSION_COMMAND_BOUND_MS,
      sleep: async (ms) => {
        const step = Math.min(ms, SESSION_COMMAND_BOUND_MS - waited);
        if (step <= 0) return;
        waited += step;
        host.engine.advance(step);
      },
    };
    // Lesson checks (commandUsed) see what a session typed, as they see what the terminal ran.
    recordCommand(host.engine.store, entry.text);
    await runLine(entry.text, io, host);
    // What the controllers do at the same instant (a Deployment's ReplicaSet, its pods)
    // happens before the next command, as it would within milliseconds on a real cluster.
    host.engine.runUntilQuiet();
  }
}
