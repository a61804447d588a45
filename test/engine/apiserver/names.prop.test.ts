// The DNS-1123 name checks are a character loop; upstream states them as regexes. For any
// string over the characters that matter (and a few that do not), both agree.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { dns1123LabelErrors, dns1123SubdomainErrors, matchesDNS1123 } from '../../../engine/apiserver/names.ts';

const LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const name = fc.string({ unit: fc.constantFrom('a', 'z', '0', '9', '-', '.', 'A', '_', ' ', 'é'), maxLength: 12 });

describe('DNS-1123 names (property)', () => {
  it('a subdomain is what upstream\'s regex accepts', () => {
    fc.assert(fc.property(name, (s) => matchesDNS1123(s, true) === SUBDOMAIN_RE.test(s)), { numRuns: 5000 });
  });

  it('a label is what upstream\'s regex accepts', () => {
    fc.assert(fc.property(name, (s) => matchesDNS1123(s, false) === LABEL_RE.test(s)), { numRuns: 5000 });
  });

  it('keeps upstream\'s messages', () => {
    expect(dns1123SubdomainErrors('web-0.example')).to.deep.equal([]);
    expect(dns1123SubdomainErrors('Web')[0]).to.match(/^a lowercase RFC 1123 subdomain must consist of/);
    expect(dns1123LabelErrors('a.b')[0]).to.match(/^a lowercase RFC 1123 label must consist of/);
    expect(dns1123LabelErrors('x'.repeat(64))).to.have.length(1);
  });
});
