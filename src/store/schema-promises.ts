/**
 * The tables of the leader's cockpit and the public promise tracker (issue 19, migrations
 * 20261215T00xx), as Kysely sees them; part of `Database` (schema.ts).
 */
import type { Generated } from 'kysely';

export interface PromiseVersionsTable {
  id: Generated<number>;
  plan_id: number;
  subject_type: string;
  subject_id: number;
  field: string;
  seq: number;
  data: string;
  created_at: string;
}

export interface ConfidenceAssessmentsTable {
  id: Generated<number>;
  plan_id: number;
  subject_type: string;
  subject_id: number;
  period_key: string;
  source: string;
  level: string;
  comment: string | null;
  by_user: number;
  at: string;
}

export interface VerdictEntriesTable {
  id: Generated<number>;
  plan_id: number;
  subject_type: string;
  subject_id: number;
  verdict: string;
  data: string;
  by_user: number;
  at: string;
}

export interface PublicChangesTable {
  id: Generated<number>;
  plan_id: number;
  subject_type: string;
  subject_id: number;
  chapter_id: number | null;
  kind: string;
  before_value: string | null;
  after_value: string | null;
  at: string;
}

export interface FollowsTable {
  id: Generated<number>;
  plan_id: number;
  subject_kind: string;
  subject_id: number;
  channel: string;
  email: string | null;
  user_id: number | null;
  cadence: string;
  state: string;
  confirm_hash: string | null;
  confirm_expires_at: string | null;
  unsubscribe_hash: string | null;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
}

export interface FollowMessagesTable {
  id: string;
  email: string;
  kind: string;
  notice: string;
  last_change_id: number | null;
  created_at: string;
  sent_at: string | null;
}

export interface CommentsTable {
  id: Generated<number>;
  plan_id: number;
  subject_type: string;
  subject_id: number;
  commenter_key: string;
  body: string;
  state: string;
  flags: string;
  moderation: string | null;
  answer: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface CommentChallengesTable {
  id: Generated<number>;
  kind: string;
  commenter_key: string;
  code_hash: string;
  created_at: string;
  expires_at: string;
  attempts: Generated<number>;
  used_at: string | null;
}

export interface CommenterSessionsTable {
  id_hash: string;
  commenter_key: string;
  created_at: string;
  expires_at: string;
}

export interface KioskTokensTable {
  id: Generated<number>;
  plan_id: number;
  label: string;
  views: string;
  rotate_seconds: number;
  token_hash: string;
  created_by: number;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface PromiseSettingsTable {
  plan_id: number;
  data: string;
  updated_at: string;
}
