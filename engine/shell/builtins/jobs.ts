// `jobs`: the terminal's background jobs in bash's format; finished ones are listed once.
import { dropJob, jobsOf, statusLine } from '../jobs.ts';
import type { Builtin } from './builtin.ts';

export const jobs: Builtin = ({ io, host }) => {
  for (const job of [...jobsOf(host.state)]) {
    io.out(statusLine(host.state, job));
    if (job.state !== 'Running') dropJob(host.state, job);
  }
  return 0;
};
