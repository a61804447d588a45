// kubectl create cronjob NAME --image=IMG --schedule='*/1 * * * *' [--restart=OnFailure|Never]
// [-- COMMAND...]. Mirrors pkg/cmd/create/create_cronjob.go (the schedule is not checked
// client-side; the API server validates it).
import type { KubeObject } from '../../api/meta.ts';
import { ApiError } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf, MUTATION_FLAGS, printMutation } from '../mutation.ts';
import { printWarnings } from './apply.ts';

export const createCronJob: Command = {
  name: 'cronjob',
  aliases: ['cj'],
  short: 'Create a cron job with the specified name',
  flags: [{ name: 'image', type: 'string' }, { name: 'schedule', type: 'string' }, { name: 'restart', type: 'string' }, ...MUTATION_FLAGS],
  run,
};

export function cronJobObject(name: string, image: string, schedule: string, restart: string, command: string[]): KubeObject {
  return {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: { name, creationTimestamp: null } as unknown as KubeObject['metadata'],
    spec: {
      schedule,
      jobTemplate: {
        metadata: { name, creationTimestamp: null },
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: {
              containers: [{ name, image, ...(command.length ? { command } : {}), resources: {} }],
              restartPolicy: restart,
            },
          },
        },
      },
    },
    status: {},
  };
}

async function run(cx: CommandContext): Promise<number> {
  if (!cx.flags.has('schedule')) {
    cx.klogFatal('required flag(s) "schedule" not set');
    return 1;
  }
  const args = cx.flags.args;
  if (args.length !== 1) throw new CommandError(`exactly one NAME is required, got ${args.length}`, cx.helpHint());
  const name = args[0]!;
  const image = cx.flags.str('image');
  if (!image) throw new CommandError('--image must be specified');
  const restart = cx.flags.str('restart') || 'OnFailure';
  if (restart !== 'OnFailure' && restart !== 'Never') throw new CommandError(`restart must be either OnFailure or Never`);
  const obj = cronJobObject(name, image, cx.flags.str('schedule'), restart, cx.flags.parsed.dashArgs ?? []);
  const dry = dryRunOf(cx);
  if (dry === 'client') {
    printMutation(cx, obj, 'created', dry, true);
    return 0;
  }
  const toSend = structuredClone(obj);
  toSend.metadata.namespace = cx.namespace;
  try {
    const r = cx.api.create('cronjobs.batch', cx.namespace, toSend, { dryRun: dry === 'server' });
    printWarnings(cx, r.warnings);
    printMutation(cx, r.object, 'created', dry);
    return 0;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    throw new CommandError(`failed to create cronjob: ${e.status.message}`);
  }
}
