/**
 * The values of an item's change history in the reader's words: unit ids as unit names,
 * states, health, comparators and urgencies by their labels, dates and numbers formatted for
 * the language, a place in the text as a range of characters. What has no words stays as the
 * server sent it, as plain text (objects as compact JSON).
 */
import { COMPARATOR_OPTIONS } from './comparators';
import { formatDate, formatDateTime, type Lang } from './format';

/** What saying a value needs: the language, the labels, the units' names. */
export interface ValueWords {
  lang: Lang;
  /** The text of an i18n key with its `values`, or undefined when there is none. */
  label: (key: string, values?: Record<string, string>) => string | undefined;
  /** A unit's name, or undefined when it is unknown (deleted, merged, not loaded). */
  unitName?: (id: number) => string | undefined;
  /** A chapter's or section's title by its id, or undefined when it is unknown. */
  outlineTitle?: (id: number) => string | undefined;
}

/** Where each entity's `state` (or a report's `status`) finds its labels. */
const STATE_LABELS = new Map([
  ['task', 'taskState'],
  ['figure_correction', 'taskState'],
  ['plan', 'planState'],
  ['notice', 'supervision.noticeState'],
  ['extension', 'supervision.extensionState'],
  ['closure', 'supervision.closureState'],
  ['report', 'todo.status'],
]);

/** Where the values of a field find their labels, by the field's name. */
const FIELD_LABELS = new Map([
  ['health', 'health'],
  ['urgency', 'supervision.urgencyLevel'],
  ['fromUrgency', 'supervision.urgencyLevel'],
  ['toUrgency', 'supervision.urgencyLevel'],
  ['direction', 'direction'],
]);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** How a list of names is joined: 、 in Chinese, a comma in English. */
const joinFor = (lang: Lang) => (lang === 'en' ? ', ' : '、');

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** A value as the server sent it: strings as they are, objects as compact JSON. */
export function showRawValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (isScalar(value)) return String(value);
  return JSON.stringify(value);
}

/**
 * A number grouped for the language with every decimal it has: a trail of changes must show
 * 0.125 → 0.126 as two values (formatNumber rounds to two decimals).
 */
function exactNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 20 }).format(value);
}

function unitText(value: unknown, words: ValueWords): string {
  if (typeof value !== 'number') return showRawValue(value);
  return words.unitName?.(value) ?? showRawValue(value);
}

/** A scalar with no field-specific words: a date, a time, a number, yes / no, or the text. */
function plainText(value: string | number | boolean, field: string, words: ValueWords): string {
  if (typeof value === 'boolean') return words.label(`common.${value ? 'yes' : 'no'}`) ?? String(value);
  if (typeof value === 'number') {
    // Ids and versions are names, not quantities: never grouped ("1,024").
    if (/(^id|Id)$/.test(field) || field === 'version' || !Number.isFinite(value)) return String(value);
    return exactNumber(value, words.lang);
  }
  if (DATE.test(value)) return formatDate(value, words.lang);
  if (DATE_TIME.test(value)) return formatDateTime(value, words.lang);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The records inside a record, in words: evidence files by name, escalations of a 督办单 with
 * their reason, level and new due date, a baseline as "1,270亿元（2021年）", a project's stage
 * dates. Undefined when `field` holds none of these.
 */
function sayComposite(field: string, value: unknown, words: ValueWords): string | undefined {
  const join = joinFor(words.lang);
  if (field === 'evidence' && Array.isArray(value)) {
    return value.map((file) => (isRecord(file) ? String(file.name ?? '') : showRawValue(file))).join(join);
  }
  if (field === 'escalations' && Array.isArray(value)) {
    return value
      .filter(isRecord)
      .map((e) => {
        const level = words.label(`supervision.urgencyLevel.${String(e.toUrgency)}`) ?? '';
        const due = typeof e.dueOn === 'string' ? formatDate(e.dueOn, words.lang) : '';
        return (
          words.label('planHealth.history.values.escalation', {
            reason: String(e.reason ?? ''),
            level,
            due,
          }) ?? `${String(e.reason ?? '')} (${level}, ${due})`
        );
      })
      .join(words.lang === 'en' ? '; ' : '；');
  }
  if (field === 'baseline' && isRecord(value) && typeof value.value === 'number') {
    return `${exactNumber(value.value, words.lang)}${String(value.unit ?? '')}（${String(value.period ?? '')}）`;
  }
  if (field === 'stageDates' && isRecord(value)) {
    return Object.entries(value)
      .map(([stage, date]) => `${stage} ${typeof date === 'string' ? formatDate(date, words.lang) : ''}`)
      .join(join);
  }
  return undefined;
}

/**
 * One value of field `path` of an `entity`'s snapshot (the entity of the action:
 * `notice` for `notice.issue`), as the reader reads it. Never markup: the caller renders text.
 * @example
 * sayHistoryValue('task', 'state', 'in_progress', words) // '推进中'
 * sayHistoryValue('target', 'comparator', '>=', words) // '以上 (>=)'
 * sayHistoryValue('task', 'coUnitIds', [3, 5], words) // '区发改委、区科委'
 * sayHistoryValue('task', 'deadline', '2022-06-30', words) // '2022年6月30日'
 */
export function sayHistoryValue(entity: string, path: string, value: unknown, words: ValueWords): string {
  if (value === undefined || value === null || value === '') return '—';
  if (Array.isArray(value) && value.length === 0) return '—';
  const field = path.slice(path.lastIndexOf('.') + 1);
  // Codes only (in_progress, at_risk): any other text is no key of the labels.
  const labelled = (prefix: string | undefined): string =>
    (prefix !== undefined && typeof value === 'string' && /^\w+$/.test(value)
      ? words.label(`${prefix}.${value}`)
      : undefined) ?? showRawValue(value);

  if (/^(unitId|\w+UnitId)$/.test(field)) return unitText(value, words);
  if (/^(unitIds|\w+UnitIds)$/.test(field) && Array.isArray(value)) {
    return value.map((id) => unitText(id, words)).join(joinFor(words.lang));
  }
  if (field === 'state' || field === 'status') return labelled(STATE_LABELS.get(entity));
  if (FIELD_LABELS.has(field)) return labelled(FIELD_LABELS.get(field));
  if (field === 'comparator') {
    const key = COMPARATOR_OPTIONS.find((option) => option.value === value)?.key;
    return (key === undefined ? undefined : words.label(`review.comparators.${key}`)) ?? showRawValue(value);
  }
  if (path === 'subject.type') return labelled('kind');
  if (field === 'kind' && entity === 'project') return labelled('kind');
  if (field === 'outlineNodeId' && typeof value === 'number') return words.outlineTitle?.(value) ?? '—';
  const composite = sayComposite(field, value, words);
  if (composite !== undefined) return composite;
  if (field === 'progress' && typeof value === 'number') return `${exactNumber(value, words.lang)}%`;
  if (field === 'span' && Array.isArray(value) && value.length === 2 && value.every(Number.isInteger)) {
    const [start, end] = value as [number, number];
    // Offsets are [start, end) from 0; readers count characters from 1.
    return (
      words.label('planHealth.history.values.span', { start: String(start + 1), end: String(end) }) ??
      showRawValue(value)
    );
  }
  if (isScalar(value)) return plainText(value, field, words);
  if (Array.isArray(value) && value.every(isScalar)) {
    return value.map((item) => plainText(item, field, words)).join(joinFor(words.lang));
  }
  return showRawValue(value);
}

/** System notes the server writes as the reason of a change, and the key of their words. */
const SYSTEM_NOTES: readonly [RegExp, string, readonly string[]][] = [
  [/^(.+?) report \d+ approved$/, 'reportApproved', ['period']],
  [/^Decidim (.+) line (\d+)$/, 'decidimLine', ['file', 'line']],
  [/^"(.+)" names no pipeline stage$/, 'noPipelineStage', ['stage']],
  [/^接诉即办 setup: the office governs its area$/, 'requestsSetup', []],
];

/**
 * The reason of a change as the reader reads it: a person's reason as written, a note the
 * system wrote ("2022年12月 report 7 approved") in the reader's words, with no record number.
 * @example
 * sayHistoryReason('2022年12月 report 7 approved', words) // '2022年12月报送审核通过'
 */
export function sayHistoryReason(reason: string, words: ValueWords): string {
  for (const [pattern, key, names] of SYSTEM_NOTES) {
    const match = pattern.exec(reason.trim());
    if (!match) continue;
    const values = Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? '']));
    const said = words.label(`planHealth.history.notes.${key}`, values);
    if (said !== undefined) return said;
  }
  return reason;
}
