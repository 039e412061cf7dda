/**
 * Test helpers: render Office files with LibreOffice headless and read the PDF's text with
 * pdfjs-dist, to prove a generated .xlsx/.docx opens in a real office suite and shows the
 * expected Chinese text. LibreOffice is required: when it is missing, this throws (tests fail,
 * never skip).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function assertSofficeInstalled(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      const bin = path.join(dir, name);
      if (dir && existsSync(bin)) return bin;
    }
  }
  throw new Error(
    'LibreOffice is not installed (no `soffice` on PATH): these tests open every generated .xlsx/.docx with ' +
      'it. Install it with `apt-get install -y libreoffice-calc libreoffice-writer` (the CI script does).',
  );
}

/**
 * Converts the given files (name → bytes) to PDF in one LibreOffice run, with a private
 * profile so that parallel runs and a user's own LibreOffice do not interfere. Returns
 * name → PDF bytes; throws when a file did not convert.
 */
export async function convertToPdf(files: Record<string, Uint8Array>): Promise<Record<string, Buffer>> {
  return convertWithLibreOffice(files, 'pdf', 'pdf');
}

/**
 * Converts files with LibreOffice to `filter` (e.g. "pdf", or "xlsx:Calc MS Excel 2007 XML"
 * to re-save a workbook as LibreOffice writes it); returns name → output bytes.
 */
export async function convertWithLibreOffice(
  files: Record<string, Uint8Array>,
  filter: string,
  extension: string,
): Promise<Record<string, Buffer>> {
  const bin = assertSofficeInstalled();
  const dir = await mkdtemp(path.join(tmpdir(), 'luoshi-office-'));
  const inDir = path.join(dir, 'in');
  const outDir = path.join(dir, 'out');
  await mkdir(inDir);
  await mkdir(outDir);
  const inputs: string[] = [];
  // LibreOffice names each PDF after its input's stem: make stems unique (a.docx and a.xlsx).
  const stem = (name: string) => name.replace(/[^\w.-]/g, '_').replace(/\.([^.]+)$/, '__$1');
  for (const [name, bytes] of Object.entries(files)) {
    const file = path.join(inDir, `${stem(name)}${path.extname(name)}`);
    await writeFile(file, bytes);
    inputs.push(file);
  }
  const profile = `file://${path.join(dir, 'profile')}`;
  const args = [
    '--headless',
    '--norestore',
    '--nologo',
    `-env:UserInstallation=${profile}`,
    '--convert-to',
    filter,
    '--outdir',
    outDir,
    ...inputs,
  ];
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', reject);
    child.on('close', (c) => {
      clearTimeout(timer);
      resolve({ code: c, output });
    });
  });
  const pdfs: Record<string, Buffer> = {};
  for (const name of Object.keys(files)) {
    const pdfName = `${stem(name)}.${extension}`;
    try {
      pdfs[name] = await readFile(path.join(outDir, pdfName));
    } catch {
      throw new Error(`LibreOffice did not convert ${name} (exit ${code}): ${output}`);
    }
  }
  return pdfs;
}

export interface PdfPage {
  text: string;
  /** In points (A4 portrait is 595 × 842). */
  width: number;
  height: number;
}

/** The text and size of each page of a PDF, via pdfjs-dist's legacy (Node) build. */
export async function pdfPages(pdf: Uint8Array): Promise<PdfPage[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages: PdfPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    pages.push({
      text: content.items.map((item) => ('str' in item ? item.str : '')).join(''),
      width: Math.round(x1 - x0),
      height: Math.round(y1 - y0),
    });
  }
  await doc.destroy();
  return pages;
}

/** Text with all whitespace removed, for `toContain` checks across line and cell breaks. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The colours (as "#rrggbb") a PDF fills or strokes with, over all its pages. */
export async function pdfColours(pdf: Uint8Array): Promise<Set<string>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const colours = new Set<string>();
  for (let i = 1; i <= doc.numPages; i++) {
    const ops = await (await doc.getPage(i)).getOperatorList();
    ops.fnArray.forEach((fn, k) => {
      if (fn === pdfjs.OPS.setFillRGBColor || fn === pdfjs.OPS.setStrokeRGBColor) {
        const [colour] = ops.argsArray[k] as unknown[];
        if (typeof colour === 'string') colours.add(colour.toLowerCase());
      }
    });
  }
  await doc.destroy();
  return colours;
}
