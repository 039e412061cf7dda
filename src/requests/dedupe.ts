/**
 * The duplicate check of intake: a short stable key of what was submitted, and the refusal of
 * the same key twice within a second (one request sent twice).
 */
import { AppError } from '../errors.js';
import type { OrderIntake } from './types.js';

/** Two submissions with the same dedupe key this close are one request sent twice. */
export const DUPLICATE_WINDOW_MS = 1000;

/**
 * A short stable key of what was submitted: source, phone, place and text with spaces removed
 * (FNV-1a, hex). Two submissions with the same key within DUPLICATE_WINDOW_MS are one request.
 * @example
 * deriveDedupeKey({ source: 'web', text: '路灯不亮', category: '道路', location: { address: 'x', area: '城北街道' } })
 */
export function deriveDedupeKey(intake: OrderIntake): string {
  const text = [
    intake.source,
    intake.contact?.phone ?? '',
    intake.location.area,
    intake.location.address,
    intake.text.replace(/\s+/g, ''),
  ].join('\u0001');
  let hash = 0x811c9dc5;
  let hash2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    hash = Math.imul(hash ^ c, 0x01000193) >>> 0;
    hash2 = Math.imul(hash2 ^ c, 0x5bd1e995) >>> 0;
  }
  return hash.toString(16).padStart(8, '0') + hash2.toString(16).padStart(8, '0');
}

/** A recent submission the store remembers for the duplicate check. */
export interface RecentSubmission {
  orderId: number;
  dedupeKey: string;
  receivedAt: string;
}

/**
 * Throws CONFLICT when the same key was received within DUPLICATE_WINDOW_MS before `now`.
 * @example
 * assertNotDuplicate('ab', [{ orderId: 1, dedupeKey: 'ab', receivedAt: '2025-01-01T00:00:00.000Z' }], '2025-01-01T00:00:00.500Z') // throws
 */
export function assertNotDuplicate(key: string, recent: readonly RecentSubmission[], now: string): void {
  const t = Date.parse(now);
  for (const r of recent) {
    const dt = t - Date.parse(r.receivedAt);
    if (r.dedupeKey === key && dt >= 0 && dt < DUPLICATE_WINDOW_MS) {
      throw new AppError('CONFLICT', `重复提交：与工单 ${r.orderId} 相同，间隔不足1秒`, [
        { path: 'dedupeKey', message: `duplicate of order ${r.orderId}` },
      ]);
    }
  }
}
