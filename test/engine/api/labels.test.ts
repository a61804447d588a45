import { expect } from '@open-wc/testing';
import { matches, parseSelector, SelectorParseError } from '../../../engine/api/labels.ts';

const error = (s: string) => {
  try {
    parseSelector(s);
  } catch (e) {
    if (e instanceof SelectorParseError) return e.message;
    throw e;
  }
  return 'no error';
};

describe('label selector parsing (labels.Parse)', () => {
  it('parses equality, set-based, existence and Gt/Lt requirements', () => {
    expect(parseSelector('app=web,tier!=db, env in (b,a,a) ,!canary,x notin (in),y,n>3,m<10')).to.deep.equal([
      { key: 'app', op: '=', value: 'web' },
      { key: 'tier', op: '!=', value: 'db' },
      { key: 'env', op: 'in', values: ['a', 'b'] },
      { key: 'canary', op: '!' },
      { key: 'x', op: 'notin', values: ['in'] },
      { key: 'y', op: 'exists' },
      { key: 'n', op: 'gt', value: '3' },
      { key: 'm', op: 'lt', value: '10' },
    ]);
    expect(parseSelector('')).to.deep.equal([]);
    expect(parseSelector('a==')).to.deep.equal([{ key: 'a', op: '=', value: '' }]);
    expect(parseSelector('a in ()')).to.deep.equal([{ key: 'a', op: 'in', values: [''] }]);
    expect(parseSelector('a in (x,,y)')).to.deep.equal([{ key: 'a', op: 'in', values: ['', 'x', 'y'] }]);
  });

  it('fails with upstream words', () => {
    expect(error('app in (a')).to.equal("unable to parse requirement: found '', expected: ',' or ')'");
    expect(error('app notin a')).to.equal("unable to parse requirement: found 'a' expected: '('");
    expect(error('a b')).to.equal("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
    expect(error('!')).to.equal("unable to parse requirement: found '', expected: identifier");
    expect(error('a,,b')).to.equal("found ',', expected: identifier after ','");
    expect(error('a=b=c')).to.equal("found '=', expected: ',' or 'end of string'");
    expect(error('=a')).to.equal("found '=', expected: !, identifier, or 'end of string'");
    expect(error('a=!')).to.equal("unable to parse requirement: found '!', expected: identifier");
    expect(error('a>x')).to.equal(`unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`);
    expect(error('a=-x')).to.match(/^unable to parse requirement: values\[0\]\[a\]: Invalid value: "-x": a valid label must be an empty string/);
    expect(error('a>-x')).to.match(/^unable to parse requirement: \[values\[0\]: Invalid value: "-x": for 'Gt'.*, values\[0\]\[a\]: Invalid value: "-x": a valid label/);
    expect(error('a_=b')).to.match(/^unable to parse requirement: <nil>: Invalid value: "a_": name part must consist of/);
  });

  it('matches Gt/Lt only on integer label values', () => {
    const gt = parseSelector('n>3');
    expect(matches(gt, { n: '4' })).to.equal(true);
    expect(matches(gt, { n: '3' })).to.equal(false);
    expect(matches(gt, { n: 'x' })).to.equal(false);
    expect(matches(gt, {})).to.equal(false);
    expect(matches(parseSelector('n<3'), { n: '-7' })).to.equal(true);
  });
});
