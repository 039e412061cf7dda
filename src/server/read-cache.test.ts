import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ReadCache } from './read-cache.js';
import type { HeldAnswer } from './read-cache.js';
import { chooseEncoding, matchesEtag } from './plan-reads.js';

function answer(text: string): HeldAnswer {
  return {
    body: Buffer.from(text),
    contentType: 'application/json; charset=utf-8',
    headers: {},
    etag: 'W/"x"',
    encoded: {},
  };
}

describe('ReadCache', () => {
  it('answers only for the revision it holds, and drops a plan’s older answers when a newer revision is seen', () => {
    const cache = new ReadCache(1 << 20);
    cache.set('a', 1, 3, answer('{"v":3}'));
    cache.set('b', 2, 1, answer('{"other":1}'));
    expect(cache.get('a', 1, 3)?.body.toString()).toBe('{"v":3}');
    expect(cache.get('a', 1, 4)).toBeUndefined();
    // Revision 4 was seen: revision 3 can never be served again, and is out of memory.
    expect(cache.get('a', 1, 3)).toBeUndefined();
    expect(cache.get('b', 2, 1)?.body.toString()).toBe('{"other":1}');
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 2, misses: 2 });
  });

  it('never holds an older revision over a newer one (a slow build finishing late)', () => {
    const cache = new ReadCache(1 << 20);
    cache.set('a', 1, 5, answer('new'));
    cache.set('b', 1, 4, answer('old'));
    expect(cache.get('b', 1, 4)).toBeUndefined();
    expect(cache.get('a', 1, 5)?.body.toString()).toBe('new');
  });

  it('stays within its byte bound, least recently used out first', () => {
    const body = 'x'.repeat(1000);
    // Room for two entries of 1,000 bytes and their overhead, not three.
    const cache = new ReadCache(3200);
    cache.set('a', 1, 1, answer(body));
    cache.set('b', 1, 1, answer(body));
    expect(cache.get('a', 1, 1)).toBeDefined(); // a is now the most recent
    cache.set('c', 1, 1, answer(body));
    expect(cache.stats().bytes).toBeLessThanOrEqual(3200);
    expect(cache.get('b', 1, 1)).toBeUndefined();
    expect(cache.get('a', 1, 1)).toBeDefined();
    expect(cache.get('c', 1, 1)).toBeDefined();
    // An answer larger than the whole bound is not held at all.
    cache.set('huge', 1, 1, answer('y'.repeat(5000)));
    expect(cache.get('huge', 1, 1)).toBeUndefined();
    expect(cache.stats().bytes).toBeLessThanOrEqual(3200);
  });

  it('compresses an answer once per encoding, counts the compressed bytes, and leaves small answers alone', async () => {
    const cache = new ReadCache(1 << 20);
    const text = JSON.stringify({
      items: Array.from({ length: 200 }, (_, i) => ({ id: i, title: '推进重点工作' })),
    });
    const held = answer(text);
    cache.set('a', 1, 1, held);
    const before = cache.stats().bytes;
    const br = await cache.encode('a', held, 'br');
    const gz = await cache.encode('a', held, 'gzip');
    expect(brotliDecompressSync(br!).toString()).toBe(text);
    expect(gunzipSync(gz!).toString()).toBe(text);
    expect(await cache.encode('a', held, 'br')).toBe(br);
    expect(cache.stats().bytes).toBe(before + br!.length + gz!.length);
    expect(await cache.encode('s', answer('{"small":true}'), 'br')).toBeUndefined();
  });

  it('forgets one plan, or everything', () => {
    const cache = new ReadCache(1 << 20);
    cache.set('a', 1, 1, answer('1'));
    cache.set('b', 2, 1, answer('2'));
    cache.forgetPlan(1);
    expect(cache.get('a', 1, 1)).toBeUndefined();
    expect(cache.get('b', 2, 1)).toBeDefined();
    cache.clear();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });
});

describe('chooseEncoding and matchesEtag', () => {
  it('prefers brotli, then gzip, and honours q=0 and *', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding(undefined)).toBeUndefined();
  });

  it('compares tags weakly, in a list, or as *', () => {
    expect(matchesEtag('W/"1.2.abc"', 'W/"1.2.abc"')).toBe(true);
    expect(matchesEtag('"1.2.abc"', 'W/"1.2.abc"')).toBe(true);
    expect(matchesEtag('"0.0.x", W/"1.2.abc"', 'W/"1.2.abc"')).toBe(true);
    expect(matchesEtag('*', 'W/"1.2.abc"')).toBe(true);
    expect(matchesEtag('W/"1.3.abc"', 'W/"1.2.abc"')).toBe(false);
    expect(matchesEtag(undefined, 'W/"1.2.abc"')).toBe(false);
  });
});
