/**
 * Media of citizens' requests (接诉即办, issue 7) under /api/v1/requests: a photo, video,
 * recording or PDF is uploaded first (POST /requests/media → `{ ref, contentType, bytes, name }`),
 * then named in the intake's `media` (POST /requests, through `withIntakeMedia`), and read back
 * with its order (GET /requests/:id/media/:ref). Bytes live in the database, as evidence files
 * do (routes/tracking.ts); the checks are the domain's (`assertMediaAllowed`, order.ts).
 *
 * Who uploads: whoever may take a request in (routes/requests.ts) — the centre, a unit's grid
 * worker, the public web form; not a leader. Who reads: whoever may read the order — the
 * centre and leaders, the units holding it (media stay in the unit's view: only the contact is
 * withheld from a unit, deriveUnitView), and the public only when the citizen did not ask to
 * stay anonymous to the public (as the Open311 façade publishes media_url).
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { MAX_MEDIA_BYTES, MEDIA_TYPES, assertMediaAllowed } from '../../requests/index.js';
import type { MediaRef, WorkOrder } from '../../requests/index.js';
import { isMediaRef, openRequestMediaStore } from '../../store/request-media.js';
import type { StoredMedia } from '../../store/request-media.js';
import type { Store } from '../../store/types.js';
import { userOf } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import { contentDisposition, readOneFile } from '../document-data.js';
import { getRequestsSetup, holdsOrder, toRequestActor } from '../requests-service.js';
import { Id } from '../../contract/index.js';

const tags = ['requests'];
type MediaType = (typeof MEDIA_TYPES)[number];

/** The file name extensions of each accepted type: a name that says another type is refused. */
const EXTENSIONS: Record<MediaType, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jfif'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'video/mp4': ['mp4', 'm4v'],
  'audio/mpeg': ['mp3'],
  'application/pdf': ['pdf'],
};

/** Uploads no intake took within this long are deleted (at the next upload). */
export const UNCLAIMED_MEDIA_TTL_MS = 24 * 3_600_000;

/** Uploads per client address and minute: the public form may upload, so it is bounded. */
const UPLOADS_PER_MINUTE = 60;

const MediaParams = z.object({
  id: Id,
  ref: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a media ref from POST /requests/media'),
});

const isMediaType = (value: string): value is MediaType => (MEDIA_TYPES as readonly string[]).includes(value);
const extensionOf = (name: string) => /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();

/**
 * The type a client declared for a file: its part's content type, or — when that says nothing
 * (empty, application/octet-stream) — the one its name's extension stands for.
 * @example declaredMediaType('积水.JPG', 'application/octet-stream') // 'image/jpeg'
 */
/** A file name that says nothing of the sender: 附件-<ref>.jpg. */
function anonymousName(file: { ref: string; contentType: string }): string {
  const extension = EXTENSIONS[file.contentType as MediaType]?.[0];
  return `附件-${file.ref}${extension ? `.${extension}` : ''}`;
}

export function declaredMediaType(name: string, mimeType: string): string {
  const declared = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (declared !== '' && declared !== 'application/octet-stream') return declared;
  const ext = extensionOf(name);
  const byName = MEDIA_TYPES.find((type) => ext !== undefined && EXTENSIONS[type].includes(ext));
  return byName ?? (declared || 'application/octet-stream');
}

/**
 * The name a checked file is kept under: without any path or control characters, at most 120
 * characters, with its type's extension. BAD_INPUT when the name's extension says another
 * type (a program named .jpg was already refused by its bytes; this refuses `photo.exe`).
 */
function storedName(name: string, type: MediaType): string {
  const base = name.split(/[\\/]/).at(-1) ?? '';
  const plain = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  const ext = extensionOf(plain);
  if (ext === undefined) return `${plain.slice(0, 110) || 'media'}.${EXTENSIONS[type][0]}`;
  if (!EXTENSIONS[type].includes(ext)) {
    throw new AppError('BAD_INPUT', `附件「${plain}」的扩展名与内容不符（内容为 ${type}）`, [
      { path: 'body.file', message: 'disguised file: the name says another type' },
    ]);
  }
  return plain.length > 120 ? `${plain.slice(0, 110)}.${ext}` : plain;
}

/** The uploader: the signed-in user who may take requests in, or null for the public web form. */
function uploaderOf(request: FastifyRequest): number | null {
  const user = userOf(request);
  if (user === undefined) return null;
  if (toRequestActor(user) === undefined)
    throw new AppError('FORBIDDEN', `your role (${user.role}) may not take requests in`);
  return user.id;
}

/** The one uploaded file; a file over the multipart limit answers 413 in words. */
async function readMediaFile(request: FastifyRequest, limitBytes: number) {
  try {
    return (await readOneFile(request, z.object({}), 'media file')).file;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') {
      const mib = Math.floor(limitBytes / (1024 * 1024));
      throw new AppError('TOO_LARGE', `附件过大：每个附件不超过 ${mib} MB`, [
        { path: 'body.file', message: `over ${limitBytes} bytes` },
      ]);
    }
    throw error;
  }
}

/**
 * Runs an intake whose `media` names uploaded files: each must be one the same uploader sent
 * (`uploadedBy`, null for the public) that no order took yet — else BAD_INPUT naming it, with
 * one reason for unknown, someone else's and used refs, so nothing tells them apart. The
 * intake gets the stored type, size and file name (not what the client claims); when it
 * succeeds its order takes the files, when it fails they are free again. A declared size over the limit
 * answers 413 first, as the domain does (order.ts).
 * @example
 * const order = await withIntakeMedia(store, body.media, user?.id ?? null, (media) =>
 *   intakeOrder(setup, { ...body, media }, actor, now, { autoDispatch: false }));
 */
export async function withIntakeMedia(
  store: Store,
  declared: readonly MediaRef[] | undefined,
  uploadedBy: number | null,
  intake: (media: MediaRef[]) => Promise<WorkOrder>,
): Promise<WorkOrder> {
  if (declared === undefined || declared.length === 0) return intake([]);
  declared.forEach((m, i) => {
    if (m.bytes > MAX_MEDIA_BYTES)
      throw new AppError('TOO_LARGE', '附件过大', [{ path: `body.media.${i}`, message: 'too large' }]);
  });
  const seen = new Set<string>();
  declared.forEach((m, i) => {
    if (seen.has(m.ref))
      throw new AppError('BAD_INPUT', '同一附件不能提交两次', [
        { path: `body.media.${i}.ref`, message: 'named twice' },
      ]);
    seen.add(m.ref);
  });
  const media = openRequestMediaStore(store);
  const { claim, media: reserved } = await media.reserveMedia([...seen], uploadedBy);
  const byRef = new Map(reserved.map((m) => [m.ref, m]));
  const missing = declared.flatMap((m, i) =>
    byRef.has(m.ref)
      ? []
      : [{ path: `body.media.${i}.ref`, message: 'unknown media ref: upload it with POST /requests/media' }],
  );
  if (missing.length > 0) {
    await media.releaseMedia(claim);
    throw new AppError('BAD_INPUT', '附件不存在或已被使用：请先上传（POST /requests/media）', missing);
  }
  let order: WorkOrder;
  try {
    order = await intake(
      declared.map((m) => {
        const stored = byRef.get(m.ref)!;
        return { ref: stored.ref, contentType: stored.contentType, bytes: stored.bytes, name: stored.name };
      }),
    );
  } catch (error) {
    await media.releaseMedia(claim);
    throw error;
  }
  await media.attachMedia(claim, order.id);
  return order;
}

/**
 * The path of an order's media file under the API prefix, for links (Open311 media_url).
 * @example mediaPath(12, 'q3…') // '/requests/12/media/q3…'
 */
export function mediaPath(orderId: number, ref: string): string {
  return `/requests/${orderId}/media/${encodeURIComponent(ref)}`;
}

/**
 * An Open311 `media_url` for a ref on an order: the absolute URL of GET /requests/:id/media/:ref
 * for a file of this store; a URL an Open311 client posted stays as it was; anything else none.
 * `/api/v1` is app.ts's API_PREFIX (not imported: app.ts imports this module); open311.test.ts
 * follows the URL, so the two cannot drift apart unnoticed.
 * @example openMediaUrl('https://luoshi.example', 12, ref) // 'https://luoshi.example/api/v1/requests/12/media/…'
 */
export function openMediaUrl(origin: string, orderId: number, ref: string): string | undefined {
  if (isMediaRef(ref)) return `${origin}/api/v1${mediaPath(orderId, ref)}`;
  return /^https?:\/\//i.test(ref) ? ref : undefined;
}

/** The plugin; register it beside requestRoutes under /api/v1. */
export function requestMediaRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    app.post(
      '/requests/media',
      {
        config: { rateLimit: { max: UPLOADS_PER_MINUTE, timeWindow: 60_000 } },
        schema: {
          tags,
          summary: 'Upload a photo, video, recording or PDF for an intake; answers its media ref',
          description:
            'multipart/form-data `file` (JPEG, PNG, WebP, MP4, MP3 or PDF; 20 MiB at most). Send the ' +
            'answer `{ ref, contentType, bytes, name }` in the intake’s `media` (the stored type, size ' +
            'and name go on the order, whatever the intake says). 413 too large; 400 a type ' +
            'not accepted, or bytes that are not what the type or name says (a disguised file). ' +
            'Files no intake takes within a day are deleted.',
          consumes: ['multipart/form-data'],
        },
      },
      async (request, reply) => {
        const uploadedBy = uploaderOf(request);
        const limit = Math.min(ctx.uploadLimitBytes, MAX_MEDIA_BYTES);
        const file = await readMediaFile(request, limit);
        const contentType = declaredMediaType(file.fileName, file.mimeType);
        assertMediaAllowed({ contentType, bytes: file.bytes.length }, file.bytes.subarray(0, 16));
        // Unreachable once assertMediaAllowed passed; it narrows the type for storedName.
        if (!isMediaType(contentType)) throw new AppError('INTERNAL', `unchecked type ${contentType}`);
        const name = storedName(file.fileName, contentType);
        const media = openRequestMediaStore(store);
        const now = ctx.now();
        await media.deleteUnclaimedBefore(new Date(now.getTime() - UNCLAIMED_MEDIA_TTL_MS).toISOString());
        const saved = await media.insertMedia({
          name,
          contentType,
          content: file.bytes,
          uploadedBy,
          uploadedAt: now.toISOString(),
        });
        return reply
          .code(201)
          .send({ ref: saved.ref, contentType: saved.contentType, bytes: saved.bytes, name: saved.name });
      },
    );

    /**
     * The order whose media the caller asks for: NOT_FOUND or FORBIDDEN as the GET describes;
     * `hideName` when a unit reads the file of a citizen anonymous to units (a file's name, like
     * 王先生家漏水.jpg, can say who sent it).
     */
    /**
     * Media file `ref` of order `id` as `find` reads it, for a caller who may see the order, and
     * whether its name is hidden from that caller. NOT_FOUND when there is no such file.
     */
    const readableMedia = async <T>(
      request: FastifyRequest,
      id: number,
      ref: string,
      find: (media: ReturnType<typeof openRequestMediaStore>, orderId: number) => Promise<T | undefined>,
    ): Promise<{ file: T; hideName: boolean }> => {
      const { requests } = await getRequestsSetup(store);
      const order = await requests.findOrder(id);
      if (order === undefined) throw new AppError('NOT_FOUND', `order ${id} not found`);
      const user = userOf(request);
      const actor = toRequestActor(user);
      if (user === undefined) {
        // NOT_FOUND, not FORBIDDEN: the public learns nothing of an anonymous citizen's files.
        if (order.privacy.anonymousToPublic)
          throw new AppError('NOT_FOUND', `no media ${ref} on order ${id}`);
      } else if (actor?.role === 'unit' && !holdsOrder(order, actor.unitIds)) {
        throw new AppError('FORBIDDEN', `工单 ${order.id} 不在本单位办理`);
      }
      const file = await find(openRequestMediaStore(store), order.id);
      if (file === undefined) throw new AppError('NOT_FOUND', `no media ${ref} on order ${id}`);
      return { file, hideName: actor?.role === 'unit' && order.privacy.anonymousToUnit === true };
    };
    const fileHeaders = (file: StoredMedia, hideName: boolean) => ({
      'content-type': file.contentType,
      'content-disposition': contentDisposition(hideName ? anonymousName(file) : file.name),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    });

    // Declared before the GET, so Fastify does not derive a HEAD that reads the bytes: the order
    // page asks HEAD of each file to say "not permitted" / "not found" instead of a broken image.
    app.head(
      '/requests/:id/media/:ref',
      {
        schema: {
          tags,
          summary: "Whether the caller may read an order's media file: the GET's status and headers, no body",
          params: MediaParams,
        },
      },
      async (request, reply) => {
        const { id, ref } = request.params;
        const { file, hideName } = await readableMedia(request, id, ref, (media, orderId) =>
          media.findMedia(orderId, ref),
        );
        return reply.headers({ ...fileHeaders(file, hideName), 'content-length': String(file.bytes) }).send();
      },
    );

    app.get(
      '/requests/:id/media/:ref',
      {
        schema: {
          tags,
          summary: "An order's media file, for those who may see the order",
          description:
            'The centre and leaders; a unit holding the order; the public only when the citizen did ' +
            'not ask to stay anonymous to the public. Served with its stored type, as an attachment.',
          params: MediaParams,
        },
      },
      async (request, reply) => {
        const { id, ref } = request.params;
        const { file, hideName } = await readableMedia(request, id, ref, (media, orderId) =>
          media.findMediaContent(orderId, ref),
        );
        return reply.headers(fileHeaders(file, hideName)).send(Buffer.from(file.content));
      },
    );
  };
}
