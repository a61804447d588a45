// Huge requests are refused before decoding (apiserver's 3 MiB body limit), quickly.
import { expect } from '@open-wc/testing';
import type { KubeObject } from '../../../engine/api/meta.ts';
import { exceedsJsonSize, MAX_REQUEST_BODY_BYTES } from '../../../engine/apiserver/request-size.ts';
import { boot, fails } from './fixtures.ts';

function bigConfigMap(bytes: number, name = 'big'): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { blob: 'x'.repeat(bytes) } } as KubeObject;
}

describe('Request size limit', () => {
  it('is 3 MiB', () => {
    expect(MAX_REQUEST_BODY_BYTES).to.equal(3145728);
  });

  it('refuses a 10 MB object with 413 quickly and stores nothing', () => {
    const e = boot();
    const before = JSON.stringify(e.store.dump());
    const t0 = performance.now();
    const err = fails(() => e.api.create('configmaps', 'default', bigConfigMap(10 * 1024 * 1024)));
    expect(performance.now() - t0).to.be.below(200);
    expect([err.status.code, err.status.reason, err.message]).to.deep.equal([413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728']);
    expect(JSON.stringify(e.store.dump())).to.equal(before);
  });

  it('counts many small values too', () => {
    const labels: Record<string, string> = {};
    for (let i = 0; i < 200_000; i++) labels[`k${i}`] = 'value-value';
    expect(exceedsJsonSize({ metadata: { labels } })).to.equal(true);
    expect(exceedsJsonSize({ metadata: { name: 'x' } })).to.equal(false);
  });

  it('applies to updates and patches', () => {
    const e = boot();
    const cm = e.api.create('configmaps', 'default', bigConfigMap(10)).object;
    expect(fails(() => e.api.update('configmaps', { ...structuredClone(cm), data: { blob: 'y'.repeat(4_000_000) } } as KubeObject)).status.code).to.equal(413);
    expect(fails(() => e.api.patch('configmaps', 'default', 'big', 'merge', { data: { blob: 'y'.repeat(4_000_000) } })).status.code).to.equal(413);
  });

  it('lets a 1 MiB ConfigMap through to validation (its own limit applies)', () => {
    const e = boot();
    expect(fails(() => e.api.create('configmaps', 'default', bigConfigMap(1024 * 1024 + 1))).status.reason).to.equal('Invalid');
  });
});
