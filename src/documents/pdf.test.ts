/**
 * The PDF of an office document, made by LibreOffice (fails — never skips — without it): a real
 * 督办通知单 comes out as one A4 page in Noto CJK with its page number, and every way it cannot be
 * made (no program, no Chinese font, a hang, a crash, a queue too long) is answered UNAVAILABLE
 * with what is wrong, the hung process group killed.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { writeNoticeDocx } from './notice-docx.js';
import type { NoticeSheet } from './notice-docx.js';
import { createLibreOfficeConverter, fontconfigFile } from './pdf.js';
import { assertSofficeInstalled, pdfPages, squash } from './testing/office.js';

const sheet: NoticeSheet = {
  number: '督办〔2022〕3号',
  issuer: '区政府督查室',
  unitName: '区发展改革委',
  subject: '推进公共服务设施建设，年内建成社区养老服务驿站5个',
  urgency: '红色督办',
  content: '进度滞后，请于10个工作日内报送整改措施',
  issuedOn: '2022年7月8日',
  dueOn: '2022年7月20日',
  state: '已答复',
  answer: '已制定整改方案',
  answeredOn: '2022年7月12日',
  closingNote: null,
};

let scratch = '';
/** A stand-in for soffice: a shell script (run in its own process group like the real one). */
async function fakeProgram(name: string, body: string): Promise<string> {
  const file = path.join(scratch, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(isAppError(error, 'UNAVAILABLE')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected the conversion to fail');
}

/** Running (a killed process whose parent died may stay a zombie until reaped: not running). */
async function alive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'luoshi-pdf-test-'));
});

describe('createLibreOfficeConverter', () => {
  it('prints the 督办通知单 on one A4 page in Noto CJK, with its page number', async () => {
    assertSofficeInstalled();
    const pdf = await createLibreOfficeConverter().docxToPdf(await writeNoticeDocx(sheet));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    expect([pages[0]!.width, pages[0]!.height]).toEqual([595, 842]);
    const text = squash(pages[0]!.text);
    for (const part of [
      '督办通知单',
      '督办〔2022〕3号',
      '区发展改革委',
      sheet.subject,
      '2022年7月20日',
      '—1—',
    ]) {
      expect(text).toContain(part);
    }
    // Every embedded face is Noto CJK (the title and body serif, the labels sans), never the
    // DejaVu fallback that draws Chinese as empty boxes.
    const faces = new Set(
      [...pdf.toString('latin1').matchAll(/\/FontName\/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]),
    );
    expect([...faces].some((f) => f!.startsWith('NotoSerifCJK'))).toBe(true);
    expect([...faces].some((f) => f!.startsWith('NotoSansCJK'))).toBe(true);
  }, 120_000);

  it('maps the government fonts to the simplified-Chinese Noto faces', async () => {
    const conf = path.join(scratch, 'fonts.conf');
    await writeFile(conf, fontconfigFile());
    const match = async (family: string) =>
      (
        await promisify(execFile)('fc-match', ['-f', '%{postscriptname}', family], {
          env: { ...process.env, FONTCONFIG_FILE: conf },
        })
      ).stdout;
    expect(await match('仿宋_GB2312')).toBe('NotoSerifCJKsc-Regular');
    expect(await match('方正小标宋简体')).toBe('NotoSerifCJKsc-Regular');
    expect(await match('黑体')).toBe('NotoSansCJKsc-Regular');
  });

  it('says LibreOffice is missing when the server has none', async () => {
    const converter = createLibreOfficeConverter({ command: path.join(scratch, 'no-such-soffice') });
    expect(await reason(converter.docxToPdf(Buffer.from('x')))).toMatch(
      /LibreOffice \(soffice\) is not installed/,
    );
  });

  it('says the Chinese font is missing rather than print empty boxes', async () => {
    const converter = createLibreOfficeConverter({
      command: await fakeProgram('never-run', 'exit 3'),
      hasChineseFont: async () => false,
    });
    expect(await reason(converter.docxToPdf(Buffer.from('x')))).toMatch(/no Chinese font/);
  });

  it('gives up after its time limit and kills the whole process group', async () => {
    const pids = path.join(scratch, 'pids');
    const hang = await fakeProgram('hang', `sleep 30 &\necho $$ $! > ${pids}\nwait`);
    const converter = createLibreOfficeConverter({
      command: hang,
      timeoutMs: 500,
      hasChineseFont: async () => true,
    });
    const started = Date.now();
    expect(await reason(converter.docxToPdf(Buffer.from('x')))).toMatch(/not made within 1 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const [shell, sleeper] = (await readFile(pids, 'utf8')).trim().split(' ').map(Number);
    expect(await alive(shell!)).toBe(false);
    expect(await alive(sleeper!)).toBe(false); // the child it started (soffice.bin, for the real one) too
  });

  it('answers a conversion that made nothing with what the program said', async () => {
    const crash = await fakeProgram('crash', 'echo "Error: source file could not be loaded" >&2\nexit 1');
    const converter = createLibreOfficeConverter({ command: crash, hasChineseFont: async () => true });
    expect(await reason(converter.docxToPdf(Buffer.from('x')))).toMatch(
      /did not make the PDF \(exit 1\): Error: source file could not be loaded/,
    );
  });

  it('turns away a request when too many wait, and serves the queue in turn', async () => {
    const slow = await fakeProgram('slow', 'sleep 1\nexit 1');
    const converter = createLibreOfficeConverter({
      command: slow,
      parallel: 1,
      maxWaiting: 1,
      hasChineseFont: async () => true,
    });
    const first = reason(converter.docxToPdf(Buffer.from('x')));
    const second = reason(converter.docxToPdf(Buffer.from('x')));
    expect(await reason(converter.docxToPdf(Buffer.from('x')))).toMatch(/too many PDFs are being made/);
    // The two admitted ran (one after the other) to the program's own failure.
    expect(await first).toMatch(/did not make the PDF/);
    expect(await second).toMatch(/did not make the PDF/);
  });
});
