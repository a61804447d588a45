// kubectl create serviceaccount NAME. Mirrors pkg/cmd/create/create_serviceaccount.go.
import type { Command } from '../command.ts';
import { MUTATION_FLAGS } from '../mutation.ts';
import { createGenerated, meta, nameArg } from './generator.ts';

export const createServiceAccount: Command = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Create a service account with the specified name',
  flags: [...MUTATION_FLAGS],
  run: (cx) => createGenerated(cx, 'serviceaccounts', true, { kind: 'ServiceAccount', apiVersion: 'v1', metadata: meta(nameArg(cx)) }, 'failed to create serviceaccount: '),
};
