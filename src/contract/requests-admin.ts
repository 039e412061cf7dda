/**
 * 接诉即办 administration (issue 7): the dispatch catalogue's versions (派单目录), the 三率
 * scoring schemes, ranking exemptions, the working-day calendar and the category model, as the
 * plan office and the hotline centre manage them. Answers that present a domain type are
 * checked against it at compile time (domain-fit.ts).
 */
import { z } from 'zod';
import { Month, Timestamp } from './common.js';
import { ORDER_SOURCES, SATISFACTION_LEVELS } from './constants.js';
import { DeadlineRule, OrderSource } from './requests.js';

// ---- the dispatch catalogue --------------------------------------------------------------------

/** Who owns a request type: the place's street or town office (属地), one unit, or a unit per area. */
export const OwnerRule = z.discriminatedUnion('by', [
  z.object({ by: z.literal('territory') }),
  z.object({ by: z.literal('unit'), unitId: z.int() }),
  z.object({ by: z.literal('area'), units: z.record(z.string(), z.int()), fallbackUnitId: z.int() }),
]);
export type OwnerRule = z.infer<typeof OwnerRule>;

/** One row of the dispatch catalogue: a request type, who owns it and its deadlines. */
export const CatalogueRow = z.object({
  category: z.string(),
  code: z.string().optional().describe('a stable ASCII code (Open311 service_code)'),
  group: z.string(),
  description: z.string(),
  keywords: z.array(z.string()),
  owner: OwnerRule,
  designated: z.boolean().describe('a designated unit (指定单位) cannot return the order'),
  sign: DeadlineRule,
  contact: DeadlineRule,
  finish: DeadlineRule,
  coFinish: DeadlineRule.optional(),
});
export type CatalogueRow = z.infer<typeof CatalogueRow>;

export const CatalogueVersion = z
  .object({
    version: z.int(),
    effectiveFrom: Timestamp.describe('orders are dispatched under this version from then on'),
    note: z.string(),
    rows: z.array(CatalogueRow),
  })
  .meta({ id: 'CatalogueVersion', description: '派单目录, one version' });
export type CatalogueVersion = z.infer<typeof CatalogueVersion>;

/** Every version, oldest first (GET /requests/catalogue). */
export const Catalogue = z.object({ versions: z.array(CatalogueVersion) });
export type Catalogue = z.infer<typeof Catalogue>;

const RuleBody = z.object({
  amount: z.number().int().positive(),
  calendar: z.enum(['working_days', 'natural_hours']),
});
const CatalogueRowBody = z.object({
  category: z.string().trim().min(1).max(50),
  code: z.string().trim().min(1).max(50).optional(),
  group: z.string().trim().min(1).max(50),
  description: z.string().max(500),
  keywords: z.array(z.string().trim().min(1).max(20)).max(50),
  owner: z.discriminatedUnion('by', [
    z.object({ by: z.literal('territory') }),
    z.object({ by: z.literal('unit'), unitId: z.number().int().positive() }),
    z.object({
      by: z.literal('area'),
      units: z.record(z.string(), z.number().int().positive()),
      fallbackUnitId: z.number().int().positive(),
    }),
  ]),
  designated: z.boolean(),
  sign: RuleBody,
  contact: RuleBody,
  finish: RuleBody,
  coFinish: RuleBody.optional(),
});

/** A new catalogue version (the server numbers it; never retroactive). */
export const CatalogueVersionBody = z
  .object({
    effectiveFrom: z.iso.datetime({ offset: true }),
    note: z.string().trim().max(500),
    rows: z.array(CatalogueRowBody).min(1).max(500),
  })
  .strict();
export type CatalogueVersionBody = z.input<typeof CatalogueVersionBody>;

// ---- scoring schemes ---------------------------------------------------------------------------

/** Shares of the overall score given to the desk's figures (issue 20); 0 = not scored. */
export const SchemeOptions = z
  .object({
    directAnswer: z.number().describe('直接答复率'),
    knowledgeUpkeep: z.number().describe('知识库维护率'),
    answerQuality: z.number().describe('答复质检合格率'),
  })
  .meta({ id: 'SchemeOptions' });
export type SchemeOptions = z.infer<typeof SchemeOptions>;

export const ScoringScheme = z
  .object({
    version: z.int(),
    effectiveFrom: z.string().describe('first month (YYYY-MM) the scheme applies to'),
    note: z.string(),
    weights: z.object({ response: z.number(), resolution: z.number(), satisfaction: z.number() }),
    satisfactionCredit: z.record(z.enum(SATISFACTION_LEVELS), z.number()),
    excludedSources: z.array(OrderSource),
    minVolume: z.int().describe('orders a unit needs counted in the month to be ranked'),
    options: SchemeOptions.describe('the desk figures scored beside 三率: shares of the overall score'),
  })
  .meta({ id: 'ScoringScheme', description: '三率考核方案, one version' });
export type ScoringScheme = z.infer<typeof ScoringScheme>;

/** Every scheme, oldest first (GET /requests/schemes). */
export const SchemeHistory = z.object({ schemes: z.array(ScoringScheme) });
export type SchemeHistory = z.infer<typeof SchemeHistory>;

/** A new scheme from a coming month (past months keep theirs). */
export const SchemeBody = z
  .object({
    effectiveFrom: Month,
    note: z.string().trim().max(500),
    weights: z.object({ response: z.number(), resolution: z.number(), satisfaction: z.number() }),
    satisfactionCredit: z.object(
      Object.fromEntries(SATISFACTION_LEVELS.map((level) => [level, z.number()])) as Record<
        (typeof SATISFACTION_LEVELS)[number],
        z.ZodNumber
      >,
    ),
    excludedSources: z.array(z.enum(ORDER_SOURCES)).max(4),
    /** Counted orders to be ranked; omitted, the latest version's carries on. */
    minVolume: z.number().optional(),
    /** Shares of the overall score for the desk's figures; omitted ones are not scored. */
    options: z
      .object({
        directAnswer: z.number().min(0).max(1).optional(),
        knowledgeUpkeep: z.number().min(0).max(1).optional(),
        answerQuality: z.number().min(0).max(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type SchemeBody = z.input<typeof SchemeBody>;

/** What training the category model answers: its accuracy on held-back orders. */
export const ClassifierFigures = z.object({
  total: z.int(),
  correct: z.int(),
  accuracy: z.number(),
  top3: z.number(),
});
export type ClassifierFigures = z.infer<typeof ClassifierFigures>;

export const TrainedModel = z.object({
  trainedOn: z.int(),
  heldBack: z.int(),
  rulesOnly: ClassifierFigures,
  withModel: ClassifierFigures,
  trainedAt: Timestamp,
});
export type TrainedModel = z.infer<typeof TrainedModel>;

// ---- ranking exemptions ------------------------------------------------------------------------

/** Exempt a unit from a month's ranking, with the reason. */
export const ExemptionBody = z
  .object({
    unitId: z.number().int().positive(),
    month: Month,
    reason: z.string().trim().min(1).max(500),
  })
  .strict();
export type ExemptionBody = z.input<typeof ExemptionBody>;

/** A unit left out of a month's ranking, as stored. */
export const Exemption = z.object({
  unitId: z.int(),
  month: z.string(),
  reason: z.string(),
  createdBy: z.int().nullable(),
  createdAt: Timestamp,
});
export type Exemption = z.infer<typeof Exemption>;

/** An exemption with the names of its unit and of who recorded it. */
export const ExemptionRow = Exemption.extend({
  unitName: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export type ExemptionRow = z.infer<typeof ExemptionRow>;

/** An exemption someone added or removed (from the audit trail). */
export const ExemptionChange = z.object({
  at: Timestamp,
  action: z.enum(['add', 'remove']),
  by: z.int().nullable(),
  byName: z.string().nullable(),
  unitId: z.int().nullable(),
  unitName: z.string().nullable(),
  month: z.string().nullable(),
  exemptionReason: z.string().nullable().describe("the exemption's own reason"),
  note: z.string().nullable().describe('why it was removed, when given; null for an addition'),
});
export type ExemptionChange = z.infer<typeof ExemptionChange>;

export const ExemptionList = z.object({
  items: z.array(ExemptionRow),
  total: z.int(),
  history: z.array(ExemptionChange).describe('additions and removals, newest first (the last 100)'),
});
export type ExemptionList = z.infer<typeof ExemptionList>;

// ---- the working-day calendar ------------------------------------------------------------------

const DateNames = z
  .record(z.string().max(20), z.string().max(200))
  .refine((dates) => Object.keys(dates).length <= 366, 'at most 366 dates');

/** A year's official table in chinese-days' JSON shape (`years/2027.json`), with where it came from. */
export const HolidayTableBody = z
  .object({
    holidays: DateNames,
    workdays: DateNames,
    /** chinese-days files carry it; the calendar does not use it. */
    inLieuDays: DateNames.optional(),
    source: z.string().trim().max(200).default(''),
  })
  .strict();
export type HolidayTableBody = z.input<typeof HolidayTableBody>;

/** A loaded year's table: date → name of the festival, with who loaded it and when. */
export const LoadedHolidayTable = z.object({
  year: z.int(),
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
  source: z.string(),
  loadedBy: z.int().nullable(),
  loadedAt: Timestamp,
});
export type LoadedHolidayTable = z.infer<typeof LoadedHolidayTable>;

/** Where one year's working days come from. */
export const CalendarYear = z.object({
  year: z.int(),
  source: z.enum(['loaded', 'package', 'weekends']),
  holidays: z.int().nullable(),
  workdays: z.int().nullable(),
});
export type CalendarYear = z.infer<typeof CalendarYear>;

export const CalendarStatus = z.object({
  asOf: Timestamp,
  currentYear: z.int(),
  packageYears: z
    .object({ first: z.int(), last: z.int() })
    .nullable()
    .describe('the years chinese-days itself knows'),
  years: z.array(CalendarYear).describe('last year, this year and next year'),
  loaded: z.array(LoadedHolidayTable.extend({ loadedByName: z.string().nullable() })),
  history: z.array(
    z.object({
      at: Timestamp,
      action: z.enum(['load', 'delete']),
      year: z.int(),
      by: z.int().nullable(),
      byName: z.string().nullable(),
      source: z.string(),
    }),
  ),
});
export type CalendarStatus = z.infer<typeof CalendarStatus>;
