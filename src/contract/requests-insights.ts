/**
 * What 接诉即办 (issue 7) makes of its orders: 三率 per unit, rankings, hotspots, 每月一题
 * themes and their measure, and links between requests and the plan's tasks. Each answer that
 * presents a domain type is checked against it at compile time (domain-fit.ts).
 */
import { z } from 'zod';
import { Month, Timestamp } from './common.js';
import { PublicOrder } from './requests.js';

// ---- 三率 and rankings --------------------------------------------------------------------------

/** One rate with what it is made of; `value` is null when nothing was answered. */
export const RateFigure = z.object({
  numerator: z.number(),
  denominator: z.int(),
  value: z.number().nullable(),
  orders: z.array(z.object({ orderId: z.int(), credit: z.number() })),
});
export type RateFigure = z.infer<typeof RateFigure>;

export const UnitMonthScore = z.object({
  unitId: z.int(),
  month: z.string(),
  schemeVersion: z.int(),
  volume: z.int().describe('orders counted'),
  response: RateFigure,
  resolution: RateFigure,
  satisfaction: RateFigure,
  overall: z.number().nullable().describe('0–100, weighted by the scheme'),
  excluded: z.array(z.object({ orderId: z.int(), reason: z.string() })),
  explanation: z.string(),
});
export type UnitMonthScore = z.infer<typeof UnitMonthScore>;

/** A unit's 三率 for a month with the unit's name (GET /requests/scores). */
export const ScoreRow = UnitMonthScore.extend({ unitName: z.string().nullable() });
export type ScoreRow = z.infer<typeof ScoreRow>;

export const ScoresAnswer = z.object({ items: z.array(ScoreRow), total: z.int() });
export type ScoresAnswer = z.infer<typeof ScoresAnswer>;

/** The minimum volume a month's ranking applied: the scheme's in force then, or a what-if. */
export const RankingRule = z.object({
  schemeVersion: z.int(),
  schemeMinVolume: z.int(),
  minVolume: z.int(),
  overridden: z.boolean(),
});
export type RankingRule = z.infer<typeof RankingRule>;

export const RankedUnit = z.object({
  unitId: z.int(),
  name: z.string(),
  rank: z.int().nullable().describe('1-based; equal scores share a rank; null when not ranked'),
  score: z.number().nullable(),
  volume: z.int(),
  status: z.enum(['ranked', 'below_minimum', 'exempt', 'no_score']),
  explanation: z.string(),
});
export type RankedUnit = z.infer<typeof RankedUnit>;

export const Ranking = z.object({ month: z.string(), className: z.string(), entries: z.array(RankedUnit) });
export type Ranking = z.infer<typeof Ranking>;

export const RankingsAnswer = z.object({ month: z.string(), rule: RankingRule, rankings: z.array(Ranking) });
export type RankingsAnswer = z.infer<typeof RankingsAnswer>;

/** One district of a city ranked by its month's 三率 (GET /requests/district-rankings). */
export const RankedDistrict = z.object({
  jurisdictionId: z.int(),
  name: z.string(),
  rank: z.int().nullable().describe('1-based; equal scores share a rank; null when nothing was counted'),
  volume: z.int().describe('orders counted'),
  response: z.number().nullable().describe('响应率, 0–1'),
  resolution: z.number().nullable().describe('解决率, 0–1'),
  satisfaction: z.number().nullable().describe('满意率, 0–1'),
  overall: z.number().nullable().describe('0–100, weighted by the rule'),
  explanation: z.string(),
});
export type RankedDistrict = z.infer<typeof RankedDistrict>;

/** The one rule every district is scored under: the city's own scheme, or the default. */
export const DistrictRankingRule = z.object({
  source: z
    .enum(['parent', 'default'])
    .describe("'parent': the caller's jurisdiction's scheme; 'default': it has none"),
  schemeVersion: z.int(),
  note: z.string(),
  weights: z.object({ response: z.number(), resolution: z.number(), satisfaction: z.number() }),
  excludedSources: z.array(z.string()),
});
export type DistrictRankingRule = z.infer<typeof DistrictRankingRule>;

export const DistrictRankingsAnswer = z.object({
  month: z.string(),
  rule: DistrictRankingRule,
  items: z.array(RankedDistrict),
});
export type DistrictRankingsAnswer = z.infer<typeof DistrictRankingsAnswer>;

// ---- hotspots ----------------------------------------------------------------------------------

export const HotspotDimension = z.enum(['category', 'area', 'category_area']);
export type HotspotDimension = z.infer<typeof HotspotDimension>;

export const Hotspot = z.object({
  key: z.string(),
  dimension: HotspotDimension,
  month: z.string(),
  count: z.int(),
  previous: z.int(),
  growth: z.number().nullable().describe('(count − previous) / previous; null when previous is 0'),
  sameMonthLastYear: z.int(),
  reasons: z.array(z.enum(['rising', 'high', 'seasonal'])),
  explanation: z.string(),
});
export type Hotspot = z.infer<typeof Hotspot>;

export const HotspotsAnswer = z.object({
  month: z.string(),
  dimension: HotspotDimension,
  items: z.array(Hotspot),
});
export type HotspotsAnswer = z.infer<typeof HotspotsAnswer>;

// ---- 每月一题 and links to the plan ------------------------------------------------------------

const ThemeTask = z.object({ text: z.string(), unitId: z.int(), due: z.string() });

/** A 每月一题 theme. */
export const MonthlyTopic = z.object({
  id: z.int(),
  month: z.string().describe('the month the topic starts (YYYY-MM)'),
  title: z.string(),
  leadUnitId: z.int(),
  categories: z.array(z.string()),
  areas: z.array(z.string()).optional(),
  problems: z.array(z.string()),
  tasks: z.array(ThemeTask),
  planTaskIds: z.array(z.int()),
});
export type MonthlyTopic = z.infer<typeof MonthlyTopic>;

export const ThemePage = z.object({ items: z.array(MonthlyTopic), total: z.int() });
export type ThemePage = z.infer<typeof ThemePage>;

/** A new theme (the server numbers it). */
export const ThemeBody = z
  .object({
    month: Month,
    title: z.string().trim().min(1).max(200),
    leadUnitId: z.number().int().positive(),
    categories: z.array(z.string().trim().min(1).max(50)).min(1).max(20),
    areas: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
    problems: z.array(z.string().trim().min(1).max(500)).min(1).max(50),
    tasks: z
      .array(
        z.object({
          text: z.string().trim().min(1).max(500),
          unitId: z.number().int().positive(),
          due: z.string(),
        }),
      )
      .max(50)
      .default([]),
  })
  .strict();
export type ThemeBody = z.input<typeof ThemeBody>;

export const TopicMeasure = z.object({
  topicId: z.int(),
  baseline: z.number().describe('mean monthly orders on the topic before it started'),
  months: z.array(
    z.object({
      month: z.string(),
      count: z.int(),
      sameMonthLastYear: z.int(),
      changeFromBaseline: z.number().nullable(),
    }),
  ),
  fall: z.number().nullable(),
  fallYearOnYear: z.number().nullable(),
  explanation: z.string(),
});
export type TopicMeasure = z.infer<typeof TopicMeasure>;

/** A confirmed (or rejected) link between requests (a theme or a category) and a plan task. */
export const TaskLink = z.object({
  sourceKey: z.string().describe('theme:<id> or category:<name>'),
  taskId: z.int(),
  score: z.number().optional(),
  confirmedBy: z.int().optional(),
  confirmedAt: Timestamp.optional(),
  status: z.enum(['confirmed', 'rejected']).optional(),
});
export type TaskLink = z.infer<typeof TaskLink>;

/** A theme with its measure and its confirmed links. */
export const ThemeDetail = z.object({ theme: MonthlyTopic, measure: TopicMeasure, links: z.array(TaskLink) });
export type ThemeDetail = z.infer<typeof ThemeDetail>;

export const LinkSuggestion = z.object({
  key: z.string(),
  taskId: z.int(),
  score: z.number(),
  sharedTerms: z.array(z.string()),
  status: z.literal('suggested'),
});
export type LinkSuggestion = z.infer<typeof LinkSuggestion>;

export const LinkSuggestionPage = z.object({ items: z.array(LinkSuggestion), total: z.int() });
export type LinkSuggestionPage = z.infer<typeof LinkSuggestionPage>;

/** Confirm (accept) or reject a link. */
export const LinkBody = z
  .object({
    sourceKey: z.string().regex(/^(theme:\d+|category:.+)$/, 'theme:<id> or category:<name>'),
    taskId: z.number().int().positive(),
    score: z.number().min(0).max(1).default(0),
    accept: z.boolean(),
  })
  .strict();
export type LinkBody = z.input<typeof LinkBody>;

/** What people ask about a plan task: its confirmed links and recent orders on them. */
export const TaskRequests = z.object({
  taskId: z.int(),
  links: z.array(TaskLink),
  themes: z.array(MonthlyTopic),
  categories: z.array(z.string()),
  orders: z.object({ total: z.int(), recent: z.array(PublicOrder) }),
});
export type TaskRequests = z.infer<typeof TaskRequests>;
