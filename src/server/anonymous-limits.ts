/**
 * The limits on what anyone may send without signing in (issue 12.5), applied: intakes per
 * client address and per contact phone, uploads per address, and the quota of the public's
 * uploads no request took yet (per address, and altogether from the store). The numbers and the
 * quota rule are the domain's (src/requests/intake-limits.ts); this keeps the counts, in
 * memory, by the server's clock. The scheduled purge of unclaimed uploads is in app.ts.
 */
import { AppError } from '../errors.js';
import { ANONYMOUS_LIMITS, assertUnclaimedQuota, canonicalPhone } from '../requests/index.js';
import type { AnonymousLimits, WindowLimit } from '../requests/index.js';
import type { Store } from '../store/types.js';

/** Instants of events per key within a window; keys with nothing left are forgotten. */
class WindowCounter {
  private readonly seen = new Map<string, number[]>();
  constructor(private readonly limit: WindowLimit) {}
  /** True (and counted) when `key` has room at `at`; false when the window is full. */
  take(key: string, at: number): boolean {
    const recent = (this.seen.get(key) ?? []).filter((t) => t > at - this.limit.windowMs);
    if (recent.length >= this.limit.max) {
      this.seen.set(key, recent);
      return false;
    }
    recent.push(at);
    this.seen.set(key, recent);
    return true;
  }
  /** Drops every key whose events all left the window (called now and then). */
  sweep(at: number): void {
    for (const [key, times] of this.seen)
      if (times.every((t) => t <= at - this.limit.windowMs)) this.seen.delete(key);
  }
}

const refuse = (message: string, path: string): never => {
  throw new AppError('RATE_LIMITED', message, [{ path, message: 'limit reached' }]);
};

export interface AnonymousGuard {
  /** Before an anonymous intake: RATE_LIMITED when the address or the phone used its room. */
  intake(address: string, phone: string | undefined): void;
  /** Before an anonymous upload of `bytes`: RATE_LIMITED past the upload rate or a quota. */
  upload(address: string, bytes: number): Promise<void>;
  /** After an anonymous intake took the address's uploads: they no longer count as unclaimed. */
  claimed(address: string): void;
  /** Forgets counts whose windows passed. */
  sweep(): void;
}

/**
 * The guard of one server, counting by `now`.
 * @example const guard = createAnonymousGuard(store, () => new Date()); guard.intake('203.0.113.7', '138…');
 */
export function createAnonymousGuard(
  store: Store,
  now: () => Date,
  limits: AnonymousLimits = ANONYMOUS_LIMITS,
): AnonymousGuard {
  const perAddress = new WindowCounter(limits.intakePerAddress);
  const perPhone = new WindowCounter(limits.intakePerPhone);
  const uploads = new WindowCounter(limits.uploadsPerAddress);
  /** What each address uploaded within the unclaimed lifetime: counted against its quota. */
  const uploaded = new Map<string, { at: number; bytes: number }[]>();
  const minutes = (ms: number) => Math.max(1, Math.round(ms / 60_000));
  return {
    intake(address, phone) {
      const at = now().getTime();
      if (!perAddress.take(address, at))
        refuse(
          `本机提交诉求过于频繁：每 ${minutes(limits.intakePerAddress.windowMs)} 分钟最多 ${limits.intakePerAddress.max} 件，请稍后再试`,
          'body',
        );
      const key = phone === undefined ? undefined : canonicalPhone(phone);
      if (key !== undefined && !perPhone.take(key, at))
        refuse(
          `该联系电话今日已提交 ${limits.intakePerPhone.max} 件诉求，如需补充请拨打 12345 热线`,
          'body.contact.phone',
        );
    },
    async upload(address, bytes) {
      const at = now().getTime();
      if (!uploads.take(address, at))
        refuse(
          `本机上传附件过于频繁：每分钟最多 ${limits.uploadsPerAddress.max} 个，请稍后再试`,
          'body.file',
        );
      const mine = (uploaded.get(address) ?? []).filter((u) => u.at > at - limits.unclaimedTtlMs);
      assertUnclaimedQuota(
        {
          addressFiles: mine.length,
          addressBytes: mine.reduce((sum, u) => sum + u.bytes, 0),
          totalBytes: await store.media.unclaimedPublicBytes(),
        },
        bytes,
        limits,
      );
      mine.push({ at, bytes });
      uploaded.set(address, mine);
    },
    claimed(address) {
      uploaded.delete(address);
    },
    sweep() {
      const at = now().getTime();
      perAddress.sweep(at);
      perPhone.sweep(at);
      uploads.sweep(at);
      for (const [address, list] of uploaded)
        if (list.every((u) => u.at <= at - limits.unclaimedTtlMs)) uploaded.delete(address);
    },
  };
}
