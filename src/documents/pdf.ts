/**
 * Office documents as PDF (issues 14 and 19): the .docx Luoshi writes (督办通知单, stocktake pack,
 * year-end review), converted by LibreOffice headless, so the PDF is the same document page for
 * page (docs/DECISIONS.md 52). The government fonts the .docx names (仿宋_GB2312, 黑体,
 * 方正小标宋简体…) are not free; a fontconfig file of our own maps them to Noto CJK SC
 * (Debian's fonts-noto-cjk), so Chinese is never drawn in a Japanese variant or as empty boxes.
 *
 * Answers UNAVAILABLE, never a crash, when the server has no LibreOffice or no Chinese font,
 * when a conversion takes longer than its time limit (the process group is killed), or when
 * too many wait. Each conversion runs with a private profile in a scratch folder, removed after.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.js';

export interface PdfConverter {
  /** .docx bytes → .pdf bytes; UNAVAILABLE when it cannot be made here and now. */
  docxToPdf(docx: Uint8Array): Promise<Buffer>;
}

export interface LibreOfficeOptions {
  /** The program: a path, or a name looked up on PATH. Default soffice, else libreoffice. */
  command?: string;
  /** Longest one conversion may take (default 60 s); the process is killed after it. */
  timeoutMs?: number;
  /** Conversions at once (default 2: each LibreOffice takes ~150 MB), and most waiting (16). */
  parallel?: number;
  maxWaiting?: number;
  /** Checks a Chinese font is installed (default: `fc-list :lang=zh`); false when none. */
  hasChineseFont?: () => Promise<boolean>;
}

/** The government fonts a .docx names, and the free face each is printed in. */
const FONT_MAP: Record<string, string> = {
  方正小标宋简体: 'Noto Serif CJK SC',
  仿宋_GB2312: 'Noto Serif CJK SC',
  仿宋: 'Noto Serif CJK SC',
  FangSong: 'Noto Serif CJK SC',
  楷体_GB2312: 'Noto Serif CJK SC',
  楷体: 'Noto Serif CJK SC',
  KaiTi: 'Noto Serif CJK SC',
  宋体: 'Noto Serif CJK SC',
  SimSun: 'Noto Serif CJK SC',
  黑体: 'Noto Sans CJK SC',
  SimHei: 'Noto Sans CJK SC',
  微软雅黑: 'Noto Sans CJK SC',
};

/** A fontconfig file: the system's, plus the map above (a missing font takes its free face). */
export function fontconfigFile(): string {
  const aliases = Object.entries(FONT_MAP).map(
    ([family, face]) =>
      `  <alias binding="strong"><family>${family}</family><prefer><family>${face}</family></prefer></alias>`,
  );
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    ...aliases,
    '</fontconfig>',
    '',
  ].join('\n');
}

function findProgram(command: string | undefined): string | undefined {
  if (command?.includes('/')) return existsSync(command) ? command : undefined;
  for (const name of command ? [command] : ['soffice', 'libreoffice']) {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
      const bin = path.join(dir, name);
      if (dir && existsSync(bin)) return bin;
    }
  }
  return undefined;
}

/** True unless fontconfig answers that no font covers Chinese (no fc-list: cannot tell, true). */
function fcListHasChinese(): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('fc-list', [':lang=zh', 'family'], { timeout: 10_000 }, (error, stdout) =>
      resolve(error ? true : stdout.trim().length > 0),
    );
  });
}

const unavailable = (message: string) =>
  new AppError('UNAVAILABLE', message, [{ path: 'format', message: 'the .docx can be downloaded instead' }]);

export function createLibreOfficeConverter(options: LibreOfficeOptions = {}): PdfConverter {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const parallel = Math.max(1, options.parallel ?? 2);
  const maxWaiting = options.maxWaiting ?? 16;
  let fontCheck: Promise<boolean> | undefined;
  let running = 0;
  const waiting: (() => void)[] = [];

  const acquire = async () => {
    if (running < parallel) {
      running++;
      return;
    }
    if (waiting.length >= maxWaiting) {
      throw unavailable(`too many PDFs are being made (${maxWaiting} waiting): try again shortly`);
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  return {
    async docxToPdf(docx) {
      const bin = findProgram(options.command);
      if (!bin) {
        throw unavailable(
          'PDF is not available on this server: LibreOffice (soffice) is not installed ' +
            '(apt-get install libreoffice-writer fonts-noto-cjk)',
        );
      }
      fontCheck ??= (options.hasChineseFont ?? fcListHasChinese)();
      if (!(await fontCheck)) {
        fontCheck = undefined; // ask again next time: a font may be installed meanwhile
        throw unavailable(
          'PDF is not available on this server: no Chinese font (apt-get install fonts-noto-cjk)',
        );
      }
      await acquire();
      try {
        return await convertOnce(bin, docx, timeoutMs);
      } finally {
        release();
      }
    },
  };
}

async function convertOnce(bin: string, docx: Uint8Array, timeoutMs: number): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'luoshi-pdf-'));
  try {
    await mkdir(path.join(dir, 'out'));
    const input = path.join(dir, 'document.docx');
    await writeFile(input, docx);
    await writeFile(path.join(dir, 'fonts.conf'), fontconfigFile());
    const args = [
      '--headless',
      '--norestore',
      '--nologo',
      '--nolockcheck',
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--convert-to',
      'pdf:writer_pdf_Export',
      '--outdir',
      path.join(dir, 'out'),
      input,
    ];
    const env = { ...process.env, FONTCONFIG_FILE: path.join(dir, 'fonts.conf'), HOME: dir };
    const outcome = await run(bin, args, env, timeoutMs);
    if (outcome.timedOut) {
      throw unavailable(
        `the PDF was not made within ${Math.round(timeoutMs / 1000)} s: try again, or download the .docx`,
      );
    }
    try {
      return await readFile(path.join(dir, 'out', 'document.pdf'));
    } catch {
      throw unavailable(
        `LibreOffice did not make the PDF (exit ${outcome.code ?? outcome.signal}): ${outcome.output.trim().slice(0, 300)}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
}

/** Runs the program in its own process group, killed whole (soffice.bin with it) on time-out. */
function run(bin: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true });
    let output = '';
    let timedOut = false;
    const keep = (d: Buffer) => {
      if (output.length < 4000) output += d.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const kill = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL'); // the group is gone already
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, output: error.message, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, timedOut });
    });
  });
}
