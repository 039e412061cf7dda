/**
 * Citizens' requests (接诉即办, issue 7): a work order (工单) and its events as the API answers
 * them, what the public sees of one, intake and event bodies (the queues, missed deadlines,
 * suggestions and areas are in requests-queues.ts). Each answer that presents a domain type is
 * checked against it at compile time (domain-fit.ts).
 */
import { z } from 'zod';
import { Timestamp, asOfQueryShape, pageQueryShape } from './common.js';
import {
  MAX_ADDRESS_LENGTH,
  MAX_MEDIA,
  MAX_PLACE_NAME_LENGTH,
  MAX_TEXT_LENGTH,
  OBJECTION_REASONS,
  ORDER_SOURCES,
  ORDER_STATUSES,
  SATISFACTION_LEVELS,
} from './constants.js';

export const OrderSource = z.enum(ORDER_SOURCES);
export type OrderSource = z.infer<typeof OrderSource>;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;
export const Satisfaction = z.enum(SATISFACTION_LEVELS);
export type Satisfaction = z.infer<typeof Satisfaction>;
export const ObjectionReason = z.enum(OBJECTION_REASONS);
export type ObjectionReason = z.infer<typeof ObjectionReason>;

// ---- a work order ------------------------------------------------------------------------------

/** A deadline rule of the dispatch catalogue: `amount` working days or natural hours. */
export const DeadlineRule = z.object({
  amount: z.int(),
  calendar: z.enum(['working_days', 'natural_hours']),
});
export type DeadlineRule = z.infer<typeof DeadlineRule>;

/** The four rules an order is dispatched under. */
export const DispatchRules = z.object({
  sign: DeadlineRule,
  contact: DeadlineRule,
  finish: DeadlineRule,
  coFinish: DeadlineRule,
});
export type DispatchRules = z.infer<typeof DispatchRules>;

export const Deadline = z.object({
  due: Timestamp,
  rule: DeadlineRule,
  from: Timestamp.describe('the instant the clock started (dispatch, redispatch or reopening)'),
});
export type Deadline = z.infer<typeof Deadline>;

const Interval = z.object({ from: Timestamp, to: Timestamp });

export const OrderLocation = z.object({
  address: z.string(),
  area: z.string().describe('the street or town of the jurisdiction'),
  community: z.string().optional(),
  gridCell: z.string().optional(),
  lat: z.number().optional(),
  long: z.number().optional(),
});
export type OrderLocation = z.infer<typeof OrderLocation>;

export const MediaRef = z.object({
  ref: z.string(),
  contentType: z.string(),
  bytes: z.int(),
  name: z.string().optional().describe('the stored file name; never in public answers'),
});
export type MediaRef = z.infer<typeof MediaRef>;

/** The citizen's contact. Personal data: never in public answers. */
export const Contact = z.object({
  name: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
});
export type Contact = z.infer<typeof Contact>;

export const CoUnit = z.object({
  unitId: z.int(),
  finish: Deadline,
  signedAt: Timestamp.nullable(),
  reportedAt: Timestamp.nullable(),
});
export type CoUnit = z.infer<typeof CoUnit>;

export const FollowUp = z.object({
  at: Timestamp,
  reached: z.boolean(),
  contacted: z.boolean().nullable(),
  resolved: z.boolean().nullable(),
  satisfaction: Satisfaction.nullable(),
});
export type FollowUp = z.infer<typeof FollowUp>;

/** A repeat call (重复件) merged into an open order: who called and when. */
export const RepeatCall = z.object({
  orderId: z.int(),
  receivedAt: Timestamp,
  mergedAt: Timestamp,
  contact: Contact.nullable(),
  anonymousToUnit: z.boolean(),
});
export type RepeatCall = z.infer<typeof RepeatCall>;

/** One side of a transfer between jurisdictions (市级派单): the other jurisdiction's order. */
export const JurisdictionTransfer = z.object({
  jurisdictionId: z.int(),
  orderId: z.int(),
  at: Timestamp,
  reason: z.string(),
});

/** A work order (工单) as the centre and leaders see it (a unit: without contact when anonymous to it). */
export const WorkOrder = z
  .object({
    id: z.int(),
    jurisdictionId: z.int().optional().describe('the jurisdiction whose 12345 centre holds the order'),
    source: OrderSource,
    text: z.string(),
    category: z.string(),
    location: OrderLocation,
    media: z.array(MediaRef),
    contact: Contact.nullable(),
    privacy: z.object({ anonymousToPublic: z.boolean(), anonymousToUnit: z.boolean() }),
    receivedAt: Timestamp,
    dedupeKey: z.string(),
    status: OrderStatus,
    leadUnitId: z.int().nullable(),
    designated: z.boolean(),
    coUnits: z.array(CoUnit),
    deadlines: z.object({ sign: Deadline, contact: Deadline, finish: Deadline }).nullable(),
    catalogueVersion: z.int().nullable(),
    rules: DispatchRules.nullable(),
    pauses: z.array(Interval),
    signedAt: Timestamp.nullable(),
    contactedAt: Timestamp.nullable(),
    repliedAt: Timestamp.nullable(),
    closedAt: Timestamp.nullable(),
    pendingExtension: z.object({ requestedAt: Timestamp, until: Timestamp, reason: z.string() }).nullable(),
    pendingObjection: z.object({ raisedAt: Timestamp, reason: ObjectionReason, note: z.string() }).nullable(),
    followUps: z.array(FollowUp),
    reopenCount: z.int(),
    exemption: z.object({ reason: z.string(), at: Timestamp }).nullable(),
    reminders: z.int(),
    supervisions: z.int(),
    publicNote: z.string().nullable(),
    directAnswer: z
      .object({
        entryId: z.int(),
        entryVersion: z.int(),
        unitId: z.int(),
        text: z.string(),
        at: Timestamp,
      })
      .nullable()
      .optional()
      .describe('直接答复: the knowledge-base entry the call was answered from'),
    pendingCheck: z
      .object({ since: Timestamp, reason: z.enum(['sample', 'unsatisfied']) })
      .nullable()
      .optional()
      .describe('the answer check (质检) the order waits for'),
    checkReturn: z
      .object({ at: Timestamp, note: z.string(), reasons: z.array(z.string()) })
      .nullable()
      .optional()
      .describe("the checker's last return of the reply"),
    repeatCalls: z
      .array(RepeatCall)
      .optional()
      .describe('重复件 merged into this open order: each caller (none to a unit they stay anonymous to)'),
    repeatOf: z
      .object({ orderId: z.int(), orderReceivedAt: Timestamp, at: Timestamp })
      .nullable()
      .optional()
      .describe('set on an order closed as a repeat (重复件) of another'),
    transferredTo: JurisdictionTransfer.nullable()
      .optional()
      .describe('已转办 (市级派单): the order of the jurisdiction below that carries this one on'),
    transferredFrom: JurisdictionTransfer.nullable()
      .optional()
      .describe(
        'taken over from the jurisdiction above (市级派单): its order, whose receipt starts the clocks',
      ),
    version: z.int().describe('events applied: the optimistic-lock version'),
  })
  .meta({ id: 'WorkOrder', description: '工单' });
export type WorkOrder = z.infer<typeof WorkOrder>;

/**
 * An order as the public sees it (src/requests/privacy.ts derivePublicOrder, the one rule for
 * every public output): no contact, no events, no file names; text, address and note with
 * personal data cut; the position rounded to 0.001°; pictures only, none when the citizen asked
 * to stay anonymous.
 */
export const PublicOrder = z
  .object({
    id: z.int(),
    category: z.string(),
    status: OrderStatus,
    area: z.string().describe('the street or town'),
    community: z.string().nullable(),
    address: z
      .string()
      .describe('the street or town and community, or the address without house and room numbers'),
    lat: z.number().nullable().describe('rounded to 0.001° (about 100 m)'),
    long: z.number().nullable(),
    text: z.string(),
    publicNote: z.string().nullable(),
    leadUnitId: z.int().nullable(),
    receivedAt: Timestamp,
    closedAt: Timestamp.nullable(),
    expectedAt: Timestamp.nullable().describe('the finish deadline; null before dispatch'),
    media: z
      .array(z.object({ ref: z.string(), contentType: z.string() }))
      .describe('pictures the public may open (GET /requests/:id/media/:ref), their metadata stripped'),
  })
  .meta({ id: 'PublicOrder' });
export type PublicOrder = z.infer<typeof PublicOrder>;

// ---- events ------------------------------------------------------------------------------------

export const RequestActor = z.object({
  userId: z.int().nullable(),
  role: z.enum(['center', 'unit', 'supervisor', 'system']),
  unitIds: z.array(z.int()),
});
export type RequestActor = z.infer<typeof RequestActor>;

const coUnits = z.array(z.object({ unitId: z.int() }));

/** An event's own fields, as recorded (the intake body's limits are checked on the way in). */
export const OrderEventInput = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('dispatched'),
    leadUnitId: z.int(),
    coUnits,
    designated: z.boolean(),
    catalogueVersion: z.int(),
    rules: DispatchRules,
    category: z.string().optional(),
    override: z.object({ reason: z.string() }).optional(),
  }),
  z.object({ type: z.literal('signed'), unitId: z.int() }),
  z.object({ type: z.literal('contacted'), unitId: z.int(), note: z.string().optional() }),
  z.object({
    type: z.literal('objection_raised'),
    unitId: z.int(),
    reason: ObjectionReason,
    note: z.string(),
  }),
  z.object({
    type: z.literal('objection_decided'),
    accepted: z.boolean(),
    reason: ObjectionReason,
    note: z.string().optional(),
  }),
  z.object({
    type: z.literal('redispatched'),
    leadUnitId: z.int(),
    coUnits,
    designated: z.boolean(),
    category: z.string().optional(),
    catalogueVersion: z.int().optional(),
    rules: DispatchRules.optional(),
  }),
  z.object({ type: z.literal('extension_requested'), unitId: z.int(), until: Timestamp, reason: z.string() }),
  z.object({
    type: z.literal('extension_decided'),
    approved: z.boolean(),
    mode: z.enum(['move', 'pause']).optional(),
    until: Timestamp.optional(),
    pause: Interval.optional(),
    note: z.string().optional(),
  }),
  z.object({ type: z.literal('reminded'), note: z.string() }),
  z.object({ type: z.literal('supervised'), note: z.string() }),
  z.object({
    type: z.literal('replied'),
    unitId: z.int(),
    text: z.string(),
    publicNote: z.string().optional(),
    sampled: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('answered_directly'),
    entryId: z.int(),
    entryVersion: z.int(),
    unitId: z.int(),
    text: z.string(),
  }),
  z.object({
    type: z.literal('reply_checked'),
    passed: z.boolean(),
    note: z.string(),
    reasons: z.array(z.string()).optional(),
  }),
  z.object({ type: z.literal('closed'), note: z.string().optional() }),
  z.object({
    type: z.literal('followed_up'),
    reached: z.boolean(),
    contacted: z.boolean().nullable(),
    resolved: z.boolean().nullable(),
    satisfaction: Satisfaction.nullable(),
  }),
  z.object({ type: z.literal('reopened'), reason: z.string() }),
  z.object({ type: z.literal('exempted'), reason: z.string() }),
  z.object({
    type: z.literal('transferred'),
    fromUnitId: z.int(),
    toUnitId: z.int(),
    reason: z.string(),
  }),
  z.object({
    type: z.literal('transferred_out'),
    toJurisdictionId: z.int(),
    toOrderId: z.int(),
    reason: z.string(),
  }),
  z.object({ type: z.literal('merged_into'), intoOrderId: z.int(), intoReceivedAt: Timestamp }),
  z.object({
    type: z.literal('repeat_added'),
    repeatOrderId: z.int(),
    receivedAt: Timestamp,
    contact: Contact.nullable(),
    anonymousToUnit: z.boolean(),
  }),
  z.object({
    type: z.literal('merge_undone'),
    intoOrderId: z.int(),
    intoReceivedAt: Timestamp,
    reason: z.string(),
  }),
  z.object({ type: z.literal('repeat_removed'), repeatOrderId: z.int(), reason: z.string() }),
]);
export type OrderEventInput = z.infer<typeof OrderEventInput>;

/** What intake records: the request as taken in. */
export const OrderIntake = z.object({
  source: OrderSource,
  text: z.string(),
  category: z.string(),
  location: OrderLocation,
  media: z.array(MediaRef).optional(),
  contact: Contact.nullable().optional(),
  privacy: z.object({ anonymousToPublic: z.boolean(), anonymousToUnit: z.boolean() }).partial().optional(),
});
export type OrderIntake = z.infer<typeof OrderIntake>;

const eventBase = { orderId: z.int(), seq: z.int(), at: Timestamp, actor: RequestActor };

/** One event of an order's append-only history: `received` carries the intake. */
export const OrderEvent = z.union([
  z.object({
    ...eventBase,
    type: z.literal('received'),
    ...OrderIntake.shape,
    transferredFrom: JurisdictionTransfer.extend({ receivedAt: Timestamp }).optional(),
  }),
  ...OrderEventInput.options.map((option) => option.extend(eventBase)),
]);
export type OrderEvent = z.infer<typeof OrderEvent>;

// ---- what clients send -------------------------------------------------------------------------

const instant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

const DeadlineRuleBody = z.object({
  amount: z.number().int().positive(),
  calendar: z.enum(['working_days', 'natural_hours']),
});
const RulesBody = z.object({
  sign: DeadlineRuleBody,
  contact: DeadlineRuleBody,
  finish: DeadlineRuleBody,
  coFinish: DeadlineRuleBody,
});

/** A request as the intake screen, the web form or the API sends it. */
export const OrderIntakeBody = z.object({
  source: OrderSource,
  text: text(MAX_TEXT_LENGTH),
  category: text(50),
  location: z.object({
    address: text(MAX_ADDRESS_LENGTH),
    area: text(50),
    community: z.string().trim().max(MAX_PLACE_NAME_LENGTH).optional(),
    gridCell: z.string().trim().max(MAX_PLACE_NAME_LENGTH).optional(),
    lat: z.number().min(-90).max(90).optional(),
    long: z.number().min(-180).max(180).optional(),
  }),
  media: z
    .array(
      z.object({
        ref: text(500),
        contentType: text(100),
        bytes: z.number().int().nonnegative(),
        // Accepted so a client may send back the upload's answer as it came; the route puts the
        // stored name (and type and size) in its place (withIntakeMedia), never this one.
        name: z.string().max(200).optional(),
      }),
    )
    .max(MAX_MEDIA)
    .optional(),
  contact: z
    .object({
      name: z.string().trim().max(MAX_PLACE_NAME_LENGTH).optional(),
      phone: z
        .string()
        .trim()
        .regex(/^[0-9+\- ]{5,20}$/)
        .optional(),
      email: z.email().optional(),
    })
    .nullable()
    .optional(),
  privacy: z
    .object({ anonymousToPublic: z.boolean().optional(), anonymousToUnit: z.boolean().optional() })
    .optional(),
});
export type OrderIntakeBody = z.infer<typeof OrderIntakeBody>;

const unitId = z.number().int().positive();
const coUnitsBody = z.array(z.object({ unitId })).max(20);

/** One event on an order, as a unit's or the centre's screen sends it. */
export const OrderEventBody = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('dispatched'),
    leadUnitId: unitId,
    coUnits: coUnitsBody,
    designated: z.boolean(),
    catalogueVersion: z.number().int().positive(),
    rules: RulesBody,
    category: text(50).optional(),
    override: z.object({ reason: text(500) }).optional(),
  }),
  z.object({ type: z.literal('signed'), unitId }),
  z.object({ type: z.literal('contacted'), unitId, note: z.string().max(2000).optional() }),
  z.object({
    type: z.literal('objection_raised'),
    unitId,
    reason: ObjectionReason,
    note: z.string().max(2000),
  }),
  z.object({
    type: z.literal('objection_decided'),
    accepted: z.boolean(),
    reason: ObjectionReason,
    note: z.string().max(2000).optional(),
  }),
  z.object({
    type: z.literal('redispatched'),
    leadUnitId: unitId,
    coUnits: coUnitsBody,
    designated: z.boolean(),
    category: text(50).optional(),
    catalogueVersion: z.number().int().positive().optional(),
    rules: RulesBody.optional(),
  }),
  z.object({ type: z.literal('extension_requested'), unitId, until: instant, reason: text(2000) }),
  z.object({
    type: z.literal('extension_decided'),
    approved: z.boolean(),
    mode: z.enum(['move', 'pause']).optional(),
    until: instant.optional(),
    pause: z.object({ from: instant, to: instant }).optional(),
    note: z.string().max(2000).optional(),
  }),
  z.object({ type: z.literal('reminded'), note: text(2000) }),
  z.object({ type: z.literal('supervised'), note: text(2000) }),
  z.object({
    type: z.literal('replied'),
    unitId,
    text: text(4000),
    publicNote: z.string().max(2000).optional(),
  }),
  z.object({ type: z.literal('closed'), note: z.string().max(2000).optional() }),
  z.object({
    type: z.literal('followed_up'),
    reached: z.boolean(),
    contacted: z.boolean().nullable(),
    resolved: z.boolean().nullable(),
    satisfaction: Satisfaction.nullable(),
  }),
  z.object({ type: z.literal('reopened'), reason: text(2000) }),
  z.object({ type: z.literal('exempted'), reason: text(2000) }),
]);
export type OrderEventBody = z.infer<typeof OrderEventBody>;

/** Filters of the list of orders. */
export const OrderQuery = z.object({
  ...pageQueryShape,
  status: OrderStatus.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  category: z.string().max(50).optional(),
  area: z.string().max(50).optional(),
  ...asOfQueryShape,
});
export type OrderQuery = Partial<z.infer<typeof OrderQuery>>;

/** What the dispatcher sends: nothing for the catalogue's choice, or an override with a reason. */
export const DispatchBody = z
  .object({
    leadUnitId: z.number().int().positive().optional(),
    category: z.string().trim().min(1).max(50).optional(),
    coUnitIds: z.array(z.number().int().positive()).max(20).optional(),
    designated: z.boolean().optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
export type DispatchBody = z.input<typeof DispatchBody>;

/** The text typed so far and, once known, the place. */
export const SuggestBody = z
  .object({
    text: z.string().max(4000),
    area: z.string().trim().min(1).max(50).optional(),
  })
  .strict();
export type SuggestBody = z.input<typeof SuggestBody>;
