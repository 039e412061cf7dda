/**
 * Media of citizens' requests (接诉即办, issue 7) under /api/v1/requests: a photo, video,
 * recording or PDF is uploaded first (POST /requests/media → `{ ref, contentType, bytes, name }`),
 * then named in the intake's `media` (POST /requests, through the command `intakeOrderWithMedia`),
 * and read back with its order (GET /requests/:id/media/:ref). Bytes live in the database, as
 * evidence files do (routes/tracking.ts); the checks are the domain's (src/requests/media.ts).
 *
 * Who uploads: whoever may take a request in (routes/requests.ts) — the centre, a unit's grid
 * worker, the public web form; not a leader. Who reads: whoever may read the order — the
 * centre and leaders, the units holding it (media stay in the unit's view: only the contact is
 * withheld from a unit, deriveUnitView), and the public only the pictures derivePublicOrder
 * lists (not for a citizen anonymous to the public), stripped of their metadata and under a
 * name that says nothing (src/requests/privacy.ts: the one public rule; Open311's media_url).
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uploadMedia } from '../../commands/requests.js';
import { AppError } from '../../errors.js';
import {
  MAX_MEDIA_BYTES,
  deriveAnonymousMediaName,
  holdsOrder,
  isMediaRef,
  isPublicMedia,
  stripImageMetadata,
  toRequestActor,
} from '../../requests/index.js';
import type { MediaRepository, StoredMedia } from '../../store/media.js';
import { userOf } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import { contentDisposition, readOneFile } from '../document-data.js';
import { Id } from '../../contract/index.js';
import { tags } from './requests-access.js';

/** Uploads per client address and minute: the public form may upload, so it is bounded. */
const UPLOADS_PER_MINUTE = 60;

const MediaParams = z.object({
  id: Id,
  ref: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a media ref from POST /requests/media'),
});

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
    return (await readOneFile(request, z.object({}), '附件')).file;
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
            'Files no intake takes within an hour are deleted. Without signing in: 20 a minute per ' +
            'client address, 18 files or 180 MiB not yet taken by a request per address, 1 GiB altogether (429).',
          consumes: ['multipart/form-data'],
        },
      },
      async (request, reply) => {
        const uploadedBy = uploaderOf(request);
        const limit = Math.min(ctx.uploadLimitBytes, MAX_MEDIA_BYTES);
        const file = await readMediaFile(request, limit);
        // The public: so many a minute per address, and a quota of what no request took yet.
        if (uploadedBy === null) await ctx.anonymous.upload(request.ip, file.bytes.length);
        const saved = await uploadMedia(ctx.store, request.scope.jurisdictionId, file, uploadedBy, ctx.now());
        return reply
          .code(201)
          .send({ ref: saved.ref, contentType: saved.contentType, bytes: saved.bytes, name: saved.name });
      },
    );

    /**
     * Media file `ref` of order `id` as `find` reads it, for a caller who may see the order
     * (NOT_FOUND or FORBIDDEN as the GET describes), and `hideName` when the name must not be
     * shown: to the public, and to a unit reading the file of a citizen anonymous to units (a
     * file's name, like 王先生家漏水.jpg, can say who sent it). `forPublic`: the bytes go out
     * stripped of their metadata.
     */
    const readableMedia = async <T>(
      request: FastifyRequest,
      id: number,
      ref: string,
      find: (media: MediaRepository, orderId: number) => Promise<T | undefined>,
    ): Promise<{ file: T; hideName: boolean; forPublic: boolean }> => {
      await ctx.requests.setup(request.scope.jurisdictionId);
      const order = await store.requests.findOrder(id);
      if (order === undefined) throw new AppError('NOT_FOUND', `order ${id} not found`);
      const user = userOf(request);
      const actor = toRequestActor(user);
      // NOT_FOUND, not FORBIDDEN: the public learns nothing of files it may not see.
      if (user === undefined && !isPublicMedia(order, ref))
        throw new AppError('NOT_FOUND', `no media ${ref} on order ${id}`);
      if (actor?.role === 'unit' && !holdsOrder(order, actor.unitIds)) {
        throw new AppError('FORBIDDEN', `工单 ${order.id} 不在本单位办理`);
      }
      const file = await find(store.media, order.id);
      if (file === undefined) throw new AppError('NOT_FOUND', `no media ${ref} on order ${id}`);
      const forPublic = user === undefined;
      const hideName = forPublic || (actor?.role === 'unit' && order.privacy.anonymousToUnit === true);
      return { file, hideName, forPublic };
    };
    /** The bytes the public gets: the picture without its metadata, or NOT_FOUND when it cannot be cleaned. */
    const publicBytes = (file: StoredMedia & { content: Uint8Array }): Uint8Array => {
      const clean = stripImageMetadata(file.content, file.contentType);
      if (clean === undefined) throw new AppError('NOT_FOUND', `no media ${file.ref}`);
      return clean;
    };
    const fileHeaders = (file: StoredMedia, hideName: boolean) => ({
      'content-type': file.contentType,
      'content-disposition': contentDisposition(hideName ? deriveAnonymousMediaName(file) : file.name),
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
        if (userOf(request) === undefined) {
          // The public's copy is stripped: its length is known once it is.
          const { file } = await readableMedia(request, id, ref, (media, orderId) =>
            media.findContent(orderId, ref),
          );
          const bytes = publicBytes(file);
          return reply.headers({ ...fileHeaders(file, true), 'content-length': String(bytes.length) }).send();
        }
        const { file, hideName } = await readableMedia(request, id, ref, (media, orderId) =>
          media.find(orderId, ref),
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
            'The centre and leaders; a unit holding the order; the public only the pictures the ' +
            'public view of the order lists (not for a citizen anonymous to the public), stripped of ' +
            'their metadata (Exif, XMP) and under a neutral name. Served with its stored type, as an attachment.',
          params: MediaParams,
        },
      },
      async (request, reply) => {
        const { id, ref } = request.params;
        const { file, hideName, forPublic } = await readableMedia(request, id, ref, (media, orderId) =>
          media.findContent(orderId, ref),
        );
        const bytes = forPublic ? publicBytes(file) : file.content;
        return reply.headers(fileHeaders(file, hideName)).send(Buffer.from(bytes));
      },
    );
  };
}
