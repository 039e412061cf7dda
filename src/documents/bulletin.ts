/**
 * The monthly 通报 a 督查室 issues, derived from plain data of one month: per unit, the work
 * due, done on time, done late, still overdue; the 督办单 received and answered; the 接诉即办
 * 三率; the red and black lists (红黑榜) by the rules the office sets; the leaders' comments.
 * Pure: the server loads, this counts, bulletin-docx/-xlsx write it. Every count is a list
 * of ids underneath (`refs`), so a figure can always be traced to its items.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { WORK_SOURCE_LABELS } from '../chase/types.js';
import type { WorkSource } from '../chase/types.js';

/** One piece of work as the bulletin counts it. */
export interface BulletinTask {
  id: number;
  unitId: number;
  source: WorkSource;
  title: string;
  /** The deadline in force at the month's end (after approved extensions). */
  dueOn: string | null;
  /** The date it was done (reported done, or closed), or null if not yet. */
  doneOn: string | null;
}

/** One 督办单 as the bulletin counts it. */
export interface BulletinNotice {
  id: number;
  unitId: number;
  issuedOn: string;
  dueOn: string;
  answeredOn: string | null;
}

/** A unit's 接诉即办 rates for the month, 0–1 (null: no orders to rate). */
export interface BulletinRequestRates {
  unitId: number;
  volume: number;
  response: number | null;
  resolution: number | null;
  satisfaction: number | null;
}

/**
 * The office's rules for the lists. A unit is on the red list when it meets every red rule,
 * on the black list when it breaks any black rule; a unit on both is on the black list only.
 */
export interface BulletinRules {
  red: {
    /** At least this much work due in the month to be considered. */
    minDue: number;
    /** On-time rate at least this (0–1). */
    minOnTimeRate: number;
    /** No more overdue work than this at the month's end. */
    maxOverdue: number;
    /** 满意率 at least this, when the unit has 接诉即办 orders (0–1; null: not a rule). */
    minSatisfaction: number | null;
  };
  black: {
    /** Overdue work at the month's end of at least this. */
    minOverdue: number | null;
    /** On-time rate below this (0–1), with at least `red.minDue` due. */
    belowOnTimeRate: number | null;
    /** 督办单 due in the month and still unanswered at its end, at least this many. */
    minUnansweredNotices: number | null;
    /** 满意率 below this (0–1). */
    belowSatisfaction: number | null;
  };
}

export const DEFAULT_BULLETIN_RULES: BulletinRules = Object.freeze({
  red: { minDue: 3, minOnTimeRate: 1, maxOverdue: 0, minSatisfaction: 0.9 },
  black: { minOverdue: 3, belowOnTimeRate: 0.6, minUnansweredNotices: 1, belowSatisfaction: 0.6 },
});

export interface BulletinComment {
  /** Who: 张明区长. */
  leader: string;
  text: string;
}

export interface BulletinInput {
  /** The issuing office as it signs: 北京市昌平区人民政府督查室. */
  office: string;
  /** The red header's words: 督查通报. */
  header: string;
  /** 文号: 昌督通〔2024〕5号. */
  number: string;
  /** 'YYYY-MM'. */
  month: string;
  /** ISO date of issue. */
  issuedOn: string;
  /** Title; default 关于YYYY年M月份重点工作落实情况的通报. */
  title?: string;
  /** Who it is addressed to (主送): 各镇人民政府、街道办事处，区政府各委、办、局. */
  addressees: string;
  units: { id: number; name: string }[];
  tasks: BulletinTask[];
  notices: BulletinNotice[];
  requests: BulletinRequestRates[];
  rules: BulletinRules;
  comments: BulletinComment[];
  /** What the office asks next (下步工作要求), one paragraph each. */
  requirements: string[];
}

export interface UnitBulletinRow {
  unitId: number;
  unitName: string;
  due: number;
  doneOnTime: number;
  doneLate: number;
  /** Due on or before the month's end and not done by then. */
  overdue: number;
  /** doneOnTime / due, or null with nothing due. */
  onTimeRate: number | null;
  noticesReceived: number;
  noticesAnswered: number;
  /** Notices due within the month and not answered by its end. */
  noticesUnanswered: number;
  requests: BulletinRequestRates | null;
  /** The ids behind each count. */
  refs: { due: number[]; doneOnTime: number[]; doneLate: number[]; overdue: number[]; notices: number[] };
}

export interface ListedUnit {
  unitId: number;
  unitName: string;
  /** Why, in the office's words: 按期完成率100%，无逾期事项. */
  reasons: string[];
}

export interface Bulletin {
  office: string;
  header: string;
  number: string;
  month: string;
  issuedOn: string;
  title: string;
  addressees: string;
  /** The whole jurisdiction's totals (the same counts as the rows add up to). */
  totals: Omit<UnitBulletinRow, 'unitId' | 'unitName' | 'requests' | 'refs'>;
  /** Work due in the month by source (重点任务, 领导批示…). */
  bySource: { source: WorkSource; label: string; due: number; doneOnTime: number; overdue: number }[];
  rows: UnitBulletinRow[];
  red: ListedUnit[];
  black: ListedUnit[];
  /** The overdue items named, unit by unit (逾期事项清单). */
  overdueItems: { unitName: string; title: string; source: string; dueOn: string }[];
  comments: BulletinComment[];
  requirements: string[];
  /** The summary paragraph, from the totals. */
  summary: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The Beijing date each task was last done (reached 已完成 or 已销号 and stayed there), from its
 * state changes oldest first; a task reopened afterwards has none.
 * @example
 * deriveDoneDates([{ taskId: 1, at: '2024-05-08T02:00:00Z', state: 'done' }]) // Map { 1 => '2024-05-08' }
 */
export function deriveDoneDates(
  changes: readonly { taskId: number; at: string; state: string }[],
): Map<number, string> {
  const done = new Map<number, string>();
  for (const c of changes) {
    const finished = c.state === 'done' || c.state === 'closed';
    if (finished && !done.has(c.taskId)) {
      done.set(c.taskId, new Date(Date.parse(c.at) + 8 * 3600_000).toISOString().slice(0, 10));
    } else if (!finished) {
      done.delete(c.taskId);
    }
  }
  return done;
}

/** First and last ISO dates of a 'YYYY-MM' month. */
export function monthRange(month: string): { first: string; last: string } {
  const m = MONTH.exec(month);
  if (!m)
    throw new AppError('BAD_INPUT', `Not a month (YYYY-MM): "${month}"`, [
      { path: 'month', message: 'YYYY-MM' },
    ]);
  const year = Number(m[1]);
  const mo = Number(m[2]);
  const last = new Date(Date.UTC(year, mo, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(last).padStart(2, '0')}` };
}

/**
 * A rate as offices print it: 92.5%, 100%.
 * @example
 * percent(0.925) // '92.5%'
 */
export function percent(rate: number | null): string {
  if (rate === null) return '—';
  const value = Math.round(rate * 1000) / 10;
  return `${value}%`;
}

function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function check(input: BulletinInput): void {
  const problems: ErrorDetail[] = [];
  const r = input.rules;
  const share = (path: string, v: number | null) => {
    if (v !== null && !(v >= 0 && v <= 1)) problems.push({ path, message: 'a rate between 0 and 1' });
  };
  share('rules.red.minOnTimeRate', r.red.minOnTimeRate);
  share('rules.red.minSatisfaction', r.red.minSatisfaction);
  share('rules.black.belowOnTimeRate', r.black.belowOnTimeRate);
  share('rules.black.belowSatisfaction', r.black.belowSatisfaction);
  for (const [path, v] of [
    ['rules.red.minDue', r.red.minDue],
    ['rules.red.maxOverdue', r.red.maxOverdue],
    ['rules.black.minOverdue', r.black.minOverdue],
    ['rules.black.minUnansweredNotices', r.black.minUnansweredNotices],
  ] as const) {
    if (v !== null && !(Number.isInteger(v) && v >= 0))
      problems.push({ path, message: 'a whole number ≥ 0' });
  }
  if (input.number.trim() === '') problems.push({ path: 'number', message: 'the 文号 is required' });
  input.comments.forEach((c, i) => {
    if (c.leader.trim() === '')
      problems.push({ path: `comments.${i}.leader`, message: 'who commented is required' });
    if (c.text.trim() === '') problems.push({ path: `comments.${i}.text`, message: 'the comment is empty' });
  });
  if (problems.length > 0) throw new AppError('BAD_INPUT', 'The bulletin’s settings are wrong', problems);
}

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Counts one unit's month. */
function unitRow(
  unit: { id: number; name: string },
  tasks: BulletinTask[],
  notices: BulletinNotice[],
  requests: BulletinRequestRates | null,
  first: string,
  last: string,
): UnitBulletinRow {
  const refs: UnitBulletinRow['refs'] = { due: [], doneOnTime: [], doneLate: [], overdue: [], notices: [] };
  for (const t of tasks) {
    if (t.dueOn === null) continue;
    const inMonth = t.dueOn >= first && t.dueOn <= last;
    if (inMonth) refs.due.push(t.id);
    if (inMonth && t.doneOn !== null && t.doneOn <= t.dueOn) refs.doneOnTime.push(t.id);
    if (t.doneOn !== null && t.doneOn >= first && t.doneOn <= last && t.doneOn > t.dueOn)
      refs.doneLate.push(t.id);
    if (t.dueOn <= last && (t.doneOn === null || t.doneOn > last)) refs.overdue.push(t.id);
  }
  let answered = 0;
  let unanswered = 0;
  for (const n of notices) {
    if (n.issuedOn >= first && n.issuedOn <= last) {
      refs.notices.push(n.id);
      if (n.answeredOn !== null && n.answeredOn <= last) answered++;
    }
    if (n.dueOn >= first && n.dueOn <= last && (n.answeredOn === null || n.answeredOn > last)) unanswered++;
  }
  return {
    unitId: unit.id,
    unitName: unit.name,
    due: refs.due.length,
    doneOnTime: refs.doneOnTime.length,
    doneLate: refs.doneLate.length,
    overdue: refs.overdue.length,
    onTimeRate: rate(refs.doneOnTime.length, refs.due.length),
    noticesReceived: refs.notices.length,
    noticesAnswered: answered,
    noticesUnanswered: unanswered,
    requests,
    refs,
  };
}

/** The red list's reasons, or undefined when the unit misses a red rule. */
function redReasons(row: UnitBulletinRow, rules: BulletinRules['red']): string[] | undefined {
  if (row.due < rules.minDue || row.onTimeRate === null || row.onTimeRate < rules.minOnTimeRate)
    return undefined;
  if (row.overdue > rules.maxOverdue) return undefined;
  const reasons = [
    `本月到期${row.due}项，按期完成率${percent(row.onTimeRate)}`,
    row.overdue === 0 ? '无逾期事项' : `逾期未完成${row.overdue}项`,
  ];
  const s = row.requests?.satisfaction ?? null;
  if (rules.minSatisfaction !== null && s !== null) {
    if (s < rules.minSatisfaction) return undefined;
    reasons.push(`接诉即办满意率${percent(s)}`);
  }
  return reasons;
}

/** The black list's reasons (empty when the unit breaks no black rule). */
function blackReasons(row: UnitBulletinRow, rules: BulletinRules): string[] {
  const b = rules.black;
  const reasons: string[] = [];
  if (b.minOverdue !== null && row.overdue >= b.minOverdue) reasons.push(`逾期未完成${row.overdue}项`);
  if (
    b.belowOnTimeRate !== null &&
    row.due >= rules.red.minDue &&
    row.onTimeRate !== null &&
    row.onTimeRate < b.belowOnTimeRate
  ) {
    reasons.push(`按期完成率${percent(row.onTimeRate)}，低于${percent(b.belowOnTimeRate)}`);
  }
  if (
    b.minUnansweredNotices !== null &&
    b.minUnansweredNotices > 0 &&
    row.noticesUnanswered >= b.minUnansweredNotices
  ) {
    reasons.push(`督办单逾期未答复${row.noticesUnanswered}件`);
  }
  const s = row.requests?.satisfaction ?? null;
  if (b.belowSatisfaction !== null && s !== null && s < b.belowSatisfaction)
    reasons.push(`接诉即办满意率${percent(s)}，低于${percent(b.belowSatisfaction)}`);
  return reasons;
}

/**
 * The bulletin of a month. Units are listed in the order given; a unit with nothing in the
 * month (no work due or overdue, no notice, no orders) is left out of the table. Throws
 * BAD_INPUT for a bad month or rules, naming each.
 */
export function deriveBulletin(input: BulletinInput): Bulletin {
  check(input);
  const { first, last } = monthRange(input.month);
  const [year, mo] = input.month.split('-').map(Number) as [number, number];
  const tasksBy = groupBy(input.tasks, (t) => t.unitId);
  const noticesBy = groupBy(input.notices, (n) => n.unitId);
  const requestsBy = new Map(input.requests.map((r) => [r.unitId, r]));
  const rows = input.units
    .map((u) =>
      unitRow(
        u,
        tasksBy.get(u.id) ?? [],
        noticesBy.get(u.id) ?? [],
        requestsBy.get(u.id) ?? null,
        first,
        last,
      ),
    )
    .filter(
      (r) =>
        r.due + r.overdue + r.doneLate + r.noticesReceived + r.noticesUnanswered > 0 || r.requests !== null,
    );
  const sum = (f: (r: UnitBulletinRow) => number) => rows.reduce((acc, r) => acc + f(r), 0);
  const totals = {
    due: sum((r) => r.due),
    doneOnTime: sum((r) => r.doneOnTime),
    doneLate: sum((r) => r.doneLate),
    overdue: sum((r) => r.overdue),
    onTimeRate: rate(
      sum((r) => r.doneOnTime),
      sum((r) => r.due),
    ),
    noticesReceived: sum((r) => r.noticesReceived),
    noticesAnswered: sum((r) => r.noticesAnswered),
    noticesUnanswered: sum((r) => r.noticesUnanswered),
  };
  const unitIds = new Set(rows.map((r) => r.unitId));
  const sources = [...new Set(input.tasks.map((t) => t.source))];
  const bySource = sources.map((source) => {
    const ts = input.tasks.filter((t) => t.source === source && unitIds.has(t.unitId) && t.dueOn !== null);
    return {
      source,
      label: WORK_SOURCE_LABELS[source],
      due: ts.filter((t) => t.dueOn! >= first && t.dueOn! <= last).length,
      doneOnTime: ts.filter(
        (t) => t.dueOn! >= first && t.dueOn! <= last && t.doneOn !== null && t.doneOn <= t.dueOn!,
      ).length,
      overdue: ts.filter((t) => t.dueOn! <= last && (t.doneOn === null || t.doneOn > last)).length,
    };
  });
  const black: ListedUnit[] = [];
  const red: ListedUnit[] = [];
  for (const row of rows) {
    const bad = blackReasons(row, input.rules);
    if (bad.length > 0) {
      black.push({ unitId: row.unitId, unitName: row.unitName, reasons: bad });
      continue;
    }
    const good = redReasons(row, input.rules.red);
    if (good) red.push({ unitId: row.unitId, unitName: row.unitName, reasons: good });
  }
  const names = new Map(input.units.map((u) => [u.id, u.name]));
  const overdueItems = input.tasks
    .filter(
      (t) =>
        unitIds.has(t.unitId) &&
        t.dueOn !== null &&
        t.dueOn <= last &&
        (t.doneOn === null || t.doneOn > last),
    )
    .sort((a, b) => (a.dueOn! < b.dueOn! ? -1 : a.dueOn! > b.dueOn! ? 1 : a.id - b.id))
    .map((t) => ({
      unitName: names.get(t.unitId)!,
      title: t.title,
      source: WORK_SOURCE_LABELS[t.source],
      dueOn: t.dueOn!,
    }));
  const summary =
    `${year}年${mo}月，全区共有${totals.due}项工作到期，按期完成${totals.doneOnTime}项，按期完成率${percent(totals.onTimeRate)}；` +
    `截至月底逾期未完成${totals.overdue}项，当月逾期完成${totals.doneLate}项。` +
    `本月下发督办单${totals.noticesReceived}件，已答复${totals.noticesAnswered}件。` +
    `列入红榜单位${red.length}个，列入黑榜单位${black.length}个。`;
  return {
    office: input.office,
    header: input.header,
    number: input.number.trim(),
    month: input.month,
    issuedOn: input.issuedOn,
    title: input.title?.trim() || `关于${year}年${mo}月份重点工作落实情况的通报`,
    addressees: input.addressees,
    totals,
    bySource,
    rows,
    red,
    black,
    overdueItems,
    comments: input.comments.map((c) => ({ leader: c.leader.trim(), text: c.text.trim() })),
    requirements: input.requirements.filter((r) => r.trim() !== ''),
    summary,
  };
}
