/**
 * The limits on what anyone may send without signing in (issue 12.5), applied: intakes per
 * client address and per contact phone, uploads per address, and the quota of the public's
 * uploads no request took yet (per address, and altogether from the store). The numbers and the
 * quota rule are the domain's (src/requests/intake-limits.ts); this keeps the counts in the
 * database (store.limits), by the server's clock, so every server process on one database
 * counts the same hits. The scheduled purge of unclaimed uploads and old counts is in app.ts.
 */
import { AppError } from '../errors.js';
import { ANONYMOUS_LIMITS, assertUnclaimedQuota, canonicalPhone } from '../requests/index.js';
import type { AnonymousLimits } from '../requests/index.js';
import type { Store } from '../store/types.js';

const DAY_MS = 24 * 3600 * 1000;

const refuse = (message: string, path: string): never => {
  throw new AppError('RATE_LIMITED', message, [{ path, message: 'limit reached' }]);
};

/** The buckets of store.limits these limits count in. */
export const ANONYMOUS_BUCKETS = {
  intakePerAddress: 'intake-address',
  intakePerPhone: 'intake-phone',
  uploadsPerAddress: 'upload-address',
  unclaimed: 'unclaimed-address',
} as const;

export interface AnonymousGuard {
  /** Before an anonymous intake: RATE_LIMITED when the address or the phone used its room. */
  intake(address: string, phone: string | undefined): Promise<void>;
  /** Before an anonymous upload of `bytes`: RATE_LIMITED past the upload rate or a quota. */
  upload(address: string, bytes: number): Promise<void>;
  /** After an anonymous intake took the address's uploads: they no longer count as unclaimed. */
  claimed(address: string): Promise<void>;
  /**
   * Deletes each bucket's counts older than its window: these limits' and `others` (bucket →
   * window, the sign-ins'); a bucket named nowhere keeps a day. The rows deleted.
   */
  sweep(others?: Record<string, number>): Promise<number>;
}

/**
 * The guard of one server, counting in `store` by `now`.
 * @example const guard = createAnonymousGuard(store, () => new Date()); await guard.intake('203.0.113.7', '138…');
 */
export function createAnonymousGuard(
  store: Store,
  now: () => Date,
  limits: AnonymousLimits = ANONYMOUS_LIMITS,
): AnonymousGuard {
  const b = ANONYMOUS_BUCKETS;
  const minutes = (ms: number) => Math.max(1, Math.round(ms / 60_000));
  return {
    async intake(address, phone) {
      const at = now().getTime();
      if (!(await store.limits.take(b.intakePerAddress, address, at, limits.intakePerAddress)).taken)
        refuse(
          `本机提交诉求过于频繁：每 ${minutes(limits.intakePerAddress.windowMs)} 分钟最多 ${limits.intakePerAddress.max} 件，请稍后再试`,
          'body',
        );
      const key = phone === undefined ? undefined : canonicalPhone(phone);
      if (
        key !== undefined &&
        !(await store.limits.take(b.intakePerPhone, key, at, limits.intakePerPhone)).taken
      )
        refuse(
          `该联系电话今日已提交 ${limits.intakePerPhone.max} 件诉求，如需补充请拨打 12345 热线`,
          'body.contact.phone',
        );
    },
    async upload(address, bytes) {
      const at = now().getTime();
      if (!(await store.limits.take(b.uploadsPerAddress, address, at, limits.uploadsPerAddress)).taken)
        refuse(
          `本机上传附件过于频繁：每分钟最多 ${limits.uploadsPerAddress.max} 个，请稍后再试`,
          'body.file',
        );
      const mine = await store.limits.count(b.unclaimed, address, at - limits.unclaimedTtlMs + 1);
      assertUnclaimedQuota(
        {
          addressFiles: mine.hits,
          addressBytes: mine.weight,
          totalBytes: await store.media.unclaimedPublicBytes(),
        },
        bytes,
        limits,
      );
      await store.limits.hit(b.unclaimed, address, at, bytes);
    },
    async claimed(address) {
      await store.limits.clear(b.unclaimed, address);
    },
    async sweep(others = {}) {
      const at = now().getTime();
      const windows: Record<string, number> = {
        [b.intakePerAddress]: limits.intakePerAddress.windowMs,
        [b.intakePerPhone]: limits.intakePerPhone.windowMs,
        [b.uploadsPerAddress]: limits.uploadsPerAddress.windowMs,
        [b.unclaimed]: limits.unclaimedTtlMs,
        ...others,
      };
      let deleted = 0;
      for (const [bucket, windowMs] of Object.entries(windows))
        deleted += await store.limits.prune(at - windowMs, bucket);
      const longest = Math.max(DAY_MS, ...Object.values(windows));
      return deleted + (await store.limits.prune(at - longest));
    },
  };
}
