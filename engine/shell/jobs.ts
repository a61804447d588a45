// The terminal's background jobs (`cmd &`): bash's job table, as `jobs` and `kill %N` see it.
// Job numbers count up per terminal; pids are what `[1] 4243` printed.
import type { AndOr, Command, Pipeline, Word } from './ast.ts';
import type { ShellState } from './state.ts';

export interface Job {
  id: number;
  pid: number;
  /** The command as bash shows it (without the trailing `&`). */
  command: string;
  state: 'Running' | 'Done' | 'Terminated' | `Exit ${number}`;
  killed: boolean;
  kill(): void;
}

const tables = new WeakMap<ShellState, { next: number; jobs: Job[] }>();

function table(state: ShellState): { next: number; jobs: Job[] } {
  let t = tables.get(state);
  if (!t) tables.set(state, (t = { next: 1, jobs: [] }));
  return t;
}

export function jobsOf(state: ShellState): Job[] {
  return table(state).jobs;
}

/** Registers a new running job; its `kill` is wired by the shell that runs it. */
export function addJob(state: ShellState, command: string): Job {
  const t = table(state);
  const id = t.next++;
  const job: Job = { id, pid: 4242 + id, command, state: 'Running', killed: false, kill: () => undefined };
  t.jobs.push(job);
  return job;
}

/** Forgets finished jobs once reported (bash drops them after printing their status). */
export function dropJob(state: ShellState, job: Job): void {
  const t = table(state);
  t.jobs = t.jobs.filter((j) => j !== job);
}

/** `+` marks the current (newest) job, `-` the previous one. */
export function marker(state: ShellState, job: Job): string {
  const js = jobsOf(state);
  if (js[js.length - 1] === job) return '+';
  if (js[js.length - 2] === job) return '-';
  return ' ';
}

/** bash's status line: `[1]+  Running                 kubectl port-forward svc/web 8080:80 &`. */
export function statusLine(state: ShellState, job: Job): string {
  const running = job.state === 'Running';
  return `[${job.id}]${marker(state, job)}  ${job.state.padEnd(24)}${job.command}${running ? ' &' : ''}\n`;
}

function wordText(w: Word): string {
  return w
    .map((p) => (p.t === 'lit' ? (p.quoted && /[\s'"]/.test(p.s) ? `'${p.s}'` : p.s) : p.t === 'var' ? `$${p.name}` : `$(${p.script})`))
    .join('');
}

function commandText(c: Command): string {
  if (c.t !== 'simple') return c.t;
  return [...c.assigns.map((a) => `${a.name}=${wordText(a.value)}`), ...c.words.map(wordText)].join(' ');
}

const pipelineText = (p: Pipeline) => `${p.negate ? '! ' : ''}${p.commands.map(commandText).join(' | ')}`;

/** The job's command line, rebuilt from its syntax tree. */
export function andOrText(a: AndOr): string {
  return [pipelineText(a.first), ...a.rest.map((r) => `${r.op} ${pipelineText(r.pipeline)}`)].join(' ');
}
