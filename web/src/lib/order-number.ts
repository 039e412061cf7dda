/**
 * 工单号 as a hotline writes it: the day the call came in (Beijing time) and the order's
 * sequence, "20220315000123" — never a bare "1". Orders without a date (a list of ids) show
 * the sequence alone, zero-padded the same way.
 */
const SEQUENCE_DIGITS = 6;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * @example formatOrderNumber(123, '2022-03-14T17:30:00.000Z') // '20220315000123'
 */
export function formatOrderNumber(id: number, receivedAt?: string | null): string {
  const sequence = String(id).padStart(SEQUENCE_DIGITS, '0');
  if (!receivedAt) return sequence;
  const ms = Date.parse(receivedAt);
  if (Number.isNaN(ms)) return sequence;
  const day = new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
  return `${day}${sequence}`;
}
