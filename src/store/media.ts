/**
 * Media of citizens' requests (接诉即办, issue 7): the bytes of a photo, video, recording or PDF
 * kept in the database beside their metadata, as evidence files are (tracking.ts). An upload
 * gets a random `ref`; an intake then takes its files in three steps — reserve (only the
 * uploader's own, unused files), insert the order, attach (or release on failure) — so a file
 * joins one order only, even when two intakes name it at once.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db, RequestMediaTable } from './schema.js';

/** A stored media file's metadata (its bytes come with `findContent`). */
export interface StoredMedia {
  ref: string;
  name: string;
  contentType: string;
  bytes: number;
  sha256: string;
  /** Null for the public web form. */
  uploadedBy: number | null;
  uploadedAt: string;
  /** Null until an intake takes the file. */
  orderId: number | null;
}

const INFO = [
  'ref',
  'name',
  'content_type',
  'size',
  'sha256',
  'uploaded_by',
  'uploaded_at',
  'order_id',
] as const;

function toStoredMedia(r: Pick<RequestMediaTable, (typeof INFO)[number]>): StoredMedia {
  return {
    ref: r.ref,
    name: r.name,
    contentType: r.content_type,
    bytes: Number(r.size),
    sha256: r.sha256,
    uploadedBy: r.uploaded_by === null ? null : Number(r.uploaded_by),
    uploadedAt: r.uploaded_at,
    orderId: r.order_id === null ? null : Number(r.order_id),
  };
}

/** A new media ref: 144 random bits, URL-safe, never guessable from another (isMediaRef). */
export function newMediaRef(): string {
  return randomBytes(18).toString('base64url');
}

export class MediaRepository {
  constructor(private readonly db: Db) {}

  /** Stores the bytes and answers their metadata with a new random `ref`. */
  async insert(input: {
    /** The jurisdiction whose centre took the upload. */
    jurisdictionId: number;
    name: string;
    contentType: string;
    content: Uint8Array;
    uploadedBy: number | null;
    uploadedAt: string;
  }): Promise<StoredMedia> {
    const row = await this.db
      .insertInto('request_media')
      .values({
        jurisdiction_id: input.jurisdictionId,
        ref: newMediaRef(),
        name: input.name,
        content_type: input.contentType,
        size: input.content.length,
        sha256: createHash('sha256').update(input.content).digest('hex'),
        content: Buffer.from(input.content),
        uploaded_by: input.uploadedBy,
        uploaded_at: input.uploadedAt,
        order_id: null,
        claim: null,
      })
      .returning(INFO)
      .executeTakeFirstOrThrow();
    return toStoredMedia(row);
  }

  /**
   * Reserves the files named by `refs` that `uploadedBy` uploaded (null: the public) and no
   * order took yet, under a new claim; answers the claim and the files it got (some may be
   * missing: unknown, someone else's, already used or reserved by another intake).
   */
  async reserve(refs: readonly string[], uploadedBy: number | null) {
    const claim = randomUUID();
    if (refs.length === 0) return { claim, media: [] };
    await this.db
      .updateTable('request_media')
      .set({ claim })
      .where('ref', 'in', [...refs])
      .where('order_id', 'is', null)
      .where('claim', 'is', null)
      .where('uploaded_by', uploadedBy === null ? 'is' : '=', uploadedBy)
      .execute();
    const rows = await this.db.selectFrom('request_media').select(INFO).where('claim', '=', claim).execute();
    return { claim, media: rows.map(toStoredMedia) };
  }

  /** Gives the files of a claim to the order. */
  async attach(claim: string, orderId: number): Promise<void> {
    await this.db
      .updateTable('request_media')
      .set({ order_id: orderId, claim: null })
      .where('claim', '=', claim)
      .execute();
  }

  /** Frees the files of a claim (the intake failed). */
  async release(claim: string): Promise<void> {
    await this.db.updateTable('request_media').set({ claim: null }).where('claim', '=', claim).execute();
  }

  /** The file `ref` of the order without its bytes, or undefined. */
  async find(orderId: number, ref: string) {
    const row = await this.db
      .selectFrom('request_media')
      .select(INFO)
      .where('ref', '=', ref)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row === undefined ? undefined : toStoredMedia(row);
  }

  /** The file `ref` of the order with its bytes, or undefined. */
  async findContent(orderId: number, ref: string) {
    const row = await this.db
      .selectFrom('request_media')
      .select([...INFO, 'content'])
      .where('ref', '=', ref)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row === undefined ? undefined : { ...toStoredMedia(row), content: new Uint8Array(row.content) };
  }

  /**
   * Copies the stored files of order `fromOrderId` to order `to.orderId` of `to.jurisdictionId`
   * (市级派单): each a new row under the new ref `copies` gives it (old ref → new), the same bytes,
   * name and upload. Answers how many it copied. In the caller's transaction: a failure copies
   * nothing.
   */
  async copyToOrder(
    fromOrderId: number,
    copies: ReadonlyMap<string, string>,
    to: { jurisdictionId: number; orderId: number },
  ): Promise<number> {
    if (copies.size === 0) return 0;
    const rows = await this.db
      .selectFrom('request_media')
      .selectAll()
      .where('order_id', '=', fromOrderId)
      .where('ref', 'in', [...copies.keys()])
      .execute();
    for (const row of rows) {
      await this.db
        .insertInto('request_media')
        .values({
          ...row,
          jurisdiction_id: to.jurisdictionId,
          ref: copies.get(row.ref)!,
          order_id: to.orderId,
          claim: null,
        })
        .execute();
    }
    return rows.length;
  }

  /** Bytes of the public's uploads (no uploader) that no order took yet. */
  async unclaimedPublicBytes(): Promise<number> {
    const row = await this.db
      .selectFrom('request_media')
      .select((eb) => eb.fn.sum<number | string | null>('size').as('bytes'))
      .where('order_id', 'is', null)
      .where('uploaded_by', 'is', null)
      .executeTakeFirst();
    return Number(row?.bytes ?? 0);
  }

  /** Deletes files no order took that were uploaded before `instant`; answers how many. */
  async deleteUnclaimedBefore(instant: string): Promise<number> {
    const result = await this.db
      .deleteFrom('request_media')
      .where('order_id', 'is', null)
      .where('uploaded_at', '<', instant)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
