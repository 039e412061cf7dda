/**
 * The chase's words (临近提醒 → 到期催办 → 升级督办): what is chased (`ChaseItem`), by which
 * rules (`ChasePolicy`, one per source of work), what falls due on a day (`ChaseEvent`), and
 * the messages that come out of it (`ChaseMessage`). Pure data.
 */
import type { Destination, Notice } from '../notify/types.js';

/**
 * Where a piece of work comes from: the plan (the report's tasks), a leader's written
 * instruction (批示件), a meeting decision (议定事项), a deputy's suggestion (人大代表建议), a
 * CPPCC member's proposal (政协委员提案), or an imported list (清单).
 */
export const WORK_SOURCES = ['plan', 'instruction', 'decision', 'suggestion', 'proposal', 'list'] as const;
export type WorkSource = (typeof WORK_SOURCES)[number];

/** The offices' names for the sources, as shown beside each item. */
export const WORK_SOURCE_LABELS: Readonly<Record<WorkSource, string>> = Object.freeze({
  plan: '重点任务',
  instruction: '领导批示',
  decision: '会议议定事项',
  suggestion: '人大代表建议',
  proposal: '政协委员提案',
  list: '清单事项',
});

/** One piece of work with a deadline, as the chase sees it. */
export interface ChaseItem {
  /** Stable across runs: `task:12`. Event keys are built from it. */
  key: string;
  source: WorkSource;
  title: string;
  /** The unit that must act (牵头单位 / 主办单位). */
  unitId: number;
  /** The deadline in force (after any approved extension): an ISO date, Beijing. */
  dueOn: string;
  /** Path of the item's page (`/tasks/12`); the sender puts the site's address before it. */
  path: string;
}

/** Quiet hours in Beijing time, `HH:MM`; `from` after `to` wraps midnight (22:00–07:30). */
export interface QuietHours {
  from: string;
  to: string;
}

/** How one source of work is chased. Days are working days on the official calendar. */
export interface ChasePolicy {
  /** Remind this many working days before the deadline (e.g. [3, 1]); [] for none. */
  remindBefore: number[];
  /** The first chaser (催办) this many working days after the deadline (1: the next working day); null for none. */
  chaseAfter: number | null;
  /** Chase again every this many working days while overdue; null: once. */
  chaseEvery: number | null;
  /** Escalate to the unit's leader once this many working days overdue; null: never. */
  escalateAfter: number | null;
  /** One digest per person per kind and day, instead of one message per item. */
  digest: boolean;
  /** Nothing is sent inside these hours (a message waits for their end); null: any time. */
  quietHours: QuietHours | null;
  /** When the day's reminders go out (Beijing, `HH:MM`). */
  sendAt: string;
}

export type ChaseKind = 'reminder' | 'chaser' | 'escalation';

/** Who is told: the unit's people, or the unit's leader (升级). */
export type Audience = 'unit' | 'leader';

/** One thing the chase owes on a day. */
export interface ChaseEvent {
  /**
   * Unique per item, kind, step and deadline (`task:12|reminder|3|2024-05-10`): stored when the
   * message is queued, so a second run on the same day, or a run after downtime, sends nothing
   * twice; a moved deadline starts its reminders afresh.
   */
  key: string;
  kind: ChaseKind;
  /** The step: working days before (reminder), or overdue (chaser, escalation). */
  step: number;
  item: ChaseItem;
  audience: Audience;
  /** The Beijing date the event falls on. */
  on: string;
}

/** A person or a group (a unit's robot) the chase writes to, with where to reach them. */
export interface Recipient {
  /** Stable: `user:5`, `unit-robot:3`. Digests group by it. */
  key: string;
  name: string;
  destinations: Destination[];
  /** Their own settings, where they differ from the source's policy. */
  prefs?: { digest?: boolean; quietHours?: QuietHours | null };
}

/** One message the chase queues: a notice to one recipient, covering one or more events. */
export interface ChaseMessage {
  recipient: Recipient;
  notice: Notice;
  /** Not to be sent before this instant (the send time, moved past quiet hours). */
  notBefore: string;
  /** The events this message covers (their keys are stored with it). */
  eventKeys: string[];
  /** Stable id of the message: recipient, kind, day and first event. */
  dedupeKey: string;
}
