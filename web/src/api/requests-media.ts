/**
 * What the intake screen asks the server while the operator types (issue 7): media uploads
 * (src/server/routes/requests-media.ts), category suggestions with the unit the catalogue would
 * send each to, and the jurisdiction's areas (src/server/routes/requests.ts).
 */
import { api } from './endpoints';
import type { Area, CategorySuggestion, MediaRef } from './requests';

/** An uploaded file, as POST /requests/media answers: put `{ ref, contentType, bytes }` in the intake. */
export interface UploadedMedia extends MediaRef {
  name: string;
}

/** A suggested category and, once the place is known, the unit the catalogue sends it to. */
export interface IntakeSuggestion extends CategorySuggestion {
  dispatch: { leadUnitId: number; unitName: string | null; designated: boolean; reason: string } | null;
}

export interface JurisdictionAreas {
  jurisdiction: string;
  items: Area[];
  total: number;
}

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
  suggest: (text: string, area: string | undefined, signal?: AbortSignal) =>
    api.request<{ items: IntakeSuggestion[] }>('POST', '/requests/suggest', {
      body: area ? { text, area } : { text },
      signal,
    }),
  areas: () => api.get<JurisdictionAreas>('/requests/areas'),
};
