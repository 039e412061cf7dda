import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { readBounded, readReportFile } from './file.js';
import { MAX_REPORT_BYTES } from './limits.js';
import { EXAMPLE_REPORT_URL, loadExampleReport } from './test-fixtures.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'luoshi-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('readBounded', () => {
  it('reads a whole file under the limit', async () => {
    const path = join(dir, 'small.txt');
    await writeFile(path, '一、回顾');
    expect(new TextDecoder().decode(await readBounded(path))).toBe('一、回顾');
  });

  it('throws TOO_LARGE for a file over the limit without reading it', async () => {
    const path = join(dir, 'sparse.txt');
    await writeFile(path, '');
    await truncate(path, MAX_REPORT_BYTES + 1);
    const error = await failure(readBounded(path));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.details[0]?.path).toBe(path);
  });

  it('stops reading an endless device at the limit', async () => {
    expect((await failure(readBounded('/dev/zero', 1000))).code).toBe('TOO_LARGE');
  });

  it('throws NOT_FOUND for a missing path and BAD_INPUT for a directory', async () => {
    const missing = await failure(readBounded(join(dir, 'nope.txt')));
    expect([missing.code, missing.message]).toEqual(['NOT_FOUND', '文件不存在']);
    const directory = await failure(readBounded(dir));
    expect([directory.code, directory.message]).toEqual(['BAD_INPUT', '是文件夹，不是文件']);
  });
});

describe('readReportFile', () => {
  it('reads the example report as UTF-8 text, unchanged', async () => {
    const out = await readReportFile(EXAMPLE_REPORT_URL.pathname);
    expect(out).toEqual({ text: await loadExampleReport(), format: 'txt', encoding: 'utf-8', warnings: [] });
  });
});
