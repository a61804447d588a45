// Label selectors: the parsed string form matches exactly what a naive reference matcher says.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { matches, parseSelector } from '../../../engine/api/labels.ts';

type Req = { key: string; op: '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!'; values: string[] };

const key = fc.constantFrom('app', 'tier', 'env', 'example.com/team');
const value = fc.constantFrom('web', 'db', 'prod', 'dev', 'a1');
const req: fc.Arbitrary<Req> = fc.record({
  key,
  op: fc.constantFrom('=', '==', '!=', 'in', 'notin', 'exists', '!'),
  values: fc.uniqueArray(value, { minLength: 1, maxLength: 3 }),
});

function text(r: Req): string {
  switch (r.op) {
    case 'in':
    case 'notin':
      return `${r.key} ${r.op} (${r.values.join(',')})`;
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    default:
      return `${r.key}${r.op}${r.values[0]}`;
  }
}

/** The semantics spelled out (k8s.io/apimachinery/pkg/labels Requirement.Matches). */
function reference(reqs: Req[], labels: Record<string, string>): boolean {
  return reqs.every((r) => {
    const has = r.key in labels;
    const v = labels[r.key];
    switch (r.op) {
      case '=':
      case '==':
        return has && v === r.values[0];
      case '!=':
        return !has || v !== r.values[0];
      case 'in':
        return has && r.values.includes(v!);
      case 'notin':
        return !has || !r.values.includes(v!);
      case 'exists':
        return has;
      case '!':
        return !has;
    }
  });
}

describe('Label selector properties', () => {
  it('parse + match agrees with the reference matcher', () => {
    fc.assert(
      fc.property(fc.array(req, { maxLength: 4 }), fc.dictionary(key, value, { maxKeys: 4 }), fc.boolean(), (reqs, labels, spaced) => {
        const s = reqs.map(text).join(spaced ? ', ' : ',');
        expect(matches(parseSelector(s), labels), s).to.equal(reference(reqs, labels));
      }),
      { numRuns: 500 },
    );
  });
});
