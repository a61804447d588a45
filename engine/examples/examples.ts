// The offline copies of the Kubernetes documentation examples (examples.json, see README.md)
// and the URL forms that reach them: https://k8s.io/examples/<path>,
// https://kubernetes.io/examples/<path> and the website repository's raw files.
import EXAMPLES from './examples.json' with { type: 'json' };

const PREFIXES = [
  /^https?:\/\/(?:www\.)?k8s\.io\/examples\//,
  /^https?:\/\/(?:www\.)?kubernetes\.io\/examples\//,
  /^https?:\/\/raw\.githubusercontent\.com\/kubernetes\/website\/(?:main|master)\/content\/en\/examples\//,
  /^https?:\/\/github\.com\/kubernetes\/website\/raw\/(?:main|master)\/content\/en\/examples\//,
];

/** The example's text for a URL, or undefined when it is not one we ship. */
export function exampleForUrl(url: string): string | undefined {
  for (const p of PREFIXES) {
    if (p.test(url)) return (EXAMPLES as Record<string, string>)[url.replace(p, '').split(/[?#]/)[0]!];
  }
  return undefined;
}

/** Every shipped example path (for completion and docs). */
export function examplePaths(): string[] {
  return Object.keys(EXAMPLES as Record<string, string>);
}
