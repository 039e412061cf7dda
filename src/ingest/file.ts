import { open } from 'node:fs/promises';
import { AppError } from '../errors.js';
import { readReport } from './read-report.js';
import { MAX_REPORT_BYTES } from './limits.js';
import type { ReadReport } from './types.js';

const CHUNK = 1024 * 1024;

/** Turns a file-system error into an AppError saying what is wrong with the path. */
function fileError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const details = [{ path, message: '' }];
  const fail = (c: 'NOT_FOUND' | 'BAD_INPUT', message: string) =>
    new AppError(c, message, [{ ...details[0]!, message }]);
  switch (code) {
    case 'ENOENT':
      return fail('NOT_FOUND', '文件不存在');
    case 'EISDIR':
      return fail('BAD_INPUT', '是文件夹，不是文件');
    case 'EACCES':
    case 'EPERM':
      return fail('BAD_INPUT', '没有读取权限');
    case 'ENOTDIR':
      return fail('NOT_FOUND', '文件不存在（路径中有一段不是文件夹）');
    case 'ELOOP':
      return fail('BAD_INPUT', '符号链接层数过多');
    default:
      return error;
  }
}

/**
 * Reads at most `limit` bytes of a file; throws TOO_LARGE as soon as it holds more, without
 * reading the rest (so /dev/zero or a huge file cannot exhaust memory).
 */
export async function readBounded(path: string, limit = MAX_REPORT_BYTES): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error(path), { code: 'EISDIR' });
    if (stat.isFile() && stat.size > limit) throw tooLarge(stat.size, limit);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const buffer = new Uint8Array(Math.min(CHUNK, limit + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) throw tooLarge(undefined, limit);
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof AppError)
      throw new AppError(error.code, error.message, [{ path, message: error.message }]);
    throw fileError(error, path);
  } finally {
    await handle?.close();
  }
}

function tooLarge(size: number | undefined, limit: number): AppError {
  const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
  return new AppError(
    'TOO_LARGE',
    size === undefined ? `文件超过上限${mb(limit)}` : `文件大小${mb(size)}，超过上限${mb(limit)}`,
  );
}

/**
 * Reads a report file from disk (`readBounded`, then `readReport`). Throws NOT_FOUND for a
 * missing path, BAD_INPUT for a directory or an unreadable file, and every error of
 * `readReport`; each error's details name the path.
 */
export async function readReportFile(path: string): Promise<ReadReport> {
  return readReport(await readBounded(path), path);
}
