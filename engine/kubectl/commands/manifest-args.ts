// -f/--filename: workspace files (the editor's), host files in the CLI, `-` for stdin, and
// the offline copies of https://k8s.io/examples manifests when the app ships them.
import type { CommandContext } from '../command.ts';
import { parseManifest, type ManifestResult } from '../manifest.ts';

export function readManifestArgs(cx: CommandContext, files: string[]): ManifestResult {
  const out: ManifestResult = { objects: [], errors: [] };
  for (const f of files) {
    let text: string | undefined;
    let source = f;
    if (f === '-') {
      text = cx.io.stdin;
      source = 'STDIN';
    } else if (/^https?:\/\//.test(f)) {
      text = cx.env.workspace.read(f);
      if (text === undefined) {
        const host = f.replace(/^https?:\/\//, '').split('/')[0];
        out.errors.push(`error: unable to read URL "${f}", server reported Get "${f}": dial tcp: lookup ${host}: no such host\n`);
        continue;
      }
    } else text = cx.env.workspace.read(f);
    if (text === undefined) {
      out.errors.push(`error: the path "${f}" does not exist\n`);
      continue;
    }
    const r = parseManifest(text, source);
    out.objects.push(...r.objects);
    out.errors.push(...r.errors);
  }
  return out;
}
