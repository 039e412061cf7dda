/**
 * Comments on commitments (留言), the codes that verify a commenter and their sessions, and the
 * wall screen's kiosk links (issue 19). Commenters appear only as keyed hashes. Rows only.
 */
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { Comment } from '../verdicts/comments.js';
import type { KioskToken } from '../verdicts/kiosk.js';
import type { Challenge } from '../verdicts/verification.js';
import { notFound, staleVersion } from './rows.js';
import type { Db } from './schema.js';
import type { CommentsTable, KioskTokensTable } from './schema-promises.js';

/** A comment with its optimistic version. */
export type StoredComment = Comment & { version: number };

function toComment(r: Selectable<CommentsTable>): StoredComment {
  return {
    id: r.id,
    subject: {
      type: r.subject_type as Comment['subject']['type'],
      id: r.subject_id,
      planId: r.plan_id,
      leadUnitId: null,
    },
    commenterKey: r.commenter_key,
    body: r.body,
    state: r.state as Comment['state'],
    createdAt: r.created_at,
    flags: JSON.parse(r.flags) as Comment['flags'],
    moderation: r.moderation === null ? null : (JSON.parse(r.moderation) as Comment['moderation']),
    answer: r.answer === null ? null : (JSON.parse(r.answer) as Comment['answer']),
    version: r.version,
  };
}

function toKiosk(r: Selectable<KioskTokensTable>): KioskToken {
  return {
    id: r.id,
    planId: r.plan_id,
    label: r.label,
    views: JSON.parse(r.views) as KioskToken['views'],
    rotateSeconds: r.rotate_seconds,
    tokenHash: r.token_hash,
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}

export class CommentRepository {
  constructor(private readonly db: Db) {}

  async insert(comment: Omit<Comment, 'id'>): Promise<StoredComment> {
    const row = await this.db
      .insertInto('comments')
      .values({
        plan_id: comment.subject.planId,
        subject_type: comment.subject.type,
        subject_id: comment.subject.id,
        commenter_key: comment.commenterKey,
        body: comment.body,
        state: comment.state,
        flags: JSON.stringify(comment.flags),
        moderation: null,
        answer: null,
        created_at: comment.createdAt,
        updated_at: comment.createdAt,
        version: 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toComment(row);
  }

  /** NOT_FOUND unless the comment belongs to the plan. */
  async get(planId: number, id: number): Promise<StoredComment> {
    const row = await this.db
      .selectFrom('comments')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('comment', id);
    return toComment(row);
  }

  /** Writes state, moderation and answer; CONFLICT when the version moved meanwhile. */
  async update(comment: Comment, expectedVersion: number, at: string): Promise<StoredComment> {
    const result = await this.db
      .updateTable('comments')
      .set({
        state: comment.state,
        moderation: comment.moderation === null ? null : JSON.stringify(comment.moderation),
        answer: comment.answer === null ? null : JSON.stringify(comment.answer),
        updated_at: at,
        version: sql<number>`version + 1`,
      })
      .where('id', '=', comment.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw staleVersion('comment', comment.id);
    return this.get(comment.subject.planId, comment.id);
  }

  /** A plan's comments, filtered by subject and states, newest first. */
  async list(
    planId: number,
    filter: { subject?: { type: string; id: number }; states?: readonly string[] } = {},
  ): Promise<StoredComment[]> {
    let q = this.db.selectFrom('comments').selectAll().where('plan_id', '=', planId);
    if (filter.subject) {
      q = q.where('subject_type', '=', filter.subject.type).where('subject_id', '=', filter.subject.id);
    }
    if (filter.states && filter.states.length > 0) q = q.where('state', 'in', [...filter.states]);
    const rows = await q.orderBy('id', 'desc').execute();
    return rows.map(toComment);
  }

  /** A commenter's comments since `since` (the rate rules), any plan. */
  async listByCommenter(commenterKey: string, since: string): Promise<StoredComment[]> {
    const rows = await this.db
      .selectFrom('comments')
      .selectAll()
      .where('commenter_key', '=', commenterKey)
      .where('created_at', '>=', since)
      .execute();
    return rows.map(toComment);
  }

  /** Published comments and their last answer per subject of a plan (the public lists). */
  async countPublished(planId: number): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('comments')
      .select((eb) => ['subject_type', 'subject_id', eb.fn.countAll<number>().as('n')])
      .where('plan_id', '=', planId)
      .where('state', '=', 'published')
      .groupBy(['subject_type', 'subject_id'])
      .execute();
    return new Map(rows.map((r) => [`${r.subject_type}:${r.subject_id}`, Number(r.n)]));
  }

  // ---- challenges and sessions ---------------------------------------------------------------

  async insertChallenge(challenge: Omit<Challenge, 'id'>): Promise<Challenge> {
    const row = await this.db
      .insertInto('comment_challenges')
      .values({
        kind: challenge.kind,
        commenter_key: challenge.commenterKey,
        code_hash: challenge.codeHash,
        created_at: challenge.createdAt,
        expires_at: challenge.expiresAt,
        attempts: challenge.attempts,
        used_at: challenge.usedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...challenge, id: row.id };
  }

  async findChallenge(id: number): Promise<Challenge | undefined> {
    const r = await this.db
      .selectFrom('comment_challenges')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      id: r.id,
      kind: r.kind as Challenge['kind'],
      commenterKey: r.commenter_key,
      codeHash: r.code_hash,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      attempts: r.attempts,
      usedAt: r.used_at,
    };
  }

  async saveChallenge(challenge: Challenge): Promise<void> {
    await this.db
      .updateTable('comment_challenges')
      .set({ attempts: challenge.attempts, used_at: challenge.usedAt })
      .where('id', '=', challenge.id)
      .execute();
  }

  /** When codes went to a commenter key since `since`. */
  async listChallengeTimes(commenterKey: string, since: string): Promise<{ createdAt: string }[]> {
    const rows = await this.db
      .selectFrom('comment_challenges')
      .select('created_at')
      .where('commenter_key', '=', commenterKey)
      .where('created_at', '>=', since)
      .execute();
    return rows.map((r) => ({ createdAt: r.created_at }));
  }

  async insertSession(
    idHash: string,
    commenterKey: string,
    createdAt: string,
    expiresAt: string,
  ): Promise<void> {
    await this.db
      .insertInto('commenter_sessions')
      .values({ id_hash: idHash, commenter_key: commenterKey, created_at: createdAt, expires_at: expiresAt })
      .execute();
  }

  async findSession(idHash: string): Promise<{ commenterKey: string; expiresAt: string } | undefined> {
    const r = await this.db
      .selectFrom('commenter_sessions')
      .select(['commenter_key', 'expires_at'])
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    return r ? { commenterKey: r.commenter_key, expiresAt: r.expires_at } : undefined;
  }

  // ---- kiosk links ---------------------------------------------------------------------------

  async insertKiosk(kiosk: Omit<KioskToken, 'id'>): Promise<KioskToken> {
    const row = await this.db
      .insertInto('kiosk_tokens')
      .values({
        plan_id: kiosk.planId,
        label: kiosk.label,
        views: JSON.stringify(kiosk.views),
        rotate_seconds: kiosk.rotateSeconds,
        token_hash: kiosk.tokenHash,
        created_by: kiosk.createdBy,
        created_at: kiosk.createdAt,
        expires_at: kiosk.expiresAt,
        revoked_at: kiosk.revokedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...kiosk, id: row.id };
  }

  async findKioskByHash(hash: string): Promise<KioskToken | undefined> {
    const r = await this.db
      .selectFrom('kiosk_tokens')
      .selectAll()
      .where('token_hash', '=', hash)
      .executeTakeFirst();
    return r ? toKiosk(r) : undefined;
  }

  async getKiosk(planId: number, id: number): Promise<KioskToken> {
    const r = await this.db
      .selectFrom('kiosk_tokens')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw notFound('wall screen link', id);
    return toKiosk(r);
  }

  async listKiosks(planId: number): Promise<KioskToken[]> {
    const rows = await this.db
      .selectFrom('kiosk_tokens')
      .selectAll()
      .where('plan_id', '=', planId)
      .orderBy('id')
      .execute();
    return rows.map(toKiosk);
  }

  async revokeKiosk(id: number, at: string): Promise<void> {
    await this.db.updateTable('kiosk_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
  }
}
