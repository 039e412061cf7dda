/**
 * Reading a year's official holiday table pasted or loaded as JSON (chinese-days' shape) or CSV,
 * pure, with every problem on its line or date (the server checks again,
 * server/requests-calendar.ts). Problems as in admin-rules.ts.
 */
import type { Problem } from '../../lib/progress';
import type { HolidayTableBody } from '../../api/requests-admin';
import { problem } from './admin-rules';

/** A problem of a pasted table, on a line of CSV (1-based) or at a date. */
export interface TableProblem extends Problem {
  line?: number;
  date?: string;
}

export interface ParsedHolidayTable {
  table: Pick<HolidayTableBody, 'holidays' | 'workdays'>;
  problems: TableProblem[];
  format: 'json' | 'csv' | 'empty';
}

const HOLIDAY_WORDS = new Set(['holiday', 'holidays', 'off', 'rest', '休', '假', '放假', '休息', '节假日']);
const WORKDAY_WORDS = new Set(['workday', 'workdays', 'work', '班', '上班', '补班', '调休上班', '工作日']);

/** "2027/1/1", "2027-1-1", "2027年1月1日" → "2027-01-01"; undefined when not a date. */
export function normaliseDate(text: string): string | undefined {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === iso ? iso : undefined;
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function readJson(json: unknown, problems: TableProblem[]): ParsedHolidayTable['table'] {
  const record = json as { holidays?: unknown; workdays?: unknown } | null;
  const table = { holidays: {} as Record<string, string>, workdays: {} as Record<string, string> };
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    problems.push(problem('jsonShape'));
    return table;
  }
  for (const key of ['holidays', 'workdays'] as const) {
    const value = record[key];
    if (value === undefined) {
      if (key === 'holidays') problems.push(problem('jsonShape'));
      continue;
    }
    // chinese-days' shape (date → name), or the domain's (a list of dates).
    const entries: [string, string][] = Array.isArray(value)
      ? value.map((d) => [String(d), ''])
      : typeof value === 'object' && value !== null
        ? Object.entries(value as Record<string, unknown>).map(([d, name]) => [d, String(name ?? '')])
        : [];
    if (!Array.isArray(value) && (typeof value !== 'object' || value === null))
      problems.push(problem('jsonShape'));
    for (const [raw, name] of entries) {
      const date = normaliseDate(raw);
      if (!date) problems.push({ ...problem('notADate', { text: raw }), date: raw });
      else table[key][date] = name;
    }
  }
  return table;
}

function readCsv(text: string, problems: TableProblem[]): ParsedHolidayTable['table'] {
  const table = { holidays: {} as Record<string, string>, workdays: {} as Record<string, string> };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim() || raw.trim().startsWith('#')) return;
    const cells = raw.split(/[,，\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    const date = normaliseDate(cells[0] ?? '');
    if (!date) {
      // A header line ("date,type,name" / "日期,类型,名称") is skipped.
      if (line === 1 && /date|日期/i.test(cells[0] ?? '')) return;
      problems.push({ ...problem('csvDate', { line, text: cells[0] ?? '' }), line });
      return;
    }
    const type = (cells[1] ?? '').toLowerCase();
    const name = cells.slice(2).join(',');
    if (HOLIDAY_WORDS.has(type)) table.holidays[date] = name;
    else if (WORKDAY_WORDS.has(type)) table.workdays[date] = name;
    else problems.push({ ...problem('csvType', { line, text: cells[1] ?? '' }), line });
  });
  return table;
}

/**
 * Reads a year's official arrangement pasted or uploaded as JSON (chinese-days' `years/2027.json`:
 * `{ holidays: { date: name }, workdays: { date: name } }`, or lists of dates) or as CSV lines
 * `date,type[,name]` (type 休/放假/holiday or 班/上班/workday), and checks it as the server will:
 * dates of that year, none both off and worked, make-up working days on weekends, some holidays.
 * @example
 * parseHolidayText('2027-01-01,休,元旦\n2027-02-20,班,春节', 2027).table
 * // { holidays: { '2027-01-01': '元旦' }, workdays: { '2027-02-20': '春节' } }
 */
export function parseHolidayText(text: string, year: number): ParsedHolidayTable {
  const problems: TableProblem[] = [];
  const trimmed = text.trim();
  if (!trimmed)
    return { table: { holidays: {}, workdays: {} }, problems: [problem('emptyTable')], format: 'empty' };
  let table: ParsedHolidayTable['table'];
  let format: ParsedHolidayTable['format'];
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    format = 'json';
    try {
      table = readJson(JSON.parse(trimmed), problems);
    } catch {
      problems.push(problem('jsonSyntax'));
      table = { holidays: {}, workdays: {} };
    }
  } else {
    format = 'csv';
    table = readCsv(trimmed, problems);
  }
  for (const key of ['holidays', 'workdays'] as const) {
    for (const date of Object.keys(table[key])) {
      if (!date.startsWith(`${year}-`)) problems.push({ ...problem('wrongYear', { date, year }), date });
    }
  }
  for (const date of Object.keys(table.workdays)) {
    if (Object.hasOwn(table.holidays, date))
      problems.push({ ...problem('bothOffAndWorked', { date }), date });
    else if (date.startsWith(`${year}-`) && !isWeekend(date))
      problems.push({ ...problem('workdayNotWeekend', { date }), date });
  }
  if (Object.keys(table.holidays).length === 0 && !problems.length) problems.push(problem('noHolidays'));
  return { table, problems, format };
}

/** The dates of a table in order, each with its kind and name (for the preview). */
export function listTableDates(
  table: Pick<HolidayTableBody, 'holidays' | 'workdays'>,
): { date: string; kind: 'holiday' | 'workday'; name: string }[] {
  return [
    ...Object.entries(table.holidays).map(([date, name]) => ({ date, kind: 'holiday' as const, name })),
    ...Object.entries(table.workdays).map(([date, name]) => ({ date, kind: 'workday' as const, name })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}

/** A festival's name from chinese-days' "English,中文,days" or a plain name. */
export function festivalName(name: string, lang: 'zh-CN' | 'en'): string {
  const parts = name.split(',');
  if (parts.length >= 2) return (lang === 'en' ? parts[0] : parts[1])?.trim() ?? name;
  return name;
}
