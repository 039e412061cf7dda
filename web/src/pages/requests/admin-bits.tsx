/**
 * Small pieces shared by the 接诉即办 administration panels: a deadline rule and an owner in
 * words, a problem shown under a field, and a server error made readable (each detail with its
 * field named and, where the message is a known one, in the user's language).
 */
import { useState, type ReactNode } from 'react';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { OwnerRule } from '../../api/requests-admin';
import type { Problem } from '../../lib/progress';

type T = (key: string, values?: Record<string, unknown>) => string;
const A = 'requests.admin';

/**
 * A form's save: `run(save)` marks it saving and clears the last error, keeps the error `save`
 * rejects with (for ServerErrorAlert) and resolves either way. `setError` shows another failure.
 */
export function useSave() {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (save: () => Promise<void>): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      await save();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, setError, run };
}

/** "2 小时（自然时）" / "3 个工作日". */
export function ruleText(t: T, rule: { amount: number; calendar: 'working_days' | 'natural_hours' }): string {
  return rule.calendar === 'natural_hours'
    ? t(`${A}.rule.hours`, { count: rule.amount })
    : t(`${A}.rule.workingDays`, { count: rule.amount });
}

/** Who owns a row, in words: 属地, a named unit, or a unit per area. */
export function ownerText(t: T, owner: OwnerRule, unitName: (id: number) => string): string {
  if (owner.by === 'territory') return t(`${A}.owner.territoryText`);
  if (owner.by === 'unit') return unitName(owner.unitId);
  const areas = Object.entries(owner.units).map(([area, id]) => `${area}→${unitName(id)}`);
  return t(`${A}.owner.areaText`, { areas: areas.join('；'), fallback: unitName(owner.fallbackUnitId) });
}

/** antd Form.Item props showing a problem once the field was touched (or the form was tried). */
export function useHelp() {
  const { t } = useTranslation();
  return (problem: Problem | undefined, shown: boolean, warning?: Problem) =>
    shown && problem
      ? { validateStatus: 'error' as const, help: t(problem.key, problem.values) }
      : warning
        ? { validateStatus: 'warning' as const, help: t(warning.key, warning.values) }
        : { validateStatus: undefined, help: undefined };
}

/** Known server messages (src/requests/*.ts, server/requests-calendar.ts) → i18n keys. */
const KNOWN_MESSAGES: [RegExp, string][] = [
  [/^must add up to 1/, 'weightsSum'],
  [/^is a past month/, 'pastMonth'],
  [/^must come after version (\d+) \((.+)\)/, 'afterVersion'],
  [/^must be after version (\d+) \((.+)\)/, 'afterVersion'],
  [/^is in the past/, 'pastDate'],
  [/^must lie in \[0, 1\]/, 'creditRange'],
  [/^must be ≥ 0/, 'notNegative'],
  [/^must be a whole number > 0/, 'wholePositive'],
  [/^must be a whole number ≥ 0/, 'wholeNonNegative'],
  [/appears twice/, 'twice'],
  [/^unit (\d+) does not exist|^unknown unit/, 'unknownUnit'],
  [/^is also listed as a holiday/, 'bothOffAndWorked'],
  [/^is not a Saturday or Sunday/, 'workdayNotWeekend'],
  [/^is not in (\d{4})/, 'notInYear'],
  [/^is not a date/, 'notADate'],
  [/^lists no holiday/, 'noHolidays'],
  [/^only (\d{4}) or (\d{4}) may be loaded/, 'yearRange'],
  [/^is empty/, 'empty'],
  [/is already exempt in (\d{4}-\d{2})/, 'alreadyExempt'],
];

/** A server error detail's path, named as the form names the field. */
export function fieldLabel(t: T, rawPath: string, rowName?: (index: number) => string | undefined): string {
  const path = rawPath.replace(/^(body|params|querystring)\./, '');
  const [head, second, ...rest] = path.split('.');
  const fields = `${A}.fields`;
  switch (head) {
    case 'effectiveFrom':
    case 'note':
    case 'excludedSources':
    case 'unitId':
    case 'month':
    case 'reason':
    case 'year':
    case 'rows':
      if (head === 'rows' && second !== undefined) {
        const index = Number(second);
        const name = rowName?.(index);
        const row = t(`${fields}.row`, { n: index + 1, name: name ? `「${name}」` : '' });
        const field = rest[0];
        return field ? `${row} · ${rowFieldLabel(t, field)}` : row;
      }
      return t(`${fields}.${head}`);
    case 'weights':
      return second ? t(`${A}.schemes.weight.${second}`) : t(`${fields}.weights`);
    case 'minVolume':
      return t(`${A}.schemes.minVolume`);
    case 'satisfactionCredit':
      return `${t(`${fields}.credit`)} · ${second ?? ''}`;
    case 'holidays':
    case 'workdays':
      return second ? `${t(`${fields}.${head}`)} ${second}` : t(`${fields}.${head}`);
    default:
      return path;
  }
}

function rowFieldLabel(t: T, field: string): string {
  const known = [
    'category',
    'code',
    'group',
    'description',
    'keywords',
    'owner',
    'sign',
    'contact',
    'finish',
    'coFinish',
  ];
  return known.includes(field) ? t(`${A}.row.${field}`) : field;
}

/** A detail's message in the user's language when it is a known one, else as the server wrote it. */
export function detailText(t: T, message: string): string {
  for (const [pattern, key] of KNOWN_MESSAGES) {
    const m = pattern.exec(message);
    if (m) return t(`${A}.server.${key}`, { a: m[1], b: m[2] });
  }
  return message;
}

/**
 * A failed save: the error's meaning, then each detail with its field named. Nothing when
 * `error` is null.
 */
export function ServerErrorAlert({
  error,
  rowName,
  labels = {},
  action,
}: {
  error: unknown;
  rowName?: (index: number) => string | undefined;
  /** The form's own names for some paths, where they differ from the shared ones. */
  labels?: Record<string, string>;
  action?: ReactNode;
}) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  const code = isApiError(error) ? error.code : 'INTERNAL';
  const details = isApiError(error) ? error.details : [];
  const message = isApiError(error) && error.code === 'CONFLICT' ? error.message : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t(`errors.${code}`)}
      action={action}
      description={
        details.length || message ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="server-problems">
            {message && !details.length ? <li>{detailText(t, message)}</li> : null}
            {details.map((d, i) => (
              <li key={i}>
                {labels[d.path.replace(/^body\./, '')] ?? fieldLabel(t, d.path, rowName)}：
                {detailText(t, d.message)}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
