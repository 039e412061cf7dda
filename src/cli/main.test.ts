import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { MAX_REPORT_BYTES } from '../ingest/index.js';
import {
  EXAMPLE_REPORT_URL,
  listLines,
  loadExampleReport,
  makeDocx,
  makePdfWithoutText,
} from '../ingest/test-fixtures.js';
import { extractReport } from '../report/index.js';
import type { CliIo } from './command.js';
import { COMMANDS } from './commands/index.js';
import { main } from './main.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs main() in-process, capturing what it writes; `env` stands for the process's environment. */
async function run(
  argv: string[],
  stdin: (Uint8Array | string)[] = [],
  env?: Record<string, string>,
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: (async function* () {
      yield* stdin;
    })(),
  };
  const code = env === undefined ? await main(argv, io) : await main(argv, io, () => parseConfig(env));
  return { code, stdout, stderr };
}

/** The one-line error contract: exactly one line on stderr, nothing on stdout, no stack. */
function expectOneLineError(result: Run, code: number, pattern: RegExp): void {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^luoshi: error: [^\n]+\n$/);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
}

const example = fileURLToPath(EXAMPLE_REPORT_URL);
let report = '';
let dir = '';
beforeAll(async () => {
  report = await loadExampleReport();
  dir = await mkdtemp(join(tmpdir(), 'luoshi-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: Uint8Array | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('main', () => {
  it('prints the extraction of a report as one JSON document', async () => {
    const result = await run(['extract', example]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    const expected = extractReport(report);
    for (const key of ['report', 'outline', 'zones', 'items', 'projects', 'tasks'] as const) {
      expect(json[key]).toEqual(JSON.parse(JSON.stringify(expected[key])));
    }
    expect(Array.isArray(json.warnings)).toBe(true);
  });

  it('prints with --text exactly the text that spans index', async () => {
    const result = await run(['extract', '--text', example]);
    expect(result).toEqual({ code: 0, stdout: report, stderr: '' });
  });

  it('reads a .docx whatever its name, and stdin for "-"', async () => {
    const lines = listLines(report).slice(0, 10);
    const docx = await file('report.txt', await makeDocx(lines));
    expect((await run(['extract', '--text', docx])).stdout).toBe(lines.join('\n'));
    const piped = await run(['extract', '--text', '-'], [new TextEncoder().encode(report.slice(0, 500))]);
    expect(piped).toEqual({ code: 0, stdout: report.slice(0, 500), stderr: '' });
  });

  it('names standard input <stdin> in errors and stops reading it at the size limit', async () => {
    expectOneLineError(await run(['extract', '-'], []), 1, /^luoshi: error: <stdin>: 文件是空的\n$/);
    const mib = new Uint8Array(1 << 20).fill(0x41);
    const endless = Array.from({ length: 21 }, () => mib);
    expectOneLineError(await run(['extract', '-'], endless), 1, /<stdin>: the input is over the 20 MB limit/);
  });

  it('gives an empty extraction with a NOT_A_REPORT warning for text that is not a report', async () => {
    const path = await file('recipe.txt', 'Boil water.\nAdd tea.\n');
    const result = await run(['extract', path]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      items: unknown[];
      outline: unknown[];
      warnings: { code: string }[];
    };
    expect(json.items).toEqual([]);
    expect(json.outline).toEqual([]);
    expect(json.warnings.map((w) => w.code)).toContain('NOT_A_REPORT');
  });

  it('prints help for luoshi --help and luoshi extract --help, listing every command', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const command of COMMANDS) expect(help.stdout).toContain(`  ${command.name}`);
    const extract = await run(['extract', '--help']);
    expect(extract.code).toBe(0);
    expect(extract.stdout).toMatch(/^Usage: luoshi extract \[--text\] FILE/);
    expect((await run(['help', 'extract'])).stdout).toBe(extract.stdout);
  });

  it('prints the help on stderr with exit 2 when no command is given', async () => {
    const result = await run([]);
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toContain('Usage: luoshi COMMAND');
  });

  it('exits 2 with one line for usage errors', async () => {
    expectOneLineError(await run(['frobnicate']), 2, /unknown command 'frobnicate'/);
    expectOneLineError(await run(['extract', '--bogus', example]), 2, /unknown option '--bogus'/);
    expectOneLineError(await run(['extract']), 2, /missing FILE/);
    expectOneLineError(await run(['extract', example, example]), 2, /one FILE/);
    expectOneLineError(await run(['extract', '--text=1', example]), 2, /does not take an argument/);
    expectOneLineError(await run(['--bogus']), 2, /unknown option '--bogus'/);
  });

  it('exits 1 with one line naming the path for each bad input', async () => {
    const docx = await makeDocx(listLines(report));
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.txt'), /missing\.txt: 文件不存在$/m],
      [dir, /: 是文件夹，不是文件$/m],
      [await file('empty.txt', ''), /empty\.txt: 文件是空的$/m],
      [
        await file(
          'random.txt',
          Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256),
        ),
        /random\.txt: 无法识别的文件/,
      ],
      [await file('cut.docx', docx.subarray(0, docx.length >> 1)), /cut\.docx: Word文件已损坏或不完整/],
      [
        await file('scan.pdf', makePdfWithoutText()),
        /scan\.pdf: 这份PDF没有文字层（可能是扫描件）：请上传Word版或文本版$/m,
      ],
    ];
    for (const [path, pattern] of cases) expectOneLineError(await run(['extract', path]), 1, pattern);
    const big = await file('big.txt', '');
    await truncate(big, MAX_REPORT_BYTES + 1);
    expectOneLineError(await run(['extract', big]), 1, /big\.txt: 文件大小.* MB，超过上限/);
  });

  it('names every bad environment variable in one line before a command that uses them', async () => {
    const env = { PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: join(dir, 'never.sqlite') };
    for (const argv of [['serve'], ['migrate'], ['import', example], ['users', 'list']]) {
      expectOneLineError(
        await run(argv, [], env),
        1,
        /^luoshi: error: the environment is not valid: PORT: must be a whole number .*; LOG_LEVEL: must be one of .*, not "loud"\n$/,
      );
    }
    // Nothing was opened or created on the way.
    await expect(readFile(join(dir, 'never.sqlite'))).rejects.toThrow();
    // Reading a report uses no configuration: a bad PORT does not stop it.
    expect((await run(['extract', '--text', example], [], env)).code).toBe(0);
  });

  it('runs as ./bin/luoshi in a real process, with exit codes and no stack traces', async () => {
    const bin = fileURLToPath(new URL('../../bin/luoshi', import.meta.url));
    const ok = await promisify(execFile)(bin, ['extract', '--text', example], { maxBuffer: 1 << 24 });
    expect(ok.stdout).toBe(report);
    const failed = await promisify(execFile)(bin, ['extract', join(dir, 'nope.txt')]).then(
      () => undefined,
      (e: unknown) => e as { code: number; stdout: string; stderr: string },
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/^luoshi: error: .*nope\.txt: 文件不存在\n$/);
    // The real process reads its environment through src/config.ts.
    const env = { ...process.env, PORT: '99999', LOG_LEVEL: 'loud' };
    const misconfigured = await promisify(execFile)(bin, ['migrate', '--db', join(dir, 'm.sqlite')], {
      env,
    }).then(
      () => undefined,
      (e: unknown) => e as { code: number; stdout: string; stderr: string },
    );
    expect(misconfigured?.code).toBe(1);
    expect(misconfigured?.stderr).toMatch(
      /^luoshi: error: the environment is not valid: PORT: must be a whole number from 0 to 65535 .*not "99999"; LOG_LEVEL: .*not "loud"\n$/,
    );
  }, 60_000);
});
