// kubectl diff -f FILE: the live object against what applying the file would make (a server
// dry-run of the apply patch, or of the create), printed as `diff -u -N` of two YAML files
// in LIVE-*/MERGED-* temp folders; exit 1 when they differ. Mirrors pkg/cmd/diff/diff.go.
import type { KubeObject } from '../../api/meta.ts';
import { resourceKey } from '../../apiserver/registry.ts';
import { ApiError } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { stripManagedFields } from '../printers/objects.ts';
import { toYaml } from '../printers/yaml.ts';
import { errorText } from '../server-errors.ts';
import { threeWayPatch } from '../three-way.ts';
import { unifiedHunks } from '../unified-diff.ts';
import { LAST_APPLIED, lastAppliedJson, targetNamespace } from './apply.ts';
import { readManifestsOrReport } from './manifest-args.ts';

export const diff: Command = {
  name: 'diff',
  short: 'Diff the live version against a would-be applied version',
  flags: [
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'server-side', type: 'bool' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'field-manager', type: 'string' },
    { name: 'prune', type: 'bool' },
    { name: 'prune-allowlist', type: 'stringArray' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'concurrency', type: 'int' },
  ],
  run,
};

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}000000 +0000`;
}

function show(cx: CommandContext, o: KubeObject | undefined): string {
  if (!o) return '';
  return toYaml(cx.flags.bool('show-managed-fields') ? o : stripManagedFields(o));
}

async function run(cx: CommandContext): Promise<number> {
  const files = cx.flags.list('filename');
  if (files.length === 0) throw new CommandError('must specify one of -f and -k');
  const docs = readManifestsOrReport(cx, files);
  if (!docs) return 1;
  // os.MkdirTemp's random suffix; derived from the clock so the cluster's Rng is left alone.
  let seed = cx.now() % 4_294_967_296;
  const rand = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 2_246_822_507) + 3_266_489_917) >>> 0;
    return String(1_000_000_000 + (seed % 3_000_000_000));
  };
  const liveDir = `/tmp/LIVE-${rand()}`;
  const mergedDir = `/tmp/MERGED-${rand()}`;
  let differs = false;
  const errors = [...docs.errors];
  for (const m of docs.objects) {
    const key = resourceKey(m.type);
    let ns: string | undefined;
    try {
      ns = targetNamespace(cx, m);
    } catch (e) {
      errors.push(errorText(e));
      continue;
    }
    const obj = structuredClone(m.object);
    if (ns) obj.metadata.namespace = ns;
    const name = obj.metadata.name ?? '';
    let live: KubeObject | undefined;
    let merged: KubeObject | undefined;
    try {
      live = cx.api.tryGet(key, ns, name);
      if (!live) merged = cx.api.create(key, ns, obj, { dryRun: true }).object;
      else {
        obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedJson(obj) };
        const original = live.metadata.annotations?.[LAST_APPLIED];
        let parsed: unknown;
        try {
          parsed = original ? JSON.parse(original) : undefined;
        } catch {
          parsed = undefined;
        }
        const patch = threeWayPatch(parsed, obj as unknown as Record<string, unknown>, live as unknown as Record<string, unknown>);
        merged = Object.keys(patch).length ? cx.api.patch(key, ns, name, 'strategic', patch, { dryRun: true }).object : live;
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      errors.push(errorText(e));
      continue;
    }
    const group = m.type.group ? `${m.type.group}.` : '';
    const file = `${group}${m.type.version}.${m.type.kind}.${ns ? `${ns}.` : ''}${name}`;
    const hunks = unifiedHunks(show(cx, live), show(cx, merged));
    if (!hunks) continue;
    differs = true;
    const t = stamp(cx.now());
    cx.out(`diff -u -N ${liveDir}/${file} ${mergedDir}/${file}\n--- ${liveDir}/${file}\t${t}\n+++ ${mergedDir}/${file}\t${t}\n${hunks}`);
  }
  for (const e of errors) cx.err(e);
  if (errors.length) return 1;
  return differs ? 1 : 0;
}
