import { describe, expect, it } from 'vitest';
import { DIALECTS, createTestStore } from '../../test/factories.js';
import { CATEGORY_MODEL, createRequestsCache } from './requests-setup.js';
import { createUnit } from './units.js';

describe.each(DIALECTS)('createRequestsCache on %s', (dialect) => {
  it('holds the setup of its store until reset, then reads it again', async () => {
    const store = await createTestStore(dialect);
    const requests = createRequestsCache(store);
    const first = requests.setup();
    expect(requests.setup()).toBe(first);
    // The first setup creates the jurisdiction's offices and the catalogue naming them.
    const { units, catalogue } = await first;
    expect(units.some((u) => u.area !== undefined)).toBe(true);
    expect(catalogue.versions).toHaveLength(1);
    const added = await createUnit(store, { name: '区文旅局', kind: 'department' });
    expect((await requests.setup()).units.some((u) => u.id === added.id)).toBe(false);
    requests.reset();
    expect((await requests.setup()).units.some((u) => u.id === added.id)).toBe(true);
    // Another cache on the same store is its own: nothing is shared between them.
    expect(createRequestsCache(store).setup()).not.toBe(requests.setup());
  });

  it('reads the category model at most once a minute, or again once reset', async () => {
    const store = await createTestStore(dialect);
    const requests = createRequestsCache(store);
    expect(await requests.categoryModel(0)).toBeUndefined();
    const model = { labels: { 积水: 1 }, tokens: {} } as never;
    await store.requestThemes.saveModel(CATEGORY_MODEL, model, '2024-07-01T00:00:00.000Z');
    expect(await requests.categoryModel(59_000)).toBeUndefined();
    expect(await requests.categoryModel(61_000)).toEqual(model);
    await store.requestThemes.saveModel(
      CATEGORY_MODEL,
      { ...(model as object), n: 2 } as never,
      '2024-07-01T00:01:00.000Z',
    );
    expect(await requests.categoryModel(62_000)).toEqual(model);
    requests.resetModel();
    expect(await requests.categoryModel(63_000)).toMatchObject({ n: 2 });
  });
});
