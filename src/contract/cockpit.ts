/**
 * The leader's cockpit (驾驶舱) and its wall screen (issue 19): headline targets with their
 * trajectories, chapters by health, the worst items with their reasons, lead units ranked,
 * 督办 and 延期 open, 接诉即办 三率 and this month's 每月一题, confidence disagreements; the kiosk
 * links that open the wall screen. Every element names the item it drills down to.
 */
import { z } from 'zod';
import { WALL_VIEWS } from './constants.js';
import { Health, IsoDate, Timestamp } from './common.js';
import { HealthWhy } from './health.js';
import { ConfidenceLevel, Disagreement, ItemType, ValueSlip } from './promises.js';

export const TrajectoryPoint = z.object({
  month: z.string(),
  date: IsoDate,
  expected: z.number().nullable(),
  actual: z.number().nullable(),
});

export const HeadlineTarget = z.object({
  id: z.int(),
  metric: z.string(),
  promise: z.string().describe('as the report writes it: 新增城乡劳动力就业9000人'),
  unit: z.string(),
  target: z.number(),
  health: Health,
  why: HealthWhy,
  points: z.array(TrajectoryPoint),
  projected: z.number().nullable().describe('the year end at the present pace'),
  latest: z.object({ value: z.number(), asOf: IsoDate }).nullable(),
  slip: ValueSlip.nullable(),
});
export type HeadlineTarget = z.infer<typeof HeadlineTarget>;

const HealthCounts = z.record(Health, z.int());

export const ChapterHealth = z.object({
  id: z.int(),
  title: z.string(),
  health: Health,
  ratio: z.number().nullable(),
  counts: HealthCounts,
});
export type ChapterHealth = z.infer<typeof ChapterHealth>;

export const WorstReason = z.discriminatedUnion('code', [
  z.object({ code: z.literal('HEALTH'), health: Health, why: HealthWhy }),
  z.object({ code: z.literal('OVERDUE'), days: z.int() }),
  z.object({
    code: z.literal('LOW_CONFIDENCE'),
    level: ConfidenceLevel,
    source: z.enum(['lead_unit', 'independent']),
  }),
  z.object({ code: z.literal('DISAGREEMENT'), disagreement: Disagreement }),
  z.object({ code: z.literal('SLIPPED'), days: z.int() }),
  z.object({ code: z.literal('OPEN_NOTICES'), count: z.int() }),
  z.object({ code: z.literal('PENDING_EXTENSION'), count: z.int() }),
]);
export type WorstReason = z.infer<typeof WorstReason>;

/** An item the cockpit names, with what drilling down needs. */
const ItemRef = {
  type: ItemType,
  id: z.int(),
  title: z.string(),
  leadUnitId: z.int().nullable(),
  leadUnit: z.string().nullable(),
};

export const WorstItem = z.object({
  ...ItemRef,
  health: Health,
  score: z.number(),
  reasons: z.array(WorstReason),
});
export type WorstItem = z.infer<typeof WorstItem>;

export const UnitStanding = z.object({
  unitId: z.int(),
  name: z.string(),
  items: z.int(),
  onTrack: z.int(),
  atRisk: z.int(),
  behind: z.int(),
  done: z.int(),
  unjudged: z.int(),
  overdue: z.int(),
  openNotices: z.int(),
  score: z.number().nullable(),
  rank: z.int().nullable(),
});
export type UnitStanding = z.infer<typeof UnitStanding>;

export const SupervisionLine = z.object({
  kind: z.enum(['notice', 'extension']),
  id: z.int(),
  item: z.object(ItemRef).nullable(),
  unit: z.string().nullable(),
  dueOn: IsoDate.nullable(),
  overdue: z.boolean(),
  urgency: z.enum(['red', 'yellow', 'blue']).nullable(),
});

export const SupervisionSummary = z.object({
  noticesOpen: z.int(),
  noticesOverdue: z.int(),
  extensionsPending: z.int(),
  lines: z.array(SupervisionLine),
});

export const RequestsSummary = z.object({
  month: z.string(),
  volume: z.int(),
  rates: z.object({
    response: z.number().nullable(),
    resolution: z.number().nullable(),
    satisfaction: z.number().nullable(),
  }),
  topic: z
    .object({
      id: z.int(),
      title: z.string(),
      leadUnit: z.string().nullable(),
      month: z.string(),
      planTaskIds: z.array(z.int()),
    })
    .nullable(),
});

export const DisagreementLine = z.object({
  ...ItemRef,
  health: Health,
  unitLevel: ConfidenceLevel.nullable(),
  independentLevel: ConfidenceLevel.nullable(),
  disagreements: z.array(Disagreement),
});
export type DisagreementLine = z.infer<typeof DisagreementLine>;

export const Cockpit = z
  .object({
    planId: z.int(),
    title: z.string(),
    year: z.int(),
    asOf: IsoDate,
    generatedAt: Timestamp,
    totals: z.object({ tasks: HealthCounts, targets: HealthCounts, overdue: z.int(), plan: Health }),
    headline: z.array(HeadlineTarget),
    chapters: z.array(ChapterHealth),
    worst: z.array(WorstItem),
    units: z.array(UnitStanding),
    supervision: SupervisionSummary,
    requests: RequestsSummary,
    disagreements: z.array(DisagreementLine),
  })
  .meta({ id: 'Cockpit', description: '驾驶舱' });
export type Cockpit = z.infer<typeof Cockpit>;

export const CockpitQuery = z.object({ date: IsoDate.optional() });
export type CockpitQuery = Partial<z.infer<typeof CockpitQuery>>;

// ---- the wall screen and its kiosk links -----------------------------------------------------

export const WallView = z.enum(WALL_VIEWS);
export type WallView = z.infer<typeof WallView>;

/** The wall screen: the cockpit, the views to rotate through and how long each stays. */
export const Wall = z
  .object({
    label: z.string(),
    views: z.array(WallView),
    rotateSeconds: z.int(),
    refreshSeconds: z.int(),
    cockpit: Cockpit,
  })
  .meta({ id: 'Wall', description: '大屏' });
export type Wall = z.infer<typeof Wall>;

export const KioskLink = z
  .object({
    id: z.int(),
    planId: z.int(),
    label: z.string(),
    views: z.array(WallView),
    rotateSeconds: z.int(),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    revokedAt: Timestamp.nullable(),
  })
  .meta({ id: 'KioskLink' });
export type KioskLink = z.infer<typeof KioskLink>;

/** A new link: the token is shown once, never again. */
export const KioskIssued = z.object({ kiosk: KioskLink, token: z.string(), path: z.string() });
export type KioskIssued = z.infer<typeof KioskIssued>;

export const KioskBody = z
  .object({
    label: z.string().trim().min(1).max(100),
    views: z.array(WallView).min(1).max(WALL_VIEWS.length),
    days: z.int().min(1).max(366).optional(),
    rotateSeconds: z.int().min(10).max(600).optional(),
  })
  .strict();
export type KioskBody = z.input<typeof KioskBody>;

export const KioskList = z.object({ items: z.array(KioskLink), total: z.int() });
export type KioskList = z.infer<typeof KioskList>;

export const StocktakeQuery = z.object({
  leader: z.string().trim().min(1).max(100),
  date: IsoDate.optional(),
  /** docx unless given, or unless Accept prefers application/pdf. */
  format: z.enum(['docx', 'pdf']).optional(),
});
export type StocktakeQuery = z.input<typeof StocktakeQuery>;

/** The leaders of a plan's portfolios (the 责任领导 named on its items). */
export const LeaderList = z.object({ items: z.array(z.object({ name: z.string(), items: z.int() })) });
export type LeaderList = z.infer<typeof LeaderList>;
