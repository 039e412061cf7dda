/**
 * The limits of a request as taken in: shared by the domain (order.ts), the body schemas
 * (schemas.ts) and the web's intake form, which checks them as the operator types. No imports,
 * so the web can take it without the rest of the domain.
 */

/** Longest request text accepted (characters). */
export const MAX_TEXT_LENGTH = 4000;
export const MAX_ADDRESS_LENGTH = 200;
/** Longest community or grid-cell name, and longest contact name. */
export const MAX_PLACE_NAME_LENGTH = 50;
export const MAX_MEDIA = 9;
export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;
/** Photos, video, voice, and PDF (a notice, receipt or contract the citizen shows). */
export const MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'video/mp4',
  'audio/mpeg',
  'application/pdf',
] as const;
