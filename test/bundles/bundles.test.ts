import { bundleCount, specFiles, specsOf } from '../support/spec-bundles';
import { join } from 'node:path';

describe('spec bundles', () => {
  it('load every spec exactly once', () => {
    const bundles = Array.from({ length: bundleCount() }, (_, i) => join(__dirname, `specs-${i + 1}.test.ts`));
    expect(bundles.length).toBeGreaterThan(1);
    const loaded = bundles.flatMap((b) => specsOf(b));
    expect(loaded.length).toBeGreaterThan(50);
    expect([...loaded].sort()).toEqual(specFiles());
    expect(new Set(loaded).size).toBe(loaded.length);
  });
});
