import { expect } from '@open-wc/testing';
import { canonicalQuantity, compareQuantity, milliValue, parseQuantity, quantityValue } from '../../../engine/api/quantity.ts';

const CANONICAL: [string | number, string][] = [
  ['100m', '100m'],
  ['0.5', '500m'],
  ['0.1', '100m'],
  ['.5', '500m'],
  ['1', '1'],
  ['1000m', '1'],
  ['1500m', '1500m'],
  ['1500', '1500'],
  ['2000', '2k'],
  ['1k', '1k'],
  ['1e3', '1e3'],
  ['129e6', '129e6'],
  ['129M', '129M'],
  ['1Gi', '1Gi'],
  ['1024Mi', '1Gi'],
  ['1.5Gi', '1536Mi'],
  ['512Mi', '512Mi'],
  ['100Ki', '100Ki'],
  ['0.5Ki', '512'],
  ['128974848', '128974848'],
  ['0', '0'],
  ['1n', '1n'],
  ['0.0000000001', '1n'],
  ['-1', '-1'],
  [0.5, '500m'],
  [1000, '1k'],
  [2, '2'],
];

describe('resource.Quantity', () => {
  for (const [input, want] of CANONICAL) {
    it(`prints ${JSON.stringify(input)} as ${want}`, () => {
      expect(canonicalQuantity(input)).to.equal(want);
    });
  }

  const FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  for (const [bad, msg] of [
    ['1x', FORMAT],
    ['1KiB', FORMAT],
    ['', FORMAT],
    [' 1', FORMAT],
    ['abc', FORMAT],
    ['1mi', "unable to parse quantity's suffix"],
    ['1K', "unable to parse quantity's suffix"],
  ]) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      expect(() => parseQuantity(bad!)).to.throw(msg);
    });
  }

  it('compares across formats', () => {
    expect(compareQuantity(parseQuantity('1Gi'), parseQuantity('1073741824'))).to.equal(0);
    expect(compareQuantity(parseQuantity('500m'), parseQuantity('0.6'))).to.equal(-1);
    expect(compareQuantity(parseQuantity('1G'), parseQuantity('1Gi'))).to.equal(-1);
  });

  it('gives milli and whole values rounded up', () => {
    expect(milliValue(parseQuantity('0.5'))).to.equal(500);
    expect(milliValue(parseQuantity('2'))).to.equal(2000);
    expect(quantityValue(parseQuantity('1Ki'))).to.equal(1024);
    expect(quantityValue(parseQuantity('100m'))).to.equal(1);
  });
});
