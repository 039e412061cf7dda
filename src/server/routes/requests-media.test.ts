import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { MAX_MEDIA, MAX_MEDIA_BYTES } from '../../requests/index.js';
import { JPEG as JPEG_STRIPPED, JPEG_WITH_GPS, PNG } from '../testing/pictures.js';
import { CALLERS, createTestApp, json, multipart } from '../testing/test-app.js';
import type { Caller, TestApp } from '../testing/test-app.js';
import { declaredMediaType } from '../../requests/index.js';
import { openMediaUrl } from './requests-media.js';

const V1 = '/api/v1';
let clock = new Date('2024-07-01T02:00:00.000Z');
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

/** A real photo with the place it was taken in its Exif (testing/pictures.ts): what citizens upload. */
const JPEG = JPEG_WITH_GPS;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(100, 0)]);
const HTML = Buffer.from('<!DOCTYPE html><html><script>alert(document.cookie)</script></html>');

interface MediaAnswer {
  ref: string;
  contentType: string;
  bytes: number;
  name: string;
}
interface ErrorAnswer {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface Order {
  id: number;
  media: { ref: string; contentType: string; bytes: number; name?: string }[];
}

let texts = 0;
const intake = (extra: Record<string, unknown> = {}) => ({
  source: 'hotline',
  text: `回龙观西大街路口积水很深，车辆无法通行 ${(texts += 1)}`,
  category: '积水',
  location: { address: '回龙观西大街路口18号', area: '回龙观街道' },
  contact: { name: '王先生', phone: '13800000000' },
  ...extra,
});

describe.each(DIALECTS)('request media on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock, publicUrl: 'https://12345.example.gov.cn' });
  });

  const upload = (caller: Caller, name: string, content: Buffer, type: string) =>
    t.request(caller, { method: 'POST', url: `${V1}/requests/media`, ...multipart({ name, content, type }) });
  const uploaded = async (caller: Caller, name: string, content: Buffer, type: string) => {
    const answer = await upload(caller, name, content, type);
    expect(answer.statusCode, answer.body).toBe(201);
    return json<MediaAnswer>(answer);
  };
  const take = (caller: Caller, payload: Record<string, unknown>) =>
    t.request(caller, {
      method: 'POST',
      url: `${V1}/requests`,
      payload: caller === 'reporter' || caller === 'otherReporter' ? { ...payload, source: 'grid' } : payload,
    });
  const fetchMedia = (caller: Caller, orderId: number, ref: string) =>
    t.request(caller, { url: `${V1}/requests/${orderId}/media/${ref}` });
  const probeMedia = (caller: Caller, orderId: number, ref: string) =>
    t.request(caller, { method: 'HEAD', url: `${V1}/requests/${orderId}/media/${ref}` });

  it('takes a good JPEG, PNG and PDF, and an intake carries them with their stored type and size', async () => {
    const jpeg = await uploaded('admin', '积水现场.jpg', JPEG, 'image/jpeg');
    const png = await uploaded('admin', 'map.png', PNG, 'image/png');
    // A browser that says nothing of the type: the name's extension stands for it.
    const pdf = await uploaded('admin', '物业通知.pdf', PDF, 'application/octet-stream');
    expect(jpeg).toMatchObject({ contentType: 'image/jpeg', bytes: JPEG.length, name: '积水现场.jpg' });
    expect(png).toMatchObject({ contentType: 'image/png', bytes: PNG.length });
    expect(pdf).toMatchObject({ contentType: 'application/pdf', bytes: PDF.length, name: '物业通知.pdf' });

    // The client's claim of size is not trusted: the stored one goes on the order, with the name.
    const media = [jpeg, png, pdf].map(({ ref, contentType }) => ({ ref, contentType, bytes: 1 }));
    const created = await take('admin', intake({ media }));
    expect(created.statusCode, created.body).toBe(201);
    expect(json<Order>(created).media).toEqual([jpeg, png, pdf]);

    const file = await fetchMedia('admin', json<Order>(created).id, jpeg.ref);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toMatch(
      /^attachment; filename="[^"]*\.jpg"; filename\*=UTF-8''/,
    );
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('积水现场'));
    expect(file.rawPayload.equals(JPEG)).toBe(true);
    const doc = await fetchMedia('supervisor', json<Order>(created).id, pdf.ref);
    expect(doc.headers['content-type']).toBe('application/pdf');
    expect(doc.rawPayload.equals(PDF)).toBe(true);
  });

  it('answers 413 in words for a file over MAX_MEDIA_BYTES', async () => {
    const big = Buffer.concat([JPEG.subarray(0, 12), Buffer.alloc(MAX_MEDIA_BYTES + 1 - 12, 1)]);
    const answer = await upload('admin', 'big.jpg', big, 'image/jpeg');
    expect(answer.statusCode).toBe(413);
    expect(json<ErrorAnswer>(answer).error).toMatchObject({
      code: 'TOO_LARGE',
      message: '附件过大：每个附件不超过 20 MB',
    });
  });

  it('refuses disguised files: a program named .jpg, HTML named .png, a JPEG named .exe', async () => {
    for (const [name, content, type] of [
      ['photo.jpg', EXE, 'image/jpeg'],
      ['photo.png', HTML, 'image/png'],
      ['photo.exe', JPEG, 'image/jpeg'],
    ] as const) {
      const answer = await upload('admin', name, content, type);
      expect(answer.statusCode, name).toBe(400);
      const { error } = json<ErrorAnswer>(answer);
      expect(error.message, name).toMatch(/不符/);
      expect(error.details[0]?.message, name).toMatch(/disguised/);
    }
  });

  it('refuses a type not accepted, an empty upload, and a body that is not multipart', async () => {
    const text = await upload('admin', 'note.txt', Buffer.from('hello'), 'text/plain');
    expect(text.statusCode).toBe(400);
    expect(json<ErrorAnswer>(text).error.message).toContain('不接受的附件类型 text/plain');
    const empty = await t.request('admin', {
      method: 'POST',
      url: `${V1}/requests/media`,
      ...multipart(undefined, { note: 'x' }),
    });
    expect(empty.statusCode).toBe(400);
    const notMultipart = await t.request('admin', {
      method: 'POST',
      url: `${V1}/requests/media`,
      payload: { ref: 'x' },
    });
    expect(notMultipart.statusCode).toBe(415);
  });

  it("refuses an intake naming an unknown, used or someone else's ref, and stores no order", async () => {
    const before = json<{ total: number }>(await t.request('admin', { url: `${V1}/requests` })).total;
    const mine = await uploaded('admin', 'a.jpg', JPEG, 'image/jpeg');
    const reporters = await uploaded('reporter', 'b.jpg', JPEG, 'image/jpeg');
    const publics = await uploaded('public', 'c.jpg', JPEG, 'image/jpeg');
    const ref = (m: MediaAnswer) => ({ ref: m.ref, contentType: m.contentType, bytes: m.bytes });

    const cases: [Caller, unknown[]][] = [
      ['admin', [{ ref: 'AAAAAAAAAAAAAAAAAAAAAAAA', contentType: 'image/jpeg', bytes: 10 }]],
      ['admin', [ref(mine), ref(reporters)]],
      ['admin', [ref(publics)]],
      ['public', [ref(mine)]],
      ['otherReporter', [ref(reporters)]],
    ];
    for (const [caller, media] of cases) {
      const answer = await take(caller, intake({ source: caller === 'public' ? 'web' : 'hotline', media }));
      expect(answer.statusCode, `${caller}: ${answer.body}`).toBe(400);
      const { error } = json<ErrorAnswer>(answer);
      expect(error.message).toContain('附件不存在或已被使用');
      expect(error.details.map((d) => d.path)).toEqual([`body.media.${media.length - 1}.ref`]);
    }
    // The same ref twice, and more than MAX_MEDIA refs.
    const twice = await take('admin', intake({ media: [ref(mine), ref(mine)] }));
    expect(json<ErrorAnswer>(twice).error.details[0]?.path).toBe('body.media.1.ref');
    const many = Array.from({ length: MAX_MEDIA + 1 }, () => ref(mine));
    const tooMany = await take('admin', intake({ media: many }));
    expect(tooMany.statusCode).toBe(400);
    expect(json<ErrorAnswer>(tooMany).error.details[0]?.path).toBe('body.media');
    // A refused intake (a category not in the catalogue) leaves its files free for the next one.
    const refused = await take('admin', intake({ category: '外星人', media: [ref(mine)] }));
    expect(refused.statusCode).toBe(400);
    expect(json<{ total: number }>(await t.request('admin', { url: `${V1}/requests` })).total).toBe(before);

    // Each uploader's own files do go through, once.
    expect((await take('admin', intake({ media: [ref(mine)] }))).statusCode).toBe(201);
    expect((await take('reporter', intake({ media: [ref(reporters)] }))).statusCode).toBe(201);
    expect((await take('public', intake({ source: 'web', media: [ref(publics)] }))).statusCode).toBe(201);
    const again = await take('admin', intake({ media: [ref(mine)] }));
    expect(again.statusCode).toBe(400);
  });

  it('forgets uploads no intake took within a day', async () => {
    const stale = await uploaded('admin', 'stale.jpg', JPEG, 'image/jpeg');
    advance(25 * 3_600_000);
    await uploaded('admin', 'fresh.jpg', JPEG, 'image/jpeg');
    const answer = await take('admin', intake({ media: [{ ...stale, name: undefined }] }));
    expect(answer.statusCode).toBe(400);
    expect(json<ErrorAnswer>(answer).error.message).toContain('附件不存在或已被使用');
  });

  it('shows an order’s media to those who may see the order, and to the public only when not anonymous', async () => {
    const photo = await uploaded('admin', 'photo.jpg', JPEG, 'image/jpeg');
    const hidden = await uploaded('admin', 'hidden.png', PNG, 'image/png');
    const open = json<Order>(
      await take(
        'admin',
        intake({ media: [photo], privacy: { anonymousToPublic: false, anonymousToUnit: true } }),
      ),
    );
    const anonymous = json<Order>(await take('admin', intake({ media: [hidden] })));
    for (const id of [open.id, anonymous.id]) {
      const sent = await t.request('admin', {
        method: 'POST',
        url: `${V1}/requests/${id}/dispatch`,
        payload: { leadUnitId: t.unitA.id, reason: '测试派单' },
      });
      expect(sent.statusCode, sent.body).toBe(200);
    }
    const statuses = async (orderId: number, ref: string) => {
      const got: Partial<Record<Caller, number>> = {};
      for (const caller of CALLERS) {
        got[caller] = (await fetchMedia(caller, orderId, ref)).statusCode;
        // HEAD (the order page's check before it shows a file) answers as the GET does.
        expect((await probeMedia(caller, orderId, ref)).statusCode, `HEAD as ${caller}`).toBe(got[caller]);
      }
      return got;
    };
    // The unit holding it sees the photo even when the citizen is anonymous to it (contact only is withheld).
    expect(await statuses(open.id, photo.ref)).toEqual({
      public: 200,
      admin: 200,
      supervisor: 200,
      reporter: 200,
      otherReporter: 403,
      leader: 200,
    });
    expect(await statuses(anonymous.id, hidden.ref)).toEqual({
      public: 404,
      admin: 200,
      supervisor: 200,
      reporter: 200,
      otherReporter: 403,
      leader: 200,
    });
    // A ref of another order, an unknown ref, an unknown order.
    expect((await fetchMedia('admin', open.id, hidden.ref)).statusCode).toBe(404);
    expect((await fetchMedia('public', open.id, hidden.ref)).statusCode).toBe(404);
    expect((await fetchMedia('admin', open.id, 'AAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    expect((await fetchMedia('admin', 999_999, photo.ref)).statusCode).toBe(404);
    expect((await fetchMedia('admin', open.id, 'no/such')).statusCode).toBe(404);
    expect((await probeMedia('admin', open.id, hidden.ref)).statusCode).toBe(404);

    // HEAD says the type and size without the bytes.
    const head = await probeMedia('reporter', open.id, photo.ref);
    expect(head.headers['content-type']).toBe('image/jpeg');
    expect(head.headers['content-length']).toBe(String(JPEG.length));
    expect(head.rawPayload.length).toBe(0);
    // The citizen is anonymous to the unit: its copy does not carry the file's own name.
    expect(decodeURIComponent(String(head.headers['content-disposition']))).toContain(
      `附件-${photo.ref}.jpg`,
    );
    const centre = await probeMedia('admin', open.id, photo.ref);
    expect(centre.headers['content-disposition']).toMatch(/^attachment; filename="photo\.jpg"/);
  });

  it('keeps the uploaded name on the order, never the client’s, and out of public output', async () => {
    const photo = await uploaded('admin', '王先生家门口.jpg', JPEG, 'image/jpeg');
    const scan = await uploaded('admin', '物业通知.pdf', PDF, 'application/pdf');
    const hidden = await uploaded('admin', '王先生的房子.jpg', JPEG, 'image/jpeg');
    const created = await take(
      'admin',
      intake({
        media: [
          { ...photo, name: 'renamed.exe' },
          { ref: scan.ref, contentType: scan.contentType, bytes: scan.bytes },
        ],
        privacy: { anonymousToPublic: false },
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const open = json<Order>(created);
    expect(open.media.map((m) => m.name)).toEqual(['王先生家门口.jpg', '物业通知.pdf']);
    const anonymous = json<Order>(await take('admin', intake({ media: [hidden] })));
    for (const id of [open.id, anonymous.id]) {
      const sent = await t.request('admin', {
        method: 'POST',
        url: `${V1}/requests/${id}/dispatch`,
        payload: { leadUnitId: t.unitA.id, reason: '测试派单' },
      });
      expect(sent.statusCode, sent.body).toBe(200);
    }
    // Stored with the order: the centre, a leader and the unit holding it read it back.
    for (const caller of ['admin', 'leader', 'reporter'] as const) {
      const read = json<Order>(await t.request(caller, { url: `${V1}/requests/${anonymous.id}` }));
      expect(read.media[0]?.name, caller).toBe('王先生的房子.jpg');
    }
    // The public: Open311 publishes a link for the citizen who is not anonymous, never a name;
    // the file itself comes under its name only then (an anonymous citizen's answers 404).
    for (const id of [open.id, anonymous.id]) {
      const published = await t.request('public', { url: `/open311/v2/requests/${id}.json` });
      expect(published.statusCode).toBe(200);
      expect(published.body).not.toMatch(/王先生|物业通知|renamed/);
      const xml = await t.request('public', { url: `/open311/v2/requests/${id}.xml` });
      expect(xml.body).not.toMatch(/王先生|物业通知|renamed/);
    }
    const list = await t.request('public', { url: `${V1}/requests` });
    expect(list.body).not.toMatch(/王先生|物业通知/);
    // The picture reaches the public under a name that says nothing, without its metadata; the
    // PDF (which cannot be cleaned) and an anonymous citizen's files not at all.
    const file = await fetchMedia('public', open.id, photo.ref);
    expect(file.statusCode).toBe(200);
    expect(decodeURIComponent(String(file.headers['content-disposition']))).toContain(
      `附件-${photo.ref}.jpg`,
    );
    expect(file.rawPayload.equals(JPEG_STRIPPED)).toBe(true);
    expect(file.rawPayload.includes('GPS')).toBe(false);
    expect((await fetchMedia('public', open.id, scan.ref)).statusCode).toBe(404);
    expect((await fetchMedia('public', anonymous.id, hidden.ref)).statusCode).toBe(404);

    // Anonymous to the unit: the centre sees the name; the holding unit sees the file, no name.
    const secret = await uploaded('admin', '王先生家漏水.jpg', JPEG, 'image/jpeg');
    const shy = json<Order>(
      await take('admin', intake({ media: [secret], privacy: { anonymousToUnit: true } })),
    );
    const sent = await t.request('admin', {
      method: 'POST',
      url: `${V1}/requests/${shy.id}/dispatch`,
      payload: { leadUnitId: t.unitA.id, reason: '测试派单' },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const byCentre = json<Order>(await t.request('admin', { url: `${V1}/requests/${shy.id}` }));
    expect(byCentre.media[0]?.name).toBe('王先生家漏水.jpg');
    const byUnit = await t.request('reporter', { url: `${V1}/requests/${shy.id}` });
    expect(byUnit.statusCode).toBe(200);
    expect(json<Order>(byUnit).media[0]).toMatchObject({ ref: secret.ref, contentType: 'image/jpeg' });
    expect(byUnit.body).not.toContain('王先生');
    const unitFile = await fetchMedia('reporter', shy.id, secret.ref);
    expect(unitFile.statusCode).toBe(200);
    expect(unitFile.headers['content-disposition']).toContain(`${secret.ref}.jpg`);
    expect(decodeURIComponent(String(unitFile.headers['content-disposition']))).not.toContain('王先生');
    const centreFile = await fetchMedia('admin', shy.id, secret.ref);
    expect(decodeURIComponent(String(centreFile.headers['content-disposition']))).toContain('王先生家漏水');
  });

  it('publishes media_url in Open311 at the configured address, never the Host header, and none for an anonymous citizen', async () => {
    const photo = await uploaded('admin', 'photo.jpg', JPEG, 'image/jpeg');
    const hidden = await uploaded('admin', 'hidden.jpg', JPEG, 'image/jpeg');
    const open = json<Order>(
      await take('admin', intake({ media: [photo], privacy: { anonymousToPublic: false } })),
    );
    const anonymous = json<Order>(await take('admin', intake({ media: [hidden] })));
    const one = async (id: number) =>
      json<{ media_url: string | null }[]>(
        await t.request('public', {
          url: `/open311/v2/requests/${id}.json`,
          // A client chooses its Host header: a link made from it would send others to evil.example.
          headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
        }),
      )[0];
    const url = (await one(open.id))?.media_url;
    expect(url).toBe(`https://12345.example.gov.cn/api/v1/requests/${open.id}/media/${photo.ref}`);
    const followed = await t.request('public', { url: new URL(url!).pathname });
    expect(followed.statusCode).toBe(200);
    expect(followed.rawPayload.equals(JPEG_STRIPPED)).toBe(true);
    expect((await one(anonymous.id))?.media_url).toBeNull();
  });
});

describe('declaredMediaType and openMediaUrl', () => {
  it('takes the declared type, or the extension’s when the browser declares none', () => {
    expect(declaredMediaType('a.png', 'image/png; charset=binary')).toBe('image/png');
    expect(declaredMediaType('积水.JPG', 'application/octet-stream')).toBe('image/jpeg');
    expect(declaredMediaType('x.bin', '')).toBe('application/octet-stream');
  });
  it('links files of this store, keeps posted URLs, and drops anything else', () => {
    const ref = 'abcdefghijklmnopqrstuvwx';
    expect(openMediaUrl('https://h', 3, ref)).toBe(`https://h/api/v1/requests/3/media/${ref}`);
    expect(openMediaUrl('https://h', 3, 'https://img.example/1.jpg')).toBe('https://img.example/1.jpg');
    expect(openMediaUrl('https://h', 3, 'javascript:alert(1)')).toBeUndefined();
  });
});
