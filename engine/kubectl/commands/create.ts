// kubectl create -f (objects from manifests, `created` per object, AlreadyExists reported
// with the file name) and the generator subcommands (create deployment, namespace, ...).
// Mirrors k8s.io/kubectl/pkg/cmd/create/create.go.
import { resourceKey } from '../../apiserver/registry.ts';
import { ApiError } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf, MUTATION_FLAGS, printMutation, fieldValidationOf } from '../mutation.ts';
import { reportErrors, type Reported } from '../server-errors.ts';
import { LAST_APPLIED, lastAppliedJson, printWarnings, targetNamespace } from './apply.ts';
import { createConfigMap } from './create-configmap.ts';
import { createCronJob } from './create-cronjob.ts';
import { createDeployment } from './create-deployment.ts';
import { createJob } from './create-job.ts';
import { createNamespace } from './create-namespace.ts';
import { createIngress } from './create-ingress.ts';
import { createPdb, createPriorityClass, createQuota } from './create-misc.ts';
import { createClusterRole, createClusterRoleBinding, createRole, createRoleBinding } from './create-rbac.ts';
import { createSecret } from './create-secret.ts';
import { createService } from './create-service.ts';
import { createServiceAccount } from './create-serviceaccount.ts';
import { readManifestsOrReport } from './manifest-args.ts';

export const create: Command = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  flags: [
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'edit', type: 'bool' },
    { name: 'raw', type: 'string' },
    { name: 'windows-line-endings', type: 'bool' },
    ...MUTATION_FLAGS,
  ],
  subcommands: [
    createDeployment,
    createNamespace,
    createConfigMap,
    createJob,
    createCronJob,
    createSecret,
    createService,
    createServiceAccount,
    createRole,
    createClusterRole,
    createRoleBinding,
    createClusterRoleBinding,
    createQuota,
    createPriorityClass,
    createIngress,
    createPdb,
  ],
  run,
};

async function run(cx: CommandContext): Promise<number> {
  const files = cx.flags.list('filename');
  if (files.length === 0) throw new CommandError('must specify one of -f and -k');
  const dry = dryRunOf(cx);
  fieldValidationOf(cx); // refuses a bad --validate before any request
  const docs = readManifestsOrReport(cx, files);
  if (!docs) return 1;
  const errors: Reported[] = [...docs.errors];
  for (const m of docs.objects) {
    try {
      const ns = targetNamespace(cx, m);
      const obj = structuredClone(m.object);
      if (ns) obj.metadata.namespace = ns;
      if (cx.flags.bool('save-config')) obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedJson(obj) };
      if (dry === 'client') {
        printMutation(cx, obj, 'created', dry);
        continue;
      }
      const r = cx.api.create(resourceKey(m.type), ns, obj, { dryRun: dry === 'server', fieldValidation: fieldValidationOf(cx) });
      printWarnings(cx, r.warnings);
      printMutation(cx, r.object, 'created', dry);
    } catch (e) {
      if (!(e instanceof ApiError) && !(e instanceof CommandError)) throw e;
      errors.push({ error: e, from: { verb: 'creating', source: m.source } });
    }
  }
  reportErrors((t) => cx.err(t), errors);
  return errors.length ? 1 : 0;
}
