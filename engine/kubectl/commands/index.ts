// The kubectl commands kubeplay implements. One entry per command file; order does not
// matter (help and suggestions follow kubectl's own order in help.ts).
import type { Command } from '../command.ts';
import { annotate } from './annotate.ts';
import { apply } from './apply.ts';
import { config } from './config.ts';
import { create } from './create.ts';
import { del } from './delete.ts';
import { describe } from './describe.ts';
import { get } from './get.ts';
import { apiResources, apiVersions, clusterInfo, version } from './info.ts';
import { label } from './label.ts';
import { logs } from './logs.ts';
import { rollout } from './rollout.ts';
import { runCmd } from './run.ts';
import { scale } from './scale.ts';
import { cordon, uncordon } from './cordon.ts';
import { drain } from './drain.ts';
import { taint } from './taint.ts';
import { set } from './set.ts';
import { patch } from './patch.ts';
import { replace } from './replace.ts';
import { wait } from './wait.ts';
import { events } from './events.ts';
import { execCmd } from './exec.ts';
import { cp } from './cp.ts';
import { expose } from './expose.ts';
import { portForward } from './port-forward.ts';
import { explain } from './explain.ts';
import { auth } from './auth.ts';
import { diff } from './diff.ts';
import { edit } from './edit.ts';
import { autoscale } from './autoscale.ts';
import { top } from './top.ts';

export const COMMANDS: Command[] = [
  create,
  runCmd,
  get,
  del,
  scale,
  rollout,
  set,
  clusterInfo,
  describe,
  logs,
  apply,
  label,
  annotate,
  apiResources,
  config,
  version,
  cordon,
  uncordon,
  drain,
  taint,
  patch,
  replace,
  wait,
  events,
  explain,
  execCmd,
  cp,
  expose,
  portForward,
  auth,
  apiVersions,
  autoscale,
  top,
  diff,
  edit,
];
