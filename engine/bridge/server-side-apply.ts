// PATCH with application/apply-patch+yaml (`kubectl apply --server-side`), basic form: the
// applied configuration creates the object when missing, else is merged into it as a
// strategic merge patch. Field ownership (managedFields, conflicts between managers) is not
// tracked.
import { parse } from 'yaml';
import type { KubeObject } from '../api/meta.ts';
import type { ApiServer } from '../apiserver/apiserver.ts';
import type { FieldValidation } from '../apiserver/schema/decode.ts';
import { badRequest } from '../apiserver/status.ts';

export interface ApplyOptions {
  dryRun: boolean;
  force: boolean;
  fieldManager: string;
  fieldValidation?: FieldValidation;
}

export function serverSideApply(
  api: ApiServer,
  key: string,
  namespace: string | undefined,
  name: string,
  body: string,
  opts: ApplyOptions,
): { object: KubeObject; warnings: string[]; created: boolean } {
  if (!opts.fieldManager) throw badRequest('PATCH requests with apply-patch+yaml require fieldManager to be set');
  let config: KubeObject;
  try {
    config = parse(body) as KubeObject;
  } catch (e) {
    throw badRequest(`error decoding YAML: ${(e as Error).message}`);
  }
  if (!config || typeof config !== 'object') throw badRequest('error decoding YAML: the object is empty');
  config.metadata ??= {};
  if (config.metadata.name && config.metadata.name !== name)
    throw badRequest(`the name of the object (${config.metadata.name}) does not match the name on the URL (${name})`);
  const write = { dryRun: opts.dryRun, ...(opts.fieldValidation ? { fieldValidation: opts.fieldValidation } : {}) };
  if (!api.tryGet(key, namespace, name)) {
    const r = api.create(key, namespace, { ...config, metadata: { ...config.metadata, name } }, write);
    return { ...r, created: true };
  }
  const { apiVersion: _v, kind: _k, ...patch } = config;
  const r = api.patch(key, namespace, name, 'strategic', patch, write);
  return { ...r, created: false };
}
