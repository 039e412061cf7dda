/**
 * Hotspots and 每月一题: categories and places whose volume rises or stays high, recurring
 * addresses and seasonal patterns; the monthly topic a supervisor picks, and its measure — the
 * fall in orders on the topic after it starts; and links between requests and the plan's
 * tasks by text similarity, suggested here and confirmed by a person.
 *
 * Counts are complaints: grid workers' own finds (未诉先办) are left out unless asked for.
 */
import { AppError } from '../errors.js';
import { tokenize } from './dispatch.js';
import { beijingMonth } from './scoring.js';
import type { OrderSource, WorkOrder } from './types.js';

/** What hotspot detection needs from an order (a WorkOrder or a SyntheticOrder has it). */
export interface CountableOrder {
  id: number;
  source: OrderSource;
  category: string;
  area: string;
  address: string;
  receivedAt: string;
}

/**
 * The countable view of a work order.
 * @example
 * countableFromOrder(order).area // '回龙观街道'
 */
export function countableFromOrder(order: WorkOrder): CountableOrder {
  return {
    id: order.id,
    source: order.source,
    category: order.category,
    area: order.location.area,
    address: order.location.address,
    receivedAt: order.receivedAt,
  };
}

export type Dimension = 'category' | 'area' | 'category_area';

function keyOf(order: CountableOrder, dimension: Dimension): string {
  return dimension === 'category'
    ? order.category
    : dimension === 'area'
      ? order.area
      : `${order.category}@${order.area}`;
}

/**
 * The month `n` months after `month` (before, when negative).
 * @example
 * shiftMonth('2024-01', -1) // '2023-12'
 */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Monthly counts per key: key → month → count. */
export type VolumeTable = Map<string, Map<string, number>>;

/**
 * Counts orders per key and Beijing month of receipt.
 * @example
 * countVolumes(orders, 'category').get('积水')?.get('2024-07') // 412
 */
export function countVolumes(
  orders: Iterable<CountableOrder>,
  dimension: Dimension,
  includeGrid = false,
): VolumeTable {
  const table: VolumeTable = new Map();
  for (const o of orders) {
    if (!includeGrid && o.source === 'grid') continue;
    const key = keyOf(o, dimension);
    const month = beijingMonth(o.receivedAt);
    let row = table.get(key);
    if (!row) table.set(key, (row = new Map()));
    row.set(month, (row.get(month) ?? 0) + 1);
  }
  return table;
}

export type HotspotReason = 'rising' | 'high' | 'seasonal';

export interface Hotspot {
  key: string;
  dimension: Dimension;
  month: string;
  count: number;
  previous: number;
  /** (count − previous) / previous; null when previous is 0. */
  growth: number | null;
  sameMonthLastYear: number;
  reasons: HotspotReason[];
  explanation: string;
}

export interface HotspotOptions {
  /** Fewest orders in the month for a key to be a hotspot (default 20). */
  minCount?: number;
  /** Month-over-month growth that counts as rising (default 0.3, i.e. +30%). */
  growth?: number;
  /** "Stays high": among the top `top` keys in each of the last `window` months (defaults 3 and 3). */
  top?: number;
  window?: number;
  /**
   * Seasonal: the same month last year had at least this many times the monthly mean of the
   * year around it (default 1.5).
   */
  seasonalRatio?: number;
}

/**
 * Keys (categories, areas or both) that rise, stay high, or peak in this month every year.
 * Sorted by count, largest first.
 * @example
 * detectHotspots(countVolumes(orders, 'category'), 'category', '2024-07')[0]?.key // '积水'
 */
export function detectHotspots(
  table: VolumeTable,
  dimension: Dimension,
  month: string,
  options: HotspotOptions = {},
): Hotspot[] {
  const minCount = options.minCount ?? 20;
  const growthThreshold = options.growth ?? 0.3;
  const top = options.top ?? 3;
  const window = options.window ?? 3;
  const seasonalRatio = options.seasonalRatio ?? 1.5;
  const get = (key: string, m: string): number => table.get(key)?.get(m) ?? 0;
  const topKeys = (m: string): Set<string> =>
    new Set(
      [...table.keys()]
        .filter((k) => get(k, m) > 0)
        .sort((a, b) => get(b, m) - get(a, m) || a.localeCompare(b))
        .slice(0, top),
    );
  const tops = Array.from({ length: window }, (_, i) => topKeys(shiftMonth(month, -i)));
  const lastYear = shiftMonth(month, -12);
  const out: Hotspot[] = [];
  for (const key of table.keys()) {
    const count = get(key, month);
    if (count < minCount) continue;
    const previous = get(key, shiftMonth(month, -1));
    const growth = previous > 0 ? (count - previous) / previous : null;
    const sameMonthLastYear = get(key, lastYear);
    let yearTotal = 0;
    // The year around last year's month (5 months before it to 6 after), all in the past.
    for (let i = -5; i <= 6; i++) yearTotal += get(key, shiftMonth(lastYear, i));
    const reasons: HotspotReason[] = [];
    const words: string[] = [];
    if (growth === null ? previous === 0 : growth >= growthThreshold) {
      reasons.push('rising');
      words.push(
        growth === null
          ? `上月为0，本月${count}件`
          : `环比${growth >= 0 ? '增长' : '下降'}${Math.round(growth * 100)}%（${previous}→${count}件）`,
      );
    }
    if (tops.every((t) => t.has(key))) {
      reasons.push('high');
      words.push(`连续${window}个月位居前${top}`);
    }
    const yearMean = yearTotal / 12;
    if (sameMonthLastYear > 0 && sameMonthLastYear >= seasonalRatio * yearMean) {
      reasons.push('seasonal');
      words.push(
        `去年同月${sameMonthLastYear}件，为去年月均${Math.round(yearMean * 10) / 10}件的${Math.round((sameMonthLastYear / yearMean) * 10) / 10}倍`,
      );
    }
    if (reasons.length === 0) continue;
    out.push({
      key,
      dimension,
      month,
      count,
      previous,
      growth: growth === null ? null : Math.round(growth * 1000) / 1000,
      sameMonthLastYear,
      reasons,
      explanation: `${key}：${month}共${count}件；${words.join('；')}`,
    });
  }
  return out.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export interface RecurringAddress {
  area: string;
  address: string;
  count: number;
  categories: string[];
  orderIds: number[];
}

/**
 * Addresses with at least `minCount` complaints received in [fromMonth, toMonth], most first.
 * Addresses are compared with spaces removed.
 * @example
 * findRecurringAddresses(orders, '2024-01', '2024-03', 5)[0]?.address // '龙腾苑社区12号楼'
 */
export function findRecurringAddresses(
  orders: Iterable<CountableOrder>,
  fromMonth: string,
  toMonth: string,
  minCount = 3,
): RecurringAddress[] {
  const byAddress = new Map<string, RecurringAddress>();
  for (const o of orders) {
    if (o.source === 'grid') continue;
    const month = beijingMonth(o.receivedAt);
    if (month < fromMonth || month > toMonth) continue;
    const address = o.address.replace(/\s+/g, '');
    const key = `${o.area}|${address}`;
    let entry = byAddress.get(key);
    if (!entry)
      byAddress.set(key, (entry = { area: o.area, address, count: 0, categories: [], orderIds: [] }));
    entry.count++;
    entry.orderIds.push(o.id);
    if (!entry.categories.includes(o.category)) entry.categories.push(o.category);
  }
  return [...byAddress.values()]
    .filter((e) => e.count >= minCount)
    .sort((a, b) => b.count - a.count || a.address.localeCompare(b.address));
}

/** A 每月一题 theme: what the supervisor picked, who leads it, its problems and tasks. */
export interface MonthlyTopic {
  id: number;
  /** The month the topic starts (YYYY-MM). */
  month: string;
  title: string;
  leadUnitId: number;
  /** Orders in these categories (and areas, when given) are "on the topic". */
  categories: string[];
  areas?: string[];
  problems: string[];
  tasks: { text: string; unitId: number; due: string }[];
  /** Plan tasks the topic is tied to, once a person confirmed the link. */
  planTaskIds: number[];
}

/**
 * Checks a topic's shape; throws BAD_INPUT listing every problem.
 * @example
 * validateTopic({ id: 1, month: '2024-06', title: '积水点治理', leadUnitId: 203, categories: ['积水'], problems: ['下凹桥积水'], tasks: [], planTaskIds: [] })
 */
export function validateTopic(topic: MonthlyTopic): MonthlyTopic {
  const problems: { path: string; message: string }[] = [];
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(topic.month))
    problems.push({ path: 'month', message: 'expected YYYY-MM' });
  if (!topic.title.trim()) problems.push({ path: 'title', message: 'is empty' });
  if (topic.categories.length === 0)
    problems.push({ path: 'categories', message: 'name at least one category' });
  if (topic.problems.length === 0) problems.push({ path: 'problems', message: 'name at least one problem' });
  topic.tasks.forEach((t, i) => {
    if (!t.text.trim()) problems.push({ path: `tasks.${i}.text`, message: 'is empty' });
  });
  if (problems.length) throw new AppError('BAD_INPUT', '每月一题 is not complete', problems);
  return topic;
}

export interface TopicMeasure {
  topicId: number;
  /** Mean monthly orders on the topic over the `baselineMonths` before it started. */
  baseline: number;
  months: { month: string; count: number; sameMonthLastYear: number; changeFromBaseline: number | null }[];
  /** (baseline − latest month) / baseline; positive is a fall. Null without a baseline. */
  fall: number | null;
  /** The same against the same month a year earlier, which removes the season. */
  fallYearOnYear: number | null;
  explanation: string;
}

/**
 * The measure of a topic: orders on it per month from its start to `asOfMonth`, against the
 * mean of the `baselineMonths` months before it started and against the same months last year.
 * @example
 * measureTopic(topic, orders, '2024-09').fall // 0.42 (42% fewer orders than before)
 */
export function measureTopic(
  topic: MonthlyTopic,
  orders: Iterable<CountableOrder>,
  asOfMonth: string,
  baselineMonths = 3,
): TopicMeasure {
  const counts = new Map<string, number>();
  const categories = new Set(topic.categories);
  const areas = topic.areas && topic.areas.length ? new Set(topic.areas) : null;
  for (const o of orders) {
    if (o.source === 'grid' || !categories.has(o.category) || (areas && !areas.has(o.area))) continue;
    const m = beijingMonth(o.receivedAt);
    counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  const get = (m: string): number => counts.get(m) ?? 0;
  let before = 0;
  for (let i = 1; i <= baselineMonths; i++) before += get(shiftMonth(topic.month, -i));
  const baseline = before / baselineMonths;
  const months: TopicMeasure['months'] = [];
  for (let m = topic.month; m <= asOfMonth; m = shiftMonth(m, 1)) {
    const count = get(m);
    months.push({
      month: m,
      count,
      sameMonthLastYear: get(shiftMonth(m, -12)),
      changeFromBaseline: baseline > 0 ? Math.round(((count - baseline) / baseline) * 1000) / 1000 : null,
    });
  }
  const latest = months.at(-1);
  const fall =
    latest && baseline > 0 ? Math.round(((baseline - latest.count) / baseline) * 1000) / 1000 : null;
  const fallYearOnYear =
    latest && latest.sameMonthLastYear > 0
      ? Math.round(((latest.sameMonthLastYear - latest.count) / latest.sameMonthLastYear) * 1000) / 1000
      : null;
  const explanation =
    `「${topic.title}」自${topic.month}起：启动前${baselineMonths}个月月均${Math.round(baseline * 10) / 10}件` +
    (latest ? `，${latest.month}为${latest.count}件` : '') +
    (fall === null
      ? ''
      : `，较启动前${fall >= 0 ? '下降' : '上升'}${Math.abs(Math.round(fall * 1000) / 10)}%`) +
    (fallYearOnYear === null
      ? ''
      : `，较去年同月${fallYearOnYear >= 0 ? '下降' : '上升'}${Math.abs(Math.round(fallYearOnYear * 1000) / 10)}%`);
  return {
    topicId: topic.id,
    baseline: Math.round(baseline * 1000) / 1000,
    months,
    fall,
    fallYearOnYear,
    explanation,
  };
}

/** A text on the requests side (a category with its description, a theme) to link to plan tasks. */
export interface LinkSource {
  key: string;
  text: string;
}

export interface LinkSuggestion {
  key: string;
  taskId: number;
  score: number;
  sharedTerms: string[];
  status: 'suggested';
}

export interface ConfirmedLink {
  key: string;
  taskId: number;
  score: number;
  status: 'confirmed' | 'rejected';
  decidedBy: number;
  decidedAt: string;
}

/** Words and Han character pairs: pairs catch "积水点" ↔ "积水" where words differ. */
function terms(text: string): string[] {
  const out = tokenize(text).filter((t) => t.length > 1);
  const han = text.replace(/[^\p{Script=Han}]/gu, '');
  for (let i = 0; i + 1 < han.length; i++) out.push(han.slice(i, i + 2));
  return out;
}

/**
 * Plan tasks whose text is close to each source's text (TF-IDF cosine over words and character
 * pairs, IDF from the tasks), at least `threshold`, the best `perSource` per source. Suggestions
 * only: a person confirms each with confirmLink.
 * @example
 * suggestTaskLinks([{ key: '积水', text: '积水 道路、小区、下凹式立交桥等处积水 内涝 排水' }],
 *   [{ id: 12, text: '推进重点区域积水点治理' }])[0]?.taskId // 12
 */
export function suggestTaskLinks(
  sources: readonly LinkSource[],
  tasks: readonly { id: number; text: string }[],
  threshold = 0.1,
  perSource = 3,
): LinkSuggestion[] {
  const taskTerms = tasks.map((t) => terms(t.text));
  const df = new Map<string, number>();
  for (const list of taskTerms) for (const term of new Set(list)) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = (term: string): number => Math.log((tasks.length + 1) / ((df.get(term) ?? 0) + 1)) + 1;
  const vector = (list: string[]): Map<string, number> => {
    const v = new Map<string, number>();
    for (const term of list) v.set(term, (v.get(term) ?? 0) + 1);
    for (const [term, tf] of v) v.set(term, tf * idf(term));
    return v;
  };
  const norm = (v: Map<string, number>): number => Math.sqrt([...v.values()].reduce((a, x) => a + x * x, 0));
  const taskVectors = taskTerms.map(vector);
  const out: LinkSuggestion[] = [];
  for (const source of sources) {
    const sv = vector(terms(source.text));
    const sn = norm(sv);
    const scored = tasks
      .map((task, i) => {
        const tv = taskVectors[i] as Map<string, number>;
        let dot = 0;
        const shared: string[] = [];
        for (const [term, w] of sv) {
          const x = tv.get(term);
          if (x !== undefined) {
            dot += w * x;
            if (!shared.includes(term)) shared.push(term);
          }
        }
        const denominator = sn * norm(tv);
        return { task, score: denominator ? dot / denominator : 0, shared };
      })
      .filter((s) => s.score >= threshold)
      .sort((a, b) => b.score - a.score || a.task.id - b.task.id)
      .slice(0, perSource);
    for (const s of scored) {
      out.push({
        key: source.key,
        taskId: s.task.id,
        score: Math.round(s.score * 1000) / 1000,
        sharedTerms: s.shared,
        status: 'suggested',
      });
    }
  }
  return out;
}

/**
 * A person's decision on a suggested link.
 * @example
 * confirmLink(suggestion, true, 5, '2024-07-01T00:00:00Z').status // 'confirmed'
 */
export function confirmLink(
  suggestion: LinkSuggestion,
  accept: boolean,
  userId: number,
  now: string,
): ConfirmedLink {
  return {
    key: suggestion.key,
    taskId: suggestion.taskId,
    score: suggestion.score,
    status: accept ? 'confirmed' : 'rejected',
    decidedBy: userId,
    decidedAt: new Date(now).toISOString(),
  };
}

/** Orders counted in SQL by Beijing month, category, area and source (the store's countOrdersByMonth). */
export interface MonthlyCount {
  month: string;
  category: string;
  area: string;
  source: string;
  count: number;
}

/**
 * The volume table countVolumes builds from orders, built from monthly counts instead: by
 * `dimension`, then month; grid finds (热线+网格's own) left out as countVolumes leaves them.
 */
export function deriveVolumeTable(rows: readonly MonthlyCount[], dimension: Dimension): VolumeTable {
  const table: VolumeTable = new Map();
  for (const row of rows) {
    if (row.source === 'grid') continue;
    const key =
      dimension === 'category'
        ? row.category
        : dimension === 'area'
          ? row.area
          : `${row.category}@${row.area}`;
    let byMonth = table.get(key);
    if (!byMonth) table.set(key, (byMonth = new Map()));
    byMonth.set(row.month, (byMonth.get(row.month) ?? 0) + row.count);
  }
  return table;
}

/**
 * Monthly counts of a topic's categories as the orders measureTopic counts: one countable per
 * order, dated mid-month (only the topic's categories, so the list stays as small as its volume).
 */
export function deriveTopicCountables(
  rows: readonly MonthlyCount[],
  categories: readonly string[],
): CountableOrder[] {
  const onTopic = new Set(categories);
  const countables: CountableOrder[] = [];
  for (const row of rows) {
    if (!onTopic.has(row.category)) continue;
    const receivedAt = `${row.month}-15T00:00:00.000Z`;
    for (let i = 0; i < row.count; i++) {
      countables.push({
        id: 0,
        source: row.source as CountableOrder['source'],
        category: row.category,
        area: row.area,
        address: '',
        receivedAt,
      });
    }
  }
  return countables;
}
