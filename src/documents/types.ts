/**
 * Inputs shared by the document writers and readers: plain data, as the store returns it.
 * Nothing here touches a database; the server passes what it loaded.
 */
import type { Comparator } from '../report/types.js';
import type { Health, Plan, TaskState } from '../plan/types.js';

/** What a document says about its plan (title rows, file metadata, round-trip checks). */
export type PlanHeader = Pick<Plan, 'id' | 'title' | 'year' | 'place'>;

/** A reporting period: `key` is stable ("2022-03", "2022-Q1"), `label` is shown ("3月", "一季度"). */
export interface ReportingPeriod {
  key: string;
  label: string;
}

/** Approved progress percent (0–100) per task id and period key; missing = not reported. */
export type ProgressByPeriod = Record<number, Record<string, number | null | undefined> | undefined>;

/** Computed health per task id (issue 4 computes it; documents only print it). */
export type HealthById = Record<number, Health | undefined>;

export const TASK_STATE_LABELS: Record<TaskState, string> = {
  not_started: '未启动',
  in_progress: '推进中',
  done: '已完成',
  closed: '已销号',
};

export const HEALTH_LABELS: Record<Health, string> = {
  on_track: '正常',
  at_risk: '预警',
  behind: '滞后',
  done: '已完成',
  not_started: '未启动',
  no_data: '无数据',
};

/** How a comparator reads after the value (GUIDE.md §1): 6.5%左右, 48.5%以上; `>` reads before it (超过1.2万户). */
export const COMPARATOR_SUFFIX: Record<Comparator, string> = {
  '>=': '以上',
  '>': '',
  '<=': '以内',
  '~': '左右',
  '=': '',
};

/** A comparator as a word, for table cells (a bare "=" would be read as a formula by Excel). */
export const COMPARATOR_WORDS: Record<Comparator, string> = {
  '>=': '以上',
  '>': '超过',
  '<=': '以内',
  '~': '左右',
  '=': '等于',
};

/** The 12 months of a year as reporting periods ("2022-01" … "2022-12", labels "1月"…). */
export function monthlyPeriods(year: number): ReportingPeriod[] {
  return Array.from({ length: 12 }, (_, i) => ({
    key: `${year}-${String(i + 1).padStart(2, '0')}`,
    label: `${i + 1}月`,
  }));
}

/** The 4 quarters of a year ("2022-Q1" … , labels "一季度"…). */
export function quarterlyPeriods(year: number): ReportingPeriod[] {
  return ['一', '二', '三', '四'].map((cn, i) => ({ key: `${year}-Q${i + 1}`, label: `${cn}季度` }));
}

/** Reverse of TASK_STATE_LABELS; also accepts the English codes. Undefined for anything else. */
export function parseTaskState(text: string): TaskState | undefined {
  const t = text.trim();
  for (const [state, label] of Object.entries(TASK_STATE_LABELS) as [TaskState, string][]) {
    if (t === label || t === state) return state;
  }
  return undefined;
}
