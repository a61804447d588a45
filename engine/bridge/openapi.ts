// OpenAPI for kubectl (explain, field-validation support checks, apply's patch metadata): the
// vendored OpenAPI v2 document served as is at /openapi/v2, and converted to the per
// group-version OpenAPI v3 documents the API server publishes at /openapi/v3/<gv> (refs as
// #/components/schemas, parameters inlined, referenced schemas only).
import { typesAt, versionsOf, groups } from './discovery.ts';

type Json = Record<string, unknown>;

export interface OpenApiV2 {
  definitions: Record<string, Json>;
  parameters?: Record<string, Json>;
  paths: Record<string, Json>;
  info?: Json;
  [k: string]: unknown;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export class OpenApiDocs {
  private readonly v3 = new Map<string, { text: string; hash: string }>();
  private v2Text: string | undefined;

  constructor(private readonly v2: OpenApiV2) {}

  v2Json(): string {
    return (this.v2Text ??= JSON.stringify(this.v2));
  }

  /** The group-version paths /openapi/v3 lists: "api/v1", "apis/apps/v1", ... */
  groupVersions(): string[] {
    const out: string[] = [];
    for (const v of versionsOf('')) out.push(`api/${v}`);
    for (const g of groups()) for (const v of versionsOf(g)) if (typesAt(g, v).length) out.push(`apis/${g}/${v}`);
    return out;
  }

  /** GET /openapi/v3 */
  root(): unknown {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const gv of this.groupVersions()) paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${this.doc(gv)!.hash}` };
    return { paths };
  }

  /** GET /openapi/v3/<gv>, or undefined when not served. */
  doc(gv: string): { text: string; hash: string } | undefined {
    if (!this.groupVersions().includes(gv)) return undefined;
    let d = this.v3.get(gv);
    if (!d) {
      const text = JSON.stringify(this.convert(gv));
      d = { text, hash: contentHash(text) };
      this.v3.set(gv, d);
    }
    return d;
  }

  private convert(gv: string): unknown {
    const prefix = `/${gv}/`;
    const paths: Record<string, Json> = {};
    const refs = new Set<string>();
    for (const [p, item] of Object.entries(this.v2.paths)) {
      if (!p.startsWith(prefix)) continue;
      const out: Json = {};
      for (const [k, v] of Object.entries(item)) {
        if (k === 'parameters') out['parameters'] = (v as Json[]).map((x) => this.param(x, refs)).filter((x) => x !== undefined);
        else if (METHODS.includes(k)) out[k] = this.operation(v as Json, refs);
        else out[k] = v;
      }
      paths[p] = out;
    }
    // Schemas reachable from the paths, transitively.
    const schemas: Record<string, unknown> = {};
    const queue = [...refs];
    while (queue.length) {
      const name = queue.pop()!;
      if (name in schemas) continue;
      const def = this.v2.definitions[name];
      if (!def) continue;
      const found = new Set<string>();
      schemas[name] = schema(def, found);
      for (const f of found) if (!(f in schemas)) queue.push(f);
    }
    return {
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: 'v1.32.2' },
      paths,
      components: { schemas, securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } } },
    };
  }

  private operation(op: Json, refs: Set<string>): Json {
    const out: Json = {};
    const produces = (op['produces'] as string[] | undefined) ?? ['application/json'];
    const consumes = (op['consumes'] as string[] | undefined) ?? ['*/*'];
    for (const [k, v] of Object.entries(op)) {
      if (k === 'produces' || k === 'consumes' || k === 'schemes') continue;
      if (k === 'parameters') {
        const params: Json[] = [];
        for (const raw of v as Json[]) {
          const p = this.resolve(raw);
          if (p['in'] === 'body') {
            const content: Json = {};
            for (const c of consumes) content[c] = { schema: schema(p['schema'], refs) };
            out['requestBody'] = { content, required: !!p['required'] };
          } else {
            const c = this.param(p, refs);
            if (c) params.push(c);
          }
        }
        if (params.length) out['parameters'] = params;
      } else if (k === 'responses') {
        const responses: Json = {};
        for (const [code, r] of Object.entries(v as Record<string, Json>)) {
          const resp: Json = { description: r['description'] ?? '' };
          if (r['schema']) {
            const content: Json = {};
            for (const c of produces) content[c] = { schema: schema(r['schema'], refs) };
            resp['content'] = content;
          }
          responses[code] = resp;
        }
        out['responses'] = responses;
      } else out[k] = v;
    }
    return out;
  }

  private resolve(p: Json): Json {
    const ref = p['$ref'];
    if (typeof ref === 'string' && ref.startsWith('#/parameters/')) return this.v2.parameters?.[ref.slice('#/parameters/'.length)] ?? p;
    return p;
  }

  private param(raw: Json, refs: Set<string>): Json | undefined {
    const p = this.resolve(raw);
    if (p['in'] === 'body') return undefined;
    const { type, uniqueItems, items, format, ...rest } = p;
    const s: Json = {};
    if (type !== undefined) s['type'] = type;
    if (format !== undefined) s['format'] = format;
    if (uniqueItems !== undefined) s['uniqueItems'] = uniqueItems;
    if (items !== undefined) s['items'] = schema(items, refs);
    return { ...rest, schema: s };
  }
}

/** Rewrites a v2 schema: refs to #/components/schemas (a ref with siblings is wrapped in allOf, as upstream does). */
function schema(s: unknown, refs: Set<string>): unknown {
  if (Array.isArray(s)) return s.map((x) => schema(x, refs));
  if (!s || typeof s !== 'object') return s;
  const o = s as Json;
  const out: Json = {};
  const ref = typeof o['$ref'] === 'string' ? (o['$ref'] as string) : undefined;
  for (const [k, v] of Object.entries(o)) {
    if (k === '$ref') continue;
    out[k] = k === 'properties' || k === 'additionalProperties' || k === 'items' || k === 'allOf' ? mapSchemas(k, v, refs) : v;
  }
  if (ref === undefined) return out;
  const name = ref.replace('#/definitions/', '');
  refs.add(name);
  const target = { $ref: `#/components/schemas/${name}` };
  return Object.keys(out).length ? { allOf: [target], ...out } : target;
}

function mapSchemas(k: string, v: unknown, refs: Set<string>): unknown {
  if (k === 'properties' && v && typeof v === 'object') {
    const out: Json = {};
    for (const [name, p] of Object.entries(v as Json)) out[name] = schema(p, refs);
    return out;
  }
  return schema(v, refs);
}

/** Two FNV-1a 32-bit hashes as upper-case hex: a stable content hash for the ?hash= URLs. */
function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c ^ (i & 0xff), 0x01000193);
  }
  const hex = (n: number) => (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
  return (hex(a) + hex(b)).repeat(8);
}
