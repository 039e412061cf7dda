import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import {
  ANONYMOUS_LIMITS,
  assertUnclaimedQuota,
  canonicalPhone,
  deriveUnclaimedCutoff,
} from './intake-limits.js';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
  }
  throw new Error('expected an AppError');
}

describe('canonicalPhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['0086 138 1234 5678', '13812345678'],
    ['８６－１３８１２３４５６７８', '13812345678'],
    ['一三八一二三四五六七八', '13812345678'],
    ['138\u200B1234\u200B5678', '13812345678'],
    ['（010）6974 1234', '01069741234'],
    ['6974-1234', '69741234'],
  ])('%s → %s', (phone, key) => {
    expect(canonicalPhone(phone)).toBe(key);
  });

  it('gives nothing for a phone with too few digits to be one', () => {
    expect([canonicalPhone(''), canonicalPhone('电话'), canonicalPhone('1234')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('assertUnclaimedQuota', () => {
  const room = { addressFiles: 0, addressBytes: 0, totalBytes: 0 };

  it('lets a citizen upload the files of one full request', () => {
    let usage = room;
    for (let i = 0; i < 9; i++) {
      assertUnclaimedQuota(usage, 20 * 1024 * 1024);
      usage = {
        ...usage,
        addressFiles: usage.addressFiles + 1,
        addressBytes: usage.addressBytes + 20 * 1024 * 1024,
      };
    }
    expect(usage.addressFiles).toBe(9);
  });

  it('refuses past the files, the bytes of one address, and the total, saying which', () => {
    const files = errorOf(() =>
      assertUnclaimedQuota({ ...room, addressFiles: ANONYMOUS_LIMITS.unclaimedFilesPerAddress }, 1),
    );
    expect([files.code, files.message]).toEqual([
      'RATE_LIMITED',
      '本机已上传 18 个尚未提交的附件（上限 18 个）：未提交诉求的附件在上传 60 分钟后清除，请先提交诉求或稍后再传',
    ]);
    const bytes = errorOf(() =>
      assertUnclaimedQuota({ ...room, addressBytes: ANONYMOUS_LIMITS.unclaimedBytesPerAddress }, 1),
    );
    expect(bytes.message).toMatch(/^本机尚未提交的附件将超过 180 MB/);
    const total = errorOf(() =>
      assertUnclaimedQuota({ ...room, totalBytes: ANONYMOUS_LIMITS.unclaimedBytesTotal - 10 }, 11),
    );
    expect(total.message).toMatch(/^公众上传的待提交附件已达总容量/);
  });
});

describe('deriveUnclaimedCutoff', () => {
  it('is the time-to-live before now', () => {
    expect(deriveUnclaimedCutoff('2024-07-01T02:00:00.000Z')).toBe('2024-07-01T01:00:00.000Z');
  });
});
