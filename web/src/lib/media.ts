/**
 * An order's media (接诉即办, issue 7) as the order page shows them: images as thumbnails,
 * other files as downloads, links an Open311 client posted as outside links. Pure.
 */
import type { ApiError } from '../api/client';
import type { MediaRef } from '../api/requests';

/**
 * A file of an order: its `name` is the uploaded file's, as the server stored it (absent for an
 * Open311 link and for orders taken before names were kept: the page then says 附件 N).
 */
export type OrderMediaItem = MediaRef;

/**
 * Whether the viewer may read a file, as the server answers HEAD of it: `checking` while
 * asking, `forbidden` (403), `missing` (404, or a ref the server does not take), `failed`
 * (the network, the server's own failure).
 */
export type MediaAccess = 'checking' | 'ok' | 'forbidden' | 'missing' | 'failed';

/** The types the server accepts (src/requests MEDIA_TYPES), by the word each language uses. */
const TYPE_KEYS: Record<string, MediaTypeKey> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'audio/mpeg': 'mp3',
  'application/pdf': 'pdf',
};
export type MediaTypeKey = 'jpeg' | 'png' | 'webp' | 'mp4' | 'mp3' | 'pdf' | 'other';

/**
 * The i18n key of a content type (`requests.media.types.<key>`); `other` for a type the
 * server would not take today.
 * @example mediaTypeKey('application/pdf') // 'pdf'
 */
export function mediaTypeKey(contentType: string): MediaTypeKey {
  return TYPE_KEYS[contentType.split(';')[0]?.trim().toLowerCase() ?? ''] ?? 'other';
}

/**
 * True for a ref that is a URL an Open311 client posted (routes/requests-media.ts
 * `openMediaUrl` keeps it as it was): it is not a file of this server.
 */
export function isExternalMediaRef(ref: string): boolean {
  return /^https?:\/\//i.test(ref);
}

/** True for a file shown as a thumbnail: an image of this server. */
export function isInlineImage(item: MediaRef): boolean {
  return !isExternalMediaRef(item.ref) && item.contentType.toLowerCase().startsWith('image/');
}

/** What the server's refusal of HEAD of a file says of it. */
export function deriveMediaAccess(error: ApiError): Exclude<MediaAccess, 'checking' | 'ok'> {
  if (error.code === 'FORBIDDEN') return 'forbidden';
  // 400: a ref the media route does not take (a synthetic order's), as good as not there.
  if (error.code === 'NOT_FOUND' || error.code === 'BAD_INPUT') return 'missing';
  return 'failed';
}
