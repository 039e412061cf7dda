/**
 * The model of citizens' requests (接诉即办, issue 7): a work order (工单), its append-only
 * events, the people and units that act on it. Plain JSON everywhere (ISO strings for times)
 * so the store can keep it as rows and the server can send it as is.
 */
import {
  OBJECTION_REASONS,
  ORDER_SOURCES,
  ORDER_STATUSES,
  SATISFACTION_LEVELS,
  type UNIT_KINDS,
} from '../contract/constants.js';

/**
 * The vocabulary of orders (sources, statuses, satisfaction answers, 退单 reasons) lives in the
 * API contract (src/contract/constants.ts), which the web app reads too.
 */
export { OBJECTION_REASONS, ORDER_SOURCES, ORDER_STATUSES, SATISFACTION_LEVELS };

export type OrderSource = (typeof ORDER_SOURCES)[number];

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];

export type ObjectionReason = (typeof OBJECTION_REASONS)[number];

/** How a deadline is counted: working days on the official calendar, or natural hours (24/7 services). */
export type CalendarKind = 'working_days' | 'natural_hours';

/** A deadline rule from the dispatch catalogue: `amount` working days or natural hours. */
export interface DeadlineRule {
  amount: number;
  calendar: CalendarKind;
}

/** A deadline as fixed on the order: the instant (ISO, UTC) and the rule it came from. */
export interface Deadline {
  due: string;
  rule: DeadlineRule;
  /** The instant the clock started (dispatch, redispatch or reopening). */
  from: string;
}

/** A half-open period [from, to) during which a deadline's clock stood still. */
export interface Interval {
  from: string;
  to: string;
}

/** Where the request is about. `area` is the street (街道) or town (镇) of the jurisdiction. */
export interface OrderLocation {
  address: string;
  area: string;
  community?: string;
  gridCell?: string;
  lat?: number;
  long?: number;
}

export interface MediaRef {
  /** Storage key or URL the store gives back; never the bytes. */
  ref: string;
  contentType: string;
  bytes: number;
  /**
   * The uploaded file's name as stored (routes/requests-media.ts `storedName`), copied from the
   * upload when an intake names its ref — never the client's word. Absent for links an Open311
   * client posted and for orders taken before names were kept. It may say who the citizen is:
   * public output leaves it out (derivePublicOrder shows no media names).
   */
  name?: string;
}

/** The citizen's contact. Personal data: never in public output. */
export interface Contact {
  name?: string;
  phone?: string;
  email?: string;
}

/** Two separate choices (issue 7): hide the citizen from the public, and from the handling unit. */
export interface PrivacyChoice {
  anonymousToPublic: boolean;
  anonymousToUnit: boolean;
}

/** A co-handling unit (配合单位) with its own deadline; it reports back to the lead (条例 §14). */
export interface CoUnit {
  unitId: number;
  finish: Deadline;
  signedAt: string | null;
  /** When it reported back to the lead unit; null while it owes its part. */
  reportedAt: string | null;
}

export interface OrderDeadlines {
  sign: Deadline;
  contact: Deadline;
  finish: Deadline;
}

/** One follow-up call's outcome. `contacted`: did the unit contact the citizen (citizen's word). */
export interface FollowUp {
  at: string;
  /** False when the hotline could not reach the citizen: such a follow-up confirms nothing. */
  reached: boolean;
  contacted: boolean | null;
  resolved: boolean | null;
  satisfaction: Satisfaction | null;
}

/** A work order (工单): the projection of its events. */
export interface WorkOrder {
  id: number;
  /** The jurisdiction whose 12345 centre holds the order (issue 16); set when it is received. */
  jurisdictionId?: number;
  source: OrderSource;
  text: string;
  category: string;
  location: OrderLocation;
  media: MediaRef[];
  contact: Contact | null;
  privacy: PrivacyChoice;
  receivedAt: string;
  /** See deriveDedupeKey: same key within a second is a duplicate submission. */
  dedupeKey: string;
  status: OrderStatus;
  /** The unit that holds the order (牵头单位); null before dispatch or after an accepted 退单. */
  leadUnitId: number | null;
  /** A designated unit (指定单位) cannot return the order. */
  designated: boolean;
  coUnits: CoUnit[];
  /** Null until dispatched. */
  deadlines: OrderDeadlines | null;
  /** The catalogue version the order was dispatched under: later versions never change it. */
  catalogueVersion: number | null;
  /** The catalogue row's rules, copied at dispatch so reopening or redispatch reuses them. */
  rules: { sign: DeadlineRule; contact: DeadlineRule; finish: DeadlineRule; coFinish: DeadlineRule } | null;
  pauses: Interval[];
  signedAt: string | null;
  contactedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  pendingExtension: { requestedAt: string; until: string; reason: string } | null;
  pendingObjection: { raisedAt: string; reason: ObjectionReason; note: string } | null;
  followUps: FollowUp[];
  reopenCount: number;
  /** Set when the centre exempts the order from 三率 (e.g. 不合理诉求), with its reason. */
  exemption: { reason: string; at: string } | null;
  reminders: number;
  supervisions: number;
  /** Public reply shown as Open311 status_notes; no personal data. */
  publicNote: string | null;
  /**
   * Set when the operator answered the call from the knowledge base and closed it at once
   * (直接答复, issue 20): the entry and version read, the entry's owner unit, the words said.
   * Absent on orders taken before the knowledge base.
   */
  directAnswer?: DirectAnswer | null;
  /** The answer check the order waits for (质检): none, a sample, or an unsatisfied follow-up. */
  pendingCheck?: PendingCheck | null;
  /** The checker's last return of the unit's reply, with the note the unit reads. */
  checkReturn?: CheckReturn | null;
  /** 重复件 merged into this open order (repeat-calls.ts): each caller as taken in. */
  repeatCalls?: RepeatCall[];
  /** Set on an order closed as a repeat of another (重复件), with when; null after an undo. */
  repeatOf?: { orderId: number; orderReceivedAt: string; at: string } | null;
  /** 已转办 (市级派单): the order of the jurisdiction below that carries this one on. */
  transferredTo?: JurisdictionTransfer | null;
  /** Taken over from the jurisdiction above (市级派单): its order, whose receipt starts the clocks. */
  transferredFrom?: JurisdictionTransfer | null;
  /** Count of events applied: the optimistic-lock version of the order. */
  version: number;
}

/**
 * One side of a transfer between jurisdictions (市级派单): the other jurisdiction's order, when
 * and why. The receiving order keeps the original receipt as its own `receivedAt`.
 */
export interface JurisdictionTransfer {
  jurisdictionId: number;
  orderId: number;
  at: string;
  reason: string;
}

/** A repeat call (重复件) merged into an open order: who called, when; the open order's clock unchanged. */
export interface RepeatCall {
  orderId: number;
  receivedAt: string;
  mergedAt: string;
  /** The caller as taken in; personal data (none to a unit the caller stays anonymous to). */
  contact: Contact | null;
  anonymousToUnit: boolean;
}

/** A call answered on the spot from a knowledge-base entry (直接答复). */
export interface DirectAnswer {
  entryId: number;
  entryVersion: number;
  /** The unit that keeps the entry: its 直接答复率 counts the call. */
  unitId: number;
  text: string;
  at: string;
}

/** Why an order waits in the checker's queue: drawn in the sample, or the citizen was unsatisfied. */
export type CheckReason = 'sample' | 'unsatisfied';

export interface PendingCheck {
  since: string;
  reason: CheckReason;
}

/** A checker's return of a reply: the unit answers again with the note in hand. */
export interface CheckReturn {
  at: string;
  note: string;
  /** Reason codes the checker picked (those of the rules, or 'other'). */
  reasons: string[];
}

/** Who acts on an order: the 12345 centre (operators, dispatchers, follow-up), a unit, or the system. */
export interface RequestActor {
  userId: number | null;
  role: 'center' | 'unit' | 'supervisor' | 'system';
  /** Units a unit user acts for; empty for the others. */
  unitIds: number[];
}

/** A unit that can hold orders. `area` is the street or town it covers, for territorial units. */
export interface RequestUnit {
  id: number;
  name: string;
  kind: (typeof UNIT_KINDS)[number];
  area?: string;
}

interface EventBase {
  orderId: number;
  /** 1-based position in the order's history. */
  seq: number;
  at: string;
  actor: RequestActor;
}

export interface CoUnitAssignment {
  unitId: number;
}

/** What callers pass to applyEvent; the domain adds orderId, seq, at and actor. */
export type OrderEventInput =
  | {
      type: 'dispatched';
      leadUnitId: number;
      coUnits: CoUnitAssignment[];
      designated: boolean;
      catalogueVersion: number;
      rules: NonNullable<WorkOrder['rules']>;
      /** The category when the dispatcher corrected it; absent keeps the order's. */
      category?: string;
      /** Set when the dispatcher overrode the automatic choice. */
      override?: { reason: string };
    }
  | { type: 'signed'; unitId: number }
  | { type: 'contacted'; unitId: number; note?: string }
  | { type: 'objection_raised'; unitId: number; reason: ObjectionReason; note: string }
  | { type: 'objection_decided'; accepted: boolean; reason: ObjectionReason; note?: string }
  | {
      type: 'redispatched';
      leadUnitId: number;
      coUnits: CoUnitAssignment[];
      designated: boolean;
      category?: string;
      catalogueVersion?: number;
      rules?: NonNullable<WorkOrder['rules']>;
    }
  | { type: 'extension_requested'; unitId: number; until: string; reason: string }
  | {
      type: 'extension_decided';
      approved: boolean;
      /** `move`: the finish deadline becomes `until`; `pause`: the clock stands still over `pause`. */
      mode?: 'move' | 'pause';
      until?: string;
      pause?: Interval;
      note?: string;
    }
  | { type: 'reminded'; note: string }
  | { type: 'supervised'; note: string }
  | {
      type: 'replied';
      unitId: number;
      text: string;
      publicNote?: string;
      /** Recorded by the domain when the reply was drawn for the checker's sample. */
      sampled?: boolean;
    }
  /** 直接答复: the centre answers from the knowledge base and closes the order, never dispatched. */
  | { type: 'answered_directly'; entryId: number; entryVersion: number; unitId: number; text: string }
  /** The checker's decision on the reply waiting in the queue; a failure returns it with the note. */
  | { type: 'reply_checked'; passed: boolean; note: string; reasons?: string[] }
  | { type: 'closed'; note?: string }
  | {
      type: 'followed_up';
      reached: boolean;
      contacted: boolean | null;
      resolved: boolean | null;
      satisfaction: Satisfaction | null;
    }
  | { type: 'reopened'; reason: string }
  /** The centre takes the order out of 三率 (不合理诉求, 重复诉求…); the reason is kept. */
  | { type: 'exempted'; reason: string }
  /**
   * 职责划转 (机构改革): the system moves the order from a unit merged away to its successor,
   * as lead and as co-unit, in any status; status and deadlines stay as they were.
   */
  | { type: 'transferred'; fromUnitId: number; toUnitId: number; reason: string }
  /** 市级派单: the centre hands the order to a jurisdiction below; its new order carries it on. */
  | { type: 'transferred_out'; toJurisdictionId: number; toOrderId: number; reason: string }
  /** 重复件 (repeat-calls.ts): the new order closed as a repeat of an open one; the open one records the caller. */
  | { type: 'merged_into'; intoOrderId: number; intoReceivedAt: string }
  | {
      type: 'repeat_added';
      repeatOrderId: number;
      receivedAt: string;
      contact: Contact | null;
      anonymousToUnit: boolean;
    }
  /** The merge undone: the repeat back in the dispatcher's queue, the caller off the open order. */
  | { type: 'merge_undone'; intoOrderId: number; intoReceivedAt: string; reason: string }
  | { type: 'repeat_removed'; repeatOrderId: number; reason: string };

export type OrderEventType = OrderEventInput['type'] | 'received';

/** What intake passes to receiveOrder. */
export interface OrderIntake {
  source: OrderSource;
  text: string;
  category: string;
  location: OrderLocation;
  media?: MediaRef[];
  contact?: Contact | null;
  privacy?: Partial<PrivacyChoice>;
}

/** The append-only history: `received` carries the intake, the others their input. */
export type OrderEvent = EventBase & (OrderEventInput | ({ type: 'received' } & ReceivedIntake));

/**
 * A `received` event's intake; an order taken over from the jurisdiction above (市级派单) names
 * it, and its original receipt, which becomes the new order's `receivedAt`.
 */
export type ReceivedIntake = OrderIntake & {
  transferredFrom?: JurisdictionTransfer & { receivedAt: string };
};
