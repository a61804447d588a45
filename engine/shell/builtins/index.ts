// Every command the terminal knows. Anything else is `bash: NAME: command not found`.
import { awk } from './awk.ts';
import { base64 } from './base64.ts';
import type { Builtin } from './builtin.ts';
import { cat } from './cat.ts';
import { curl } from './curl.ts';
import { cut } from './cut.ts';
import { echo } from './echo.ts';
import { env, exportBuiltin, unset } from './export.ts';
import { grep } from './grep.ts';
import { head } from './head.ts';
import { help } from './help.ts';
import { jobs } from './jobs.ts';
import { kill } from './kill.ts';
import { kubectl } from './kubectl.ts';
import { cd, clear, falseBuiltin, ls, pwd, rm, sleep, trueBuiltin } from './misc.ts';
import { printf } from './printf.ts';
import { sed } from './sed.ts';
import { seq } from './seq.ts';
import { sim } from './sim.ts';
import { sort } from './sort.ts';
import { tail } from './tail.ts';
import { test } from './test.ts';
import { tr } from './tr.ts';
import { wc } from './wc.ts';
import { wget } from './wget.ts';
import { xargs } from './xargs.ts';

export const BUILTINS: Readonly<Record<string, Builtin>> = {
  awk, base64, cat, cd, clear, cut, echo, env, export: exportBuiltin, false: falseBuiltin, grep, head, help, k: kubectl, kubectl, ls, printf, pwd, rm, sed, seq, sim, sleep, sort,
  tail, test, '[': test, tr, true: trueBuiltin, unset, wc, xargs,
  curl, wget, jobs, kill,
};
