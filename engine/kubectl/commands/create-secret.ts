// kubectl create secret generic|docker-registry|tls. Mirrors pkg/cmd/create/create_secret.go,
// create_secret_docker.go and create_secret_tls.go.
import type { KubeObject } from '../../api/meta.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { MUTATION_FLAGS } from '../mutation.ts';
import { base64, createGenerated, meta, nameArg, readSource, sourceData } from './generator.ts';

const generic: Command = {
  name: 'generic',
  short: 'Create a secret from a local file, directory, or literal value',
  flags: [
    { name: 'from-literal', type: 'stringArray' },
    { name: 'from-file', type: 'stringSlice' },
    { name: 'from-env-file', type: 'stringSlice' },
    { name: 'type', type: 'string' },
    { name: 'append-hash', type: 'bool' },
    ...MUTATION_FLAGS,
  ],
  run(cx: CommandContext): number {
    const name = nameArg(cx);
    const data = sourceData(cx, 'Data for secret', name);
    const obj: KubeObject = { kind: 'Secret', apiVersion: 'v1', metadata: meta(name) };
    if (Object.keys(data).length) obj['data'] = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, base64(v)]));
    if (cx.flags.str('type')) obj['type'] = cx.flags.str('type');
    return createGenerated(cx, 'secrets', true, obj, 'failed to create secret ');
  },
};

const dockerRegistry: Command = {
  name: 'docker-registry',
  short: 'Create a secret for use with a Docker registry',
  flags: [
    { name: 'docker-server', type: 'string' },
    { name: 'docker-username', type: 'string' },
    { name: 'docker-password', type: 'string' },
    { name: 'docker-email', type: 'string' },
    { name: 'from-file', type: 'stringSlice' },
    { name: 'append-hash', type: 'bool' },
    ...MUTATION_FLAGS,
  ],
  run(cx: CommandContext): number {
    const name = nameArg(cx);
    const f = cx.flags;
    const files = f.list('from-file');
    const user = f.str('docker-username');
    const password = f.str('docker-password');
    const server = f.str('docker-server', 'https://index.docker.io/v1/');
    if (files.length === 0 && (!user || !password || !server))
      throw new CommandError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
    const data: Record<string, string> = {};
    if (files.length === 0) {
      const entry: Record<string, string> = { username: user, password };
      if (f.str('docker-email')) entry['email'] = f.str('docker-email');
      entry['auth'] = base64(`${user}:${password}`);
      data['.dockerconfigjson'] = base64(JSON.stringify({ auths: { [server]: entry } }));
    }
    for (const spec of files) {
      const i = spec.indexOf('=');
      const path = i >= 0 ? spec.slice(i + 1) : spec;
      data[i >= 0 ? spec.slice(0, i) : path.split('/').pop()!] = base64(readSource(cx, path));
    }
    const obj: KubeObject = { kind: 'Secret', apiVersion: 'v1', metadata: meta(name), data, type: 'kubernetes.io/dockerconfigjson' };
    return createGenerated(cx, 'secrets', true, obj, 'failed to create secret ');
  },
};

const tls: Command = {
  name: 'tls',
  short: 'Create a TLS secret',
  flags: [
    { name: 'cert', type: 'string' },
    { name: 'key', type: 'string' },
    { name: 'append-hash', type: 'bool' },
    ...MUTATION_FLAGS,
  ],
  run(cx: CommandContext): number {
    const name = nameArg(cx);
    const read = (path: string) => {
      const t = cx.env.workspace.read(path);
      if (t === undefined) throw new CommandError(`Cannot read file ${path}, open ${path}: no such file or directory`);
      return t;
    };
    if (!cx.flags.str('cert') || !cx.flags.str('key')) throw new CommandError('key and cert must be specified');
    const cert = read(cx.flags.str('cert'));
    const key = read(cx.flags.str('key'));
    if (!/-----BEGIN [A-Z ]*CERTIFICATE-----/.test(cert)) throw new CommandError('tls: failed to find any PEM data in certificate input');
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) throw new CommandError('tls: failed to find any PEM data in key input');
    const obj: KubeObject = { kind: 'Secret', apiVersion: 'v1', metadata: meta(name), data: { 'tls.crt': base64(cert), 'tls.key': base64(key) }, type: 'kubernetes.io/tls' };
    return createGenerated(cx, 'secrets', true, obj, 'failed to create secret ');
  },
};

export const createSecret: Command = {
  name: 'secret',
  short: 'Create a secret using a specified subcommand',
  flags: [],
  subcommands: [generic, dockerRegistry, tls],
};
