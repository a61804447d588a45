// kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) --max=MAXPODS [--min=MINPODS]
// [--cpu-percent=CPU]: an autoscaling/v1 HorizontalPodAutoscaler for a scalable workload, as
// pkg/cmd/autoscale/autoscale.go builds it (the API server stores it as v2).
import type { KubeObject } from '../../api/meta.ts';
import { resourceKey } from '../../apiserver/registry.ts';
import { ApiError } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf, MUTATION_FLAGS, printMutation } from '../mutation.ts';
import { resolveArgs, ResourceArgError } from '../resource-args.ts';
import { errorText } from '../server-errors.ts';

const SCALABLE = new Set(['deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'replicationcontrollers']);

export const autoscale: Command = {
  name: 'autoscale',
  short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  flags: [
    { name: 'max', type: 'int' },
    { name: 'min', type: 'int' },
    { name: 'cpu-percent', type: 'int' },
    { name: 'name', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'record', type: 'bool' },
    ...MUTATION_FLAGS,
  ],
  run,
};

export function hpaObject(name: string, apiVersion: string, kind: string, target: string, max: number, min: number, cpu: number): KubeObject {
  const spec: Record<string, unknown> = { maxReplicas: max };
  if (min > 0) spec['minReplicas'] = min;
  spec['scaleTargetRef'] = { apiVersion, kind, name: target };
  if (cpu >= 0) spec['targetCPUUtilizationPercentage'] = cpu;
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: { creationTimestamp: null, name } as unknown as KubeObject['metadata'],
    spec,
    status: { currentReplicas: 0, desiredReplicas: 0 },
  };
}

async function run(cx: CommandContext): Promise<number> {
  const f = cx.flags;
  const max = f.int('max', -1);
  const min = f.int('min', -1);
  if (max < 1) throw new CommandError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new CommandError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  if (f.args.length === 0) throw new CommandError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
  let req;
  try {
    req = resolveArgs(f.args).requests[0]!;
  } catch (e) {
    if (e instanceof ResourceArgError) throw new CommandError(e.message);
    throw e;
  }
  const dry = dryRunOf(cx);
  const ns = cx.namespace;
  const key = resourceKey(req.type);
  let code = 0;
  for (const target of req.names) {
    let obj: KubeObject;
    try {
      obj = cx.api.get(key, ns, target);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      cx.err(errorText(e));
      code = 1;
      continue;
    }
    if (!SCALABLE.has(key)) {
      cx.err(`error: cannot autoscale a ${req.type.kind}: ${req.type.kind.toLowerCase()}s${req.type.group ? `.${req.type.group}` : ''} "${target}" not scalable\n`);
      code = 1;
      continue;
    }
    const hpa = hpaObject(f.str('name') || target, obj.apiVersion ?? 'v1', obj.kind ?? req.type.kind, target, max, min, f.has('cpu-percent') ? f.int('cpu-percent', -1) : -1);
    if (dry === 'client') {
      printMutation(cx, hpa, 'autoscaled', dry, true);
      continue;
    }
    try {
      const sent = structuredClone(hpa);
      sent.metadata.namespace = ns;
      const r = cx.api.create('horizontalpodautoscalers.autoscaling', ns, sent, { dryRun: dry === 'server' });
      printMutation(cx, { ...r.object, apiVersion: 'autoscaling/v1' }, 'autoscaled', dry);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      cx.err(errorText(e));
      code = 1;
    }
  }
  return code;
}
