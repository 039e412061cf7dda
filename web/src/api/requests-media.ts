/**
 * What the intake screen asks the server while the operator types (issue 7): media uploads
 * (src/server/routes/requests-media.ts) and category suggestions with the unit the catalogue
 * would send each to (src/server/routes/requests.ts).
 */
import { api } from './endpoints';
import type { IntakeSuggestions, SuggestBody, UploadedMedia } from '../../../src/contract';

export type { IntakeSuggestion, UploadedMedia } from '../../../src/contract';

export const requestsMediaApi = {
  /** Uploads one file (multipart `file`); the server checks its size and that its bytes are what it says. */
  upload: (file: Blob, name: string) => {
    const form = new FormData();
    form.append('file', file, name);
    return api.request<UploadedMedia>('POST', '/requests/media', { body: form });
  },
  /** Where an order's file is read (the server decides who may). */
  mediaUrl: (orderId: number, ref: string) =>
    `${api.base}/requests/${orderId}/media/${encodeURIComponent(ref)}`,
  /**
   * Asks HEAD of an order's file: resolves when the caller may read it, else rejects with the
   * ApiError (FORBIDDEN 403, NOT_FOUND 404), so a page can say so instead of a broken image.
   */
  probe: async (orderId: number, ref: string, signal?: AbortSignal): Promise<true> => {
    await api.request<unknown>('HEAD', `/requests/${orderId}/media/${encodeURIComponent(ref)}`, { signal });
    return true;
  },
  suggest: (text: string, area: string | undefined, signal?: AbortSignal) => {
    const body: SuggestBody = area ? { text, area } : { text };
    return api.request<IntakeSuggestions>('POST', '/requests/suggest', { body, signal });
  },
};
