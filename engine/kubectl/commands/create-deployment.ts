// kubectl create deployment NAME --image=IMG [--replicas=N] [--port=N]: the object
// kubectl's generator builds (labels app=NAME, container named after the image), fields in
// the Go struct order so `-o json` matches. Mirrors pkg/cmd/create/create_deployment.go.
import type { KubeObject } from '../../api/meta.ts';
import { ApiError } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf, MUTATION_FLAGS, printMutation } from '../mutation.ts';
import { printWarnings } from './apply.ts';

export const createDeployment: Command = {
  name: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  flags: [
    { name: 'image', type: 'stringSlice' },
    { name: 'replicas', short: 'r', type: 'int' },
    { name: 'port', type: 'int' },
    ...MUTATION_FLAGS,
  ],
  run,
};

/** Container name from an image reference: last path segment without tag or digest. */
export function containerNameFor(image: string): string {
  let ref = image.split('@')[0]!;
  const slash = ref.lastIndexOf('/');
  ref = ref.slice(slash + 1);
  const colon = ref.indexOf(':');
  return colon >= 0 ? ref.slice(0, colon) : ref;
}

export function deploymentObject(name: string, images: string[], replicas: number, port: number, namespace?: string): KubeObject {
  const labels = { app: name };
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name, ...(namespace ? { namespace } : {}), creationTimestamp: null, labels } as unknown as KubeObject['metadata'],
    spec: {
      replicas,
      selector: { matchLabels: { ...labels } },
      template: {
        metadata: { creationTimestamp: null, labels: { ...labels } },
        spec: {
          containers: images.map((image) => ({
            name: containerNameFor(image),
            image,
            ...(port >= 0 ? { ports: [{ containerPort: port }] } : {}),
            resources: {},
          })),
        },
      },
      strategy: {},
    },
    status: {},
  };
}

async function run(cx: CommandContext): Promise<number> {
  const images = cx.flags.list('image');
  if (images.length === 0) {
    cx.klogFatal('required flag(s) "image" not set');
    return 1;
  }
  const args = cx.flags.args;
  if (args.length !== 1) throw new CommandError(`exactly one NAME is required, got ${args.length}`, cx.helpHint());
  const dry = dryRunOf(cx);
  const name = args[0]!;
  const replicas = cx.flags.int('replicas', 1);
  const port = cx.flags.int('port', -1);
  if (images.length > 1 && cx.flags.str('command')) throw new CommandError('cannot specify multiple --image options and command');
  const obj = deploymentObject(name, images, replicas, port);
  if (dry === 'client') {
    printMutation(cx, obj, 'created', dry, true);
    return 0;
  }
  const ns = cx.namespace;
  const toSend = structuredClone(obj);
  toSend.metadata.namespace = ns;
  try {
    const r = cx.api.create('deployments.apps', ns, toSend, { dryRun: dry === 'server' });
    printWarnings(cx, r.warnings);
    printMutation(cx, r.object, 'created', dry);
    return 0;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    // create_deployment.go wraps every API error with %v, so it prints as `error: ...`.
    throw new CommandError(`failed to create deployment: ${e.status.message}`);
  }
}
