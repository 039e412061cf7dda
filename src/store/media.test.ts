import { describe, expect, it } from 'vitest';
import { DIALECTS, createTestStore } from '../../test/factories.js';
import { isMediaRef, receiveOrder } from '../requests/index.js';
import type { Store } from './types.js';
import { CHANGPING, CHANGPING_CATALOGUE } from '../../test/fixtures/changping-requests.js';

const T0 = '2024-07-01T02:00:00.000Z';
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
let texts = 0;

/** A stored order (the media rows reference request_orders). */
async function newOrder(store: Store): Promise<number> {
  const requests = store;
  return requests.transaction(async (tx) => {
    const id = await tx.requests.nextOrderId();
    const { order, event } = receiveOrder(
      {
        source: 'hotline',
        text: `路口积水很深 ${(texts += 1)}`,
        category: '积水',
        location: { address: '回龙观西大街路口', area: '回龙观街道' },
      },
      {
        id,
        now: T0,
        actor: { userId: null, role: 'center', unitIds: [] },
        catalogue: CHANGPING_CATALOGUE,
        jurisdiction: CHANGPING,
        jurisdictionId: 1,
      },
    );
    await tx.requests.insertOrder(order, event);
    return order.id;
  });
}

describe.each(DIALECTS)('RequestMediaStore on %s', (dialect) => {
  const upload = (store: Store, uploadedBy: number | null, uploadedAt = T0) =>
    store.media.insert({
      jurisdictionId: 1,
      name: '积水.jpg',
      contentType: 'image/jpeg',
      content: JPEG,
      uploadedBy,
      uploadedAt,
    });

  it('keeps the bytes with their size and hash under a new random ref', async () => {
    const store = await createTestStore(dialect);
    const a = await upload(store, 7);
    const b = await upload(store, 7);
    expect(isMediaRef(a.ref)).toBe(true);
    expect(a.ref).not.toBe(b.ref);
    expect(a).toMatchObject({
      name: '积水.jpg',
      contentType: 'image/jpeg',
      bytes: JPEG.length,
      orderId: null,
    });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reserves only the uploader's own unused files, and attaches them to one order", async () => {
    const store = await createTestStore(dialect);
    const media = store;
    const mine = await upload(store, 7);
    const theirs = await upload(store, 8);
    const publicOne = await upload(store, null);

    const first = await media.media.reserve([mine.ref, theirs.ref, publicOne.ref, 'nope'], 7);
    expect(first.media.map((m) => m.ref)).toEqual([mine.ref]);
    // The public reserves public uploads only.
    expect((await media.media.reserve([publicOne.ref, theirs.ref], null)).media.map((m) => m.ref)).toEqual([
      publicOne.ref,
    ]);
    // A reserved file cannot be reserved again while its intake runs.
    expect((await media.media.reserve([mine.ref], 7)).media).toEqual([]);

    const orderId = await newOrder(store);
    await media.media.attach(first.claim, orderId);
    expect((await media.media.reserve([mine.ref], 7)).media).toEqual([]);
    const found = await media.media.findContent(orderId, mine.ref);
    expect(found).toMatchObject({ ref: mine.ref, orderId, contentType: 'image/jpeg' });
    expect([...(found?.content ?? [])]).toEqual([...JPEG]);
    expect(await media.media.findContent(orderId, theirs.ref)).toBeUndefined();
    expect(await media.media.findContent(orderId + 1, mine.ref)).toBeUndefined();
  });

  it('frees the files of a failed intake for the next one', async () => {
    const store = await createTestStore(dialect);
    const media = store;
    const file = await upload(store, 7);
    const failed = await media.media.reserve([file.ref], 7);
    await media.media.release(failed.claim);
    expect((await media.media.reserve([file.ref], 7)).media.map((m) => m.ref)).toEqual([file.ref]);
  });

  it('deletes old files no order took, and keeps those an order took', async () => {
    const store = await createTestStore(dialect);
    const media = store;
    const taken = await upload(store, 7, '2024-06-01T00:00:00.000Z');
    const old = await upload(store, 7, '2024-06-01T00:00:00.000Z');
    const fresh = await upload(store, 7, T0);
    const orderId = await newOrder(store);
    await media.media.attach((await media.media.reserve([taken.ref], 7)).claim, orderId);

    expect(await media.media.deleteUnclaimedBefore('2024-06-30T00:00:00.000Z')).toBe(1);
    expect((await media.media.reserve([old.ref, fresh.ref], 7)).media.map((m) => m.ref)).toEqual([fresh.ref]);
    expect(await media.media.findContent(orderId, taken.ref)).toBeDefined();
  });
});
