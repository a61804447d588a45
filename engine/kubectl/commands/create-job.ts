// kubectl create job NAME --image=IMG [-- COMMAND...] and kubectl create job NAME
// --from=cronjob/X (a manual run of a CronJob's template). Mirrors pkg/cmd/create/create_job.go.
import type { KubeObject } from '../../api/meta.ts';
import { resolveResource } from '../../apiserver/registry.ts';
import { ApiError } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf, MUTATION_FLAGS, printMutation } from '../mutation.ts';
import { printWarnings } from './apply.ts';

export const createJob: Command = {
  name: 'job',
  short: 'Create a job with the specified name',
  flags: [{ name: 'image', type: 'string' }, { name: 'from', type: 'string' }, ...MUTATION_FLAGS],
  run,
};

/** The Job the generator builds, fields in Go struct order (so -o json matches). */
export function jobObject(name: string, image: string, command: string[]): KubeObject {
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: { name, creationTimestamp: null } as unknown as KubeObject['metadata'],
    spec: {
      template: {
        metadata: { creationTimestamp: null },
        spec: {
          containers: [{ name, image, ...(command.length ? { command } : {}), resources: {} }],
          restartPolicy: 'Never',
        },
      },
    },
    status: {},
  };
}

function fromCronJob(cx: CommandContext, name: string, from: string): KubeObject {
  const slash = from.indexOf('/');
  const typed = slash < 0 ? '' : from.slice(0, slash);
  const t = resolveResource(typed);
  if (!t || t.kind !== 'CronJob') throw new CommandError(`unknown object type ${t?.kind ?? typed}`);
  const cj = cx.api.get('cronjobs.batch', cx.namespace, from.slice(slash + 1));
  const tpl = (cj['spec'] as { jobTemplate: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: unknown } }).jobTemplate;
  const meta: Record<string, unknown> = {
    name,
    creationTimestamp: null,
    annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tpl.metadata?.annotations ?? {}) },
  };
  if (tpl.metadata?.labels) meta['labels'] = { ...tpl.metadata.labels };
  meta['ownerReferences'] = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true }];
  return { kind: 'Job', apiVersion: 'batch/v1', metadata: meta as KubeObject['metadata'], spec: structuredClone(tpl.spec), status: {} };
}

async function run(cx: CommandContext): Promise<number> {
  const args = cx.flags.args;
  if (args.length !== 1) throw new CommandError(`exactly one NAME is required, got ${args.length}`, cx.helpHint());
  const name = args[0]!;
  const image = cx.flags.str('image');
  const from = cx.flags.str('from');
  if (!image && !from) throw new CommandError('either --image or --from must be specified');
  if (image && from) throw new CommandError('--image and --from are mutually exclusive');
  const command = cx.flags.parsed.dashArgs ?? [];
  if (from && command.length) throw new CommandError('cannot specify --from and command');
  const dry = dryRunOf(cx);
  try {
    const obj = from ? fromCronJob(cx, name, from) : jobObject(name, image, command);
    if (dry === 'client') {
      printMutation(cx, obj, 'created', dry, true);
      return 0;
    }
    const toSend = structuredClone(obj);
    toSend.metadata.namespace = cx.namespace;
    const r = cx.api.create('jobs.batch', cx.namespace, toSend, { dryRun: dry === 'server' });
    printWarnings(cx, r.warnings);
    printMutation(cx, r.object, 'created', dry);
    return 0;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status.reason === 'NotFound') throw e;
    throw new CommandError(`failed to create job: ${e.status.message}`);
  }
}
