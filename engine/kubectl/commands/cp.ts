// kubectl cp (k8s.io/kubectl pkg/cmd/cp): [[namespace/]pod:]file/path specs, one side local
// (a workspace file) and one in a container (its filesystem, network/container-fs.ts). Upstream
// streams tar through exec; here the files are copied directly, with kubectl's and tar's
// messages (a leading `/` is stripped by tar, which says so on stderr).
import type { Pod } from '../../api/core-v1.ts';
import { ContainerFs } from '../../network/container-fs.ts';
import { imageFlavour } from '../../network/exec-context.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { pickContainer } from './exec.ts';

interface FileSpec {
  namespace?: string;
  pod?: string;
  file: string;
}

function extractFileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  const bad = new CommandError('filespec must match the canonical format: [[namespace/]pod:]file/path');
  if (i === 0) throw bad;
  if (i < 0) return { file: arg };
  const pieces = arg.slice(0, i).split('/');
  const file = arg.slice(i + 1);
  if (pieces.length === 1) return { pod: pieces[0]!, file };
  if (pieces.length === 2) return { namespace: pieces[0]!, pod: pieces[1]!, file };
  throw bad;
}

/** path.Clean for remote paths. */
function cleanPath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(part);
  }
  return (abs ? '/' : '') + out.join('/') || (abs ? '/' : '.');
}

const base = (p: string) => cleanPath(p).split('/').pop() || '';

export const cp: Command = {
  name: 'cp',
  short: 'Copy files and directories to and from containers',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'no-preserve', type: 'bool' },
    { name: 'retries', type: 'int' },
  ],
  run,
};

function target(cx: CommandContext, spec: FileSpec): { pod: Pod; fs: ContainerFs; busybox: boolean } {
  const ns = spec.namespace ?? cx.namespace;
  const pod = cx.api.get<Pod>('pods', ns, spec.pod!);
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
    throw new CommandError(`cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
  const name = pickContainer(cx, pod, false);
  const c = pod.spec.containers.find((x) => x.name === name);
  if (!c) throw new CommandError(`container ${name} is not valid for pod ${pod.metadata.name}`);
  if (!pod.status?.containerStatuses?.find((s) => s.name === name)?.state?.running) throw new CommandError(`unable to upgrade connection: container not found ("${name}")`);
  return { pod, fs: new ContainerFs(cx.engine, pod, c), busybox: imageFlavour(c.image) !== 'debian' };
}

function run(cx: CommandContext): number {
  const args = cx.flags.args;
  if (args.length !== 2) throw new CommandError('source and destination are required', cx.helpHint());
  const src = extractFileSpec(args[0]!);
  const dest = extractFileSpec(args[1]!);
  if (src.pod && dest.pod) throw new CommandError('one of src or dest must be a local file specification');
  if (!src.file || !dest.file) throw new CommandError('filepath can not be empty');
  if (src.pod) return copyFromPod(cx, src, dest);
  if (dest.pod) return copyToPod(cx, src, dest);
  throw new CommandError('one of src or dest must be a remote file specification');
}

function copyToPod(cx: CommandContext, src: FileSpec, dest: FileSpec): number {
  const ws = cx.env.workspace;
  const local = src.file.replace(/^\.\//, '');
  const prefix = `${local.replace(/\/+$/, '')}/`;
  const single = ws.read(src.file);
  const tree = ws.list().filter((f) => f.name.startsWith(prefix));
  if (single === undefined && tree.length === 0) throw new CommandError(`${src.file} doesn't exist in local filesystem`);
  const { fs } = target(cx, dest);
  const remote = dest.file.startsWith('/') ? dest.file : `/${dest.file}`;
  let destPath = cleanPath(remote);
  // An existing directory receives the file under its own name (checkDestinationIsDir).
  if (fs.dirs().has(destPath)) destPath = cleanPath(`${destPath}/${base(local)}`);
  const fail = (e: string | undefined) => {
    if (e) cx.err(`tar: ${destPath}: Cannot open: ${e}\n`);
    return e ? 1 : 0;
  };
  if (single !== undefined) return fail(fs.write(destPath, single));
  fs.mkdir(destPath);
  for (const f of tree) if (fail(fs.write(`${destPath}/${f.name.slice(prefix.length)}`, f.content))) return 1;
  return 0;
}

function copyFromPod(cx: CommandContext, src: FileSpec, dest: FileSpec): number {
  const { fs, busybox } = target(cx, src);
  const remote = cleanPath(src.file.startsWith('/') ? src.file : `/${src.file}`);
  if (src.file.startsWith('/')) cx.err(busybox ? `tar: removing leading '/' from member names\n` : "tar: Removing leading `/' from member names\n");
  const files = fs.files();
  const local = dest.file.replace(/\/+$/, '') || dest.file;
  if (files.has(remote)) {
    cx.env.workspace.write(local, files.get(remote)!);
    return 0;
  }
  if (fs.dirs(files).has(remote)) {
    const prefix = remote === '/' ? '/' : `${remote}/`;
    for (const [k, v] of files) if (k.startsWith(prefix)) cx.env.workspace.write(`${local}/${k.slice(prefix.length)}`, v);
    return 0;
  }
  // tar fails on the pod side; kubectl reads an empty archive and copies nothing.
  cx.err(busybox ? `tar: ${src.file}: No such file or directory\n` : `tar: ${src.file}: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n`);
  return 0;
}
