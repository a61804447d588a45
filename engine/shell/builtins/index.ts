// Every command the terminal knows. Anything else is `bash: NAME: command not found`.
import { awk } from './awk.ts';
import type { Builtin } from './builtin.ts';
import { cat } from './cat.ts';
import { curl } from './curl.ts';
import { echo } from './echo.ts';
import { env, exportBuiltin, unset } from './export.ts';
import { grep } from './grep.ts';
import { head } from './head.ts';
import { help } from './help.ts';
import { jobs } from './jobs.ts';
import { kill } from './kill.ts';
import { kubectl } from './kubectl.ts';
import { cd, clear, falseBuiltin, ls, pwd, rm, sleep, trueBuiltin } from './misc.ts';
import { sim } from './sim.ts';
import { sort } from './sort.ts';
import { tail } from './tail.ts';
import { wc } from './wc.ts';
import { wget } from './wget.ts';

export const BUILTINS: Readonly<Record<string, Builtin>> = {
  awk, cat, cd, clear, echo, env, export: exportBuiltin, false: falseBuiltin, grep, head, help, k: kubectl, kubectl, ls, pwd, rm, sim, sleep, sort,
  tail, true: trueBuiltin, unset, wc,
  curl, wget, jobs, kill,
};
