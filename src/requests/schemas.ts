/**
 * zod schemas of what transports receive for requests: an intake and an event input. Each
 * schema and its inferred type share one name (STYLE.md); the inferred types are checked below
 * to fit the domain's own types, so a route can validate and hand the result straight over.
 */
import { z } from 'zod';
import { MAX_ADDRESS_LENGTH, MAX_MEDIA, MAX_PLACE_NAME_LENGTH, MAX_TEXT_LENGTH } from './limits.js';
import { OBJECTION_REASONS, ORDER_SOURCES, SATISFACTION_LEVELS } from './types.js';
import type { OrderEventInput, OrderIntake } from './types.js';

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
  source: z.enum(ORDER_SOURCES),
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
const coUnits = z.array(z.object({ unitId })).max(20);

/** One event on an order, as a unit's or the centre's screen sends it. */
export const OrderEventBody = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('dispatched'),
    leadUnitId: unitId,
    coUnits,
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
    reason: z.enum(OBJECTION_REASONS),
    note: z.string().max(2000),
  }),
  z.object({
    type: z.literal('objection_decided'),
    accepted: z.boolean(),
    reason: z.enum(OBJECTION_REASONS),
    note: z.string().max(2000).optional(),
  }),
  z.object({
    type: z.literal('redispatched'),
    leadUnitId: unitId,
    coUnits,
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
    satisfaction: z.enum(SATISFACTION_LEVELS).nullable(),
  }),
  z.object({ type: z.literal('reopened'), reason: text(2000) }),
  z.object({ type: z.literal('exempted'), reason: text(2000) }),
]);
export type OrderEventBody = z.infer<typeof OrderEventBody>;

// Compile-time checks: a parsed body is a domain value.
const _intakeFits = (body: OrderIntakeBody): OrderIntake => body;
const _eventFits = (body: OrderEventBody): OrderEventInput => body;
void _intakeFits;
void _eventFits;
