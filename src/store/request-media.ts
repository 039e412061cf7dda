/**
 * Media of citizens' requests (接诉即办, issue 7): the bytes of a photo, video, recording or PDF
 * kept in the database beside their metadata, as evidence files are (tracking-queries.ts). An
 * upload gets a random `ref`; an intake then takes its files in three steps — reserve (only the
 * uploader's own, unused files), insert the order, attach (or release on failure) — so a file
 * joins one order only, even when two intakes name it at once.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import type { Store } from './types.js';

interface RequestMediaTable {
  ref: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: number | null;
  uploaded_at: string;
  order_id: number | null;
  claim: string | null;
}

interface MediaTables {
  request_media: RequestMediaTable;
}

type Db = Kysely<MediaTables>;

/** A stored media file's metadata (its bytes come with `findMediaContent`). */
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

export interface RequestMediaStore {
  /** Stores the bytes and answers their metadata with a new random `ref`. */
  insertMedia(input: {
    name: string;
    contentType: string;
    content: Uint8Array;
    uploadedBy: number | null;
    uploadedAt: string;
  }): Promise<StoredMedia>;
  /**
   * Reserves the files named by `refs` that `uploadedBy` uploaded (null: the public) and no
   * order took yet, under a new claim; answers the claim and the files it got (some may be
   * missing: unknown, someone else's, already used or reserved by another intake).
   */
  reserveMedia(
    refs: readonly string[],
    uploadedBy: number | null,
  ): Promise<{ claim: string; media: StoredMedia[] }>;
  /** Gives the files of a claim to the order. */
  attachMedia(claim: string, orderId: number): Promise<void>;
  /** Frees the files of a claim (the intake failed). */
  releaseMedia(claim: string): Promise<void>;
  /** The file `ref` of the order without its bytes, or undefined. */
  findMedia(orderId: number, ref: string): Promise<StoredMedia | undefined>;
  /** The file `ref` of the order with its bytes, or undefined. */
  findMediaContent(
    orderId: number,
    ref: string,
  ): Promise<(StoredMedia & { content: Uint8Array }) | undefined>;
  /** Deletes files no order took that were uploaded before `instant`; answers how many. */
  deleteUnclaimedBefore(instant: string): Promise<number>;
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

/** A new media ref: 144 random bits, URL-safe, never guessable from another. */
export function newMediaRef(): string {
  return randomBytes(18).toString('base64url');
}

/** True for a string shaped like a ref this store gives out. */
export function isMediaRef(value: string): boolean {
  return /^[A-Za-z0-9_-]{24}$/.test(value);
}

class KyselyRequestMediaStore implements RequestMediaStore {
  constructor(private readonly db: Db) {}

  async insertMedia(input: Parameters<RequestMediaStore['insertMedia']>[0]): Promise<StoredMedia> {
    const row = await this.db
      .insertInto('request_media')
      .values({
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

  async reserveMedia(refs: readonly string[], uploadedBy: number | null) {
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

  async attachMedia(claim: string, orderId: number): Promise<void> {
    await this.db
      .updateTable('request_media')
      .set({ order_id: orderId, claim: null })
      .where('claim', '=', claim)
      .execute();
  }

  async releaseMedia(claim: string): Promise<void> {
    await this.db.updateTable('request_media').set({ claim: null }).where('claim', '=', claim).execute();
  }

  async findMedia(orderId: number, ref: string) {
    const row = await this.db
      .selectFrom('request_media')
      .select(INFO)
      .where('ref', '=', ref)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row === undefined ? undefined : toStoredMedia(row);
  }

  async findMediaContent(orderId: number, ref: string) {
    const row = await this.db
      .selectFrom('request_media')
      .select([...INFO, 'content'])
      .where('ref', '=', ref)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row === undefined ? undefined : { ...toStoredMedia(row), content: new Uint8Array(row.content) };
  }

  async deleteUnclaimedBefore(instant: string): Promise<number> {
    const result = await this.db
      .deleteFrom('request_media')
      .where('order_id', 'is', null)
      .where('uploaded_at', '<', instant)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

const cache = new WeakMap<object, RequestMediaStore>();

/**
 * The media store on the same database as `store` (a KyselyStore from openStore), one per store.
 * @example const media = openRequestMediaStore(await openStore(':memory:'));
 */
export function openRequestMediaStore(store: Store): RequestMediaStore {
  let found = cache.get(store);
  if (found) return found;
  const handle = (store as unknown as { kysely?: unknown }).kysely;
  if (handle === undefined) {
    throw new AppError('INTERNAL', 'the request media store needs a KyselyStore (openStore)');
  }
  found = new KyselyRequestMediaStore(handle as Db);
  cache.set(store, found);
  return found;
}
