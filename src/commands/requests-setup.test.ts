import { describe, expect, it } from 'vitest';
import { DIALECTS, createTestStore, seedJurisdiction } from '../../test/factories.js';
import { CATEGORY_MODEL, createRequestsCache } from './requests-setup.js';
import { createUnit } from './units.js';

describe.each(DIALECTS)('createRequestsCache on %s', (dialect) => {
  it('holds the setup of its store until reset, then reads it again', async () => {
    const store = await createTestStore(dialect);
    await seedJurisdiction(store);
    const requests = createRequestsCache(store);
    const first = requests.setup(1);
    expect(requests.setup(1)).toBe(first);
    // The jurisdiction's offices and the catalogue naming them, as its files set them up.
    const { units, catalogue, jurisdiction } = await first;
    expect(jurisdiction.areas.some((a) => a.name === '回龙观街道')).toBe(true);
    expect(units.some((u) => u.area !== undefined)).toBe(true);
    expect(catalogue.versions).toHaveLength(1);
    const added = await createUnit(store, { jurisdictionId: 1, name: '区文旅局', kind: 'department' });
    expect((await requests.setup(1)).units.some((u) => u.id === added.id)).toBe(false);
    requests.reset();
    expect((await requests.setup(1)).units.some((u) => u.id === added.id)).toBe(true);
    // Another cache on the same store is its own: nothing is shared between them.
    expect(createRequestsCache(store).setup(1)).not.toBe(requests.setup(1));
  });

  it('reads the category model at most once a minute, or again once reset', async () => {
    const store = await createTestStore(dialect);
    const requests = createRequestsCache(store);
    expect(await requests.categoryModel(1, 0)).toBeUndefined();
    const model = { labels: { 积水: 1 }, tokens: {} } as never;
    await store.requestThemes.saveModel(1, CATEGORY_MODEL, model, '2024-07-01T00:00:00.000Z');
    expect(await requests.categoryModel(1, 59_000)).toBeUndefined();
    expect(await requests.categoryModel(1, 61_000)).toEqual(model);
    await store.requestThemes.saveModel(
      1,
      CATEGORY_MODEL,
      { ...(model as object), n: 2 } as never,
      '2024-07-01T00:01:00.000Z',
    );
    expect(await requests.categoryModel(1, 62_000)).toEqual(model);
    requests.resetModel();
    expect(await requests.categoryModel(1, 63_000)).toMatchObject({ n: 2 });
  });
});
