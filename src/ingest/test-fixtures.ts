/**
 * Report files in every supported format, built at test time from the example report
 * (test/fixtures/reports/2022-beijing-changping.txt). Used by the ingest and cli tests only.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Document, Packer, Paragraph } from 'docx';
import iconv from 'iconv-lite';
import { storeZip } from './zip.js';

/** The example report kept as a test fixture (test/fixtures/reports, sources in SOURCES.md). */
export const EXAMPLE_REPORT_URL = new URL(
  '../../test/fixtures/reports/2022-beijing-changping.txt',
  import.meta.url,
);

/** The example report's text, exactly as stored (UTF-8, no BOM). */
export async function loadExampleReport(): Promise<string> {
  return readFile(EXAMPLE_REPORT_URL, 'utf8');
}

/** The non-blank lines of a text, trimmed: what a .docx or .pdf of it should give back. */
export function listLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Encodes text in any iconv-lite encoding ("gbk", "utf-16le" …), optionally with a BOM. */
export function encode(text: string, encoding: string, bom = false): Uint8Array {
  return new Uint8Array(iconv.encode(text, encoding, { addBOM: bom }));
}

/** A Word .docx with one paragraph per line, made with the `docx` package. */
export async function makeDocx(lines: string[]): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: lines.map((line) => new Paragraph(line)) }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/**
 * Converts a .docx to PDF with LibreOffice (`soffice --headless --convert-to pdf`), in a
 * private profile so parallel runs do not collide. Rejects when soffice is missing: a test
 * that needs it must fail, not skip (scripts/test-all.sh installs libreoffice).
 */
export async function convertDocxToPdf(docx: Uint8Array): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'luoshi-pdf-'));
  try {
    await writeFile(join(dir, 'report.docx'), docx);
    await promisify(execFile)(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        join(dir, 'report.docx'),
      ],
      { timeout: 120_000 },
    );
    return new Uint8Array(await readFile(join(dir, 'report.pdf')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A valid one-page PDF that only draws a rectangle: what a scan without OCR looks like to a reader. */
export function makePdfWithoutText(): Uint8Array {
  const content = '0 0 1 rg 100 100 200 200 re f\n';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

/**
 * An HTML page as saved from a government site, in GBK with `<meta charset=gbk>`: the report's
 * lines as <p> inside an article container, surrounded by navigation, a breadcrumb, scripts,
 * styles, a hidden block, a share bar and a footer; a title in <h1> outside the container.
 */
export function makeGovernmentPage(title: string, lines: string[], charset = 'gbk'): Uint8Array {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const html = `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}">
<title>${escape(title)}_北京市昌平区人民政府网站</title>
<style>.nav { color: red } p { text-indent: 2em }</style>
<script>var menu = ["首页", "政务公开"]; document.write("<p>脚本文字</p>");</script>
</head><body>
<div class="header"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/hd">互动交流</a></div>
<nav><ul><li><a href="/">网站首页</a></li><li><a href="/gk">信息公开</a></li></ul></nav>
<div class="main">
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/gk">政务公开</a> &gt; 政府工作报告</div>
<h1>${escape(title)}</h1>
<div class="info">发布时间：2022-01-10&nbsp;&nbsp;来源：区政府办</div>
<div id="zoom" class="TRS_Editor">
${lines.map((l) => `<p>&nbsp;&nbsp;&nbsp;&nbsp;${escape(l)}</p>`).join('\n')}
<div style="display:none">隐藏的统计代码</div>
</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
</div>
<footer><p>主办：北京市昌平区人民政府办公室 京ICP备05060933号</p></footer>
<script src="/stat.js"></script>
</body></html>`;
  return encode(html, charset);
}

/** A zip archive of the given files, stored uncompressed (enough to test zip sniffing). */
export function makeZip(files: Record<string, string>): Uint8Array {
  return new Uint8Array(
    storeZip(new Map(Object.entries(files).map(([name, text]) => [name, Buffer.from(text, 'utf8')]))),
  );
}
