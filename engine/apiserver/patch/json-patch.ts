// RFC 6902 JSON patch (`kubectl patch --type json`): add, remove, replace, move, copy, test.

type Op = { op: string; path: string; value?: unknown; from?: string };

function parsePointer(p: string): string[] {
  if (p === '') return [];
  if (!p.startsWith('/')) throw new Error(`invalid JSON pointer: "${p}"`);
  return p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: unknown, parts: string[]): { parent: Record<string, unknown> | unknown[]; key: string } {
  let cur: unknown = doc;
  for (const part of parts.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') throw new Error(`doc is missing path: "/${parts.join('/')}": missing value`);
    cur = Array.isArray(cur) ? cur[Number(part)] : (cur as Record<string, unknown>)[part];
  }
  if (cur === null || typeof cur !== 'object') throw new Error(`doc is missing path: "/${parts.join('/')}": missing value`);
  return { parent: cur as Record<string, unknown> | unknown[], key: parts[parts.length - 1]! };
}

function getAt(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of parsePointer(path)) {
    if (cur === null || typeof cur !== 'object') throw new Error(`doc is missing path: "${path}": missing value`);
    cur = Array.isArray(cur) ? cur[Number(part)] : (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined) throw new Error(`doc is missing path: "${path}": missing value`);
  return cur;
}

export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new Error('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = structuredClone(target);
  for (const raw of patch as Op[]) {
    const parts = parsePointer(raw.path);
    switch (raw.op) {
      case 'add':
      case 'replace': {
        if (parts.length === 0) {
          doc = structuredClone(raw.value);
          break;
        }
        const { parent, key } = parentOf(doc, parts);
        if (Array.isArray(parent)) {
          const i = key === '-' ? parent.length : Number(key);
          if (raw.op === 'add') parent.splice(i, 0, structuredClone(raw.value));
          else {
            if (i >= parent.length) throw new Error(`replace operation does not apply: doc is missing key: ${raw.path}: missing value`);
            parent[i] = structuredClone(raw.value);
          }
        } else {
          if (raw.op === 'replace' && !(key in parent))
            throw new Error(`replace operation does not apply: doc is missing key: ${raw.path}: missing value`);
          parent[key] = structuredClone(raw.value);
        }
        break;
      }
      case 'remove': {
        const { parent, key } = parentOf(doc, parts);
        if (Array.isArray(parent)) {
          const i = Number(key);
          if (i >= parent.length) throw new Error(`remove operation does not apply: doc is missing path: "${raw.path}": missing value`);
          parent.splice(i, 1);
        } else {
          if (!(key in parent)) throw new Error(`remove operation does not apply: doc is missing path: "${raw.path}": missing value`);
          delete parent[key];
        }
        break;
      }
      case 'move':
      case 'copy': {
        const v = structuredClone(getAt(doc, raw.from ?? ''));
        if (raw.op === 'move') doc = applyJsonPatch(doc, [{ op: 'remove', path: raw.from }]);
        doc = applyJsonPatch(doc, [{ op: 'add', path: raw.path, value: v }]);
        break;
      }
      case 'test':
        if (JSON.stringify(getAt(doc, raw.path)) !== JSON.stringify(raw.value)) throw new Error('testing value failed');
        break;
      default:
        throw new Error(`Unexpected kind: ${raw.op}`);
    }
  }
  return doc;
}
