// -f/--filename: workspace files (the editor's), host files in the CLI, `-` for stdin, and
// the offline copies of https://k8s.io/examples manifests when the app ships them.
import type { CommandContext } from '../command.ts';
import { exampleForUrl } from '../../examples/examples.ts';
import { parseManifest, type ManifestResult } from '../manifest.ts';

export function readManifestArgs(cx: CommandContext, files: string[]): ManifestResult & { fatal?: boolean } {
  const out: ManifestResult & { fatal?: boolean } = { objects: [], errors: [] };
  for (const f of files) {
    let text: string | undefined;
    let source = f;
    if (f === '-') {
      text = cx.io.stdin;
      source = 'STDIN';
    } else if (/^https?:\/\//.test(f)) {
      text = exampleForUrl(f) ?? cx.env.workspace.read(f);
      if (text === undefined) {
        // The tab has no network: kubectl's error for a host that does not resolve.
        const host = f.replace(/^https?:\/\//, '').split(/[/:?#]/)[0];
        out.errors.push(`Unable to connect to the server: dial tcp: lookup ${host} on 127.0.0.53:53: no such host\n`);
        out.fatal = true;
        continue;
      }
    } else text = cx.env.workspace.read(f);
    if (text === undefined) {
      out.fatal = true;
      out.errors.push(`error: the path "${f}" does not exist\n`);
      continue;
    }
    const r = parseManifest(text, source);
    out.objects.push(...r.objects);
    out.errors.push(...r.errors);
  }
  return out;
}

/** The first error that stops kubectl before anything is sent (missing file, unreachable URL). */
export function fatalError(r: ManifestResult & { fatal?: boolean }): string | undefined {
  return r.fatal ? r.errors.find((e) => e.includes('does not exist') || e.startsWith('Unable to connect')) : undefined;
}

/**
 * The `-f` manifests of create, apply, replace and diff: reads them, or prints the error that
 * stops kubectl before any request (a missing file, an unreachable URL) and returns undefined.
 */
export function readManifestsOrReport(cx: CommandContext, files: string[]): (ManifestResult & { fatal?: boolean }) | undefined {
  const docs = readManifestArgs(cx, files);
  const fatal = fatalError(docs);
  if (!fatal) return docs;
  cx.err(fatal);
  return undefined;
}
