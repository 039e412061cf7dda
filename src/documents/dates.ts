/**
 * Deadlines as offices write them in a 完成时限 column, read into ISO dates.
 */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function valid(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > lastDayOfMonth(year, month)) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Parses a deadline: `2022-12-31`, `2022/6/30`, `2022.6.30`, `2022年6月30日`, `2022年6月底`
 * / `2022年6月` (end of month), `2022年底` / `2022年` (31 December), `2022年上半年` (30 June).
 * Returns the ISO date, or undefined when the text is not one of these or not a real day.
 *
 * @example parseDeadline('2022年6月底') // '2022-06-30'
 */
export function parseDeadline(text: string): string | undefined {
  const t = text.trim().replace(/\s+/g, '');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/.exec(t);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})年(\d{1,2})月(?:底|末|份)?$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? valid(y, mo, lastDayOfMonth(y, mo)) : undefined;
  }
  m = /^(\d{4})年(?:底|末|年底|全年)?$/.exec(t);
  if (m) return valid(Number(m[1]), 12, 31);
  m = /^(\d{4})年上半年$/.exec(t);
  if (m) return valid(Number(m[1]), 6, 30);
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? valid(y, mo, lastDayOfMonth(y, mo)) : undefined;
  }
  return undefined;
}

/** Days from a to b (ISO dates), b − a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
