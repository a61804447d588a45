// `kill %N` / `kill PID`: stops a background job (a port-forward stops listening); bash then
// reports it as Terminated before the next prompt.
import { dropJob, jobsOf, statusLine, type Job } from '../jobs.ts';
import type { Builtin } from './builtin.ts';

const USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

export const kill: Builtin = async ({ args, io, host }) => {
  const operands = args.filter((a, i) => !(a.startsWith('-') && a.length > 1) && args[i - 1] !== '-s' && args[i - 1] !== '-n');
  if (operands.length === 0) {
    io.err(USAGE);
    return 2;
  }
  let code = 0;
  const killed: Job[] = [];
  for (const op of operands) {
    const list = jobsOf(host.state).filter((j) => j.state === 'Running');
    let job: Job | undefined;
    if (op.startsWith('%')) {
      const spec = op.slice(1);
      job = spec === '' || spec === '+' || spec === '%' ? list[list.length - 1] : spec === '-' ? list[list.length - 2] : /^\d+$/.test(spec) ? list.find((j) => j.id === Number(spec)) : list.find((j) => j.command.startsWith(spec));
      if (!job) {
        io.err(`bash: kill: ${op}: no such job\n`);
        code = 1;
        continue;
      }
    } else if (/^\d+$/.test(op)) {
      job = list.find((j) => j.pid === Number(op));
      if (!job) {
        io.err(`bash: kill: (${op}) - No such process\n`);
        code = 1;
        continue;
      }
    } else {
      io.err(`bash: kill: ${op}: arguments must be process or job IDs\n`);
      code = 1;
      continue;
    }
    job.kill();
    killed.push(job);
  }
  // Let the jobs notice the signal and stop.
  await Promise.resolve();
  for (const job of killed) {
    job.state = 'Terminated';
    io.err(statusLine(host.state, job));
    dropJob(host.state, job);
  }
  return code;
};
