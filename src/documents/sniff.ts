/**
 * What an uploaded file really is, from its bytes (the name and MIME type lie): an .xlsx, a
 * .docx, an old .xls/.doc, a PDF, or text (CSV) in some encoding. Used to answer "you sent a
 * Word file / a GBK CSV" instead of a zip parser's stack trace.
 */
import chardet from 'chardet';
import { AppError } from '../errors.js';

export type UploadKind = 'xlsx' | 'docx' | 'pptx' | 'ole' | 'pdf' | 'zip' | 'text' | 'empty' | 'binary';

export interface UploadSniff {
  kind: UploadKind;
  /** For text: the encoding detected ("UTF-8", "GB18030", "UTF-16LE"…). */
  encoding?: string;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * True when the ASCII `needle` occurs in the bytes: zip entry names are stored uncompressed,
 * so a part's name tells the kind of an Office file without opening (or inflating) the zip.
 * A hint for messages only; loadWorkbook checks the inflated parts themselves.
 */
function containsAscii(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle, 0, 'latin1');
}

/**
 * Classifies the bytes of an upload. Never throws.
 *
 * @example sniffUpload(Buffer.from('序号,任务\n', 'utf8')).kind // 'text'
 */
export function sniffUpload(bytes: Uint8Array): UploadSniff {
  if (bytes.byteLength === 0) return { kind: 'empty' };
  if (startsWith(bytes, ZIP_MAGIC)) {
    if (containsAscii(bytes, 'xl/workbook.xml')) return { kind: 'xlsx' };
    if (containsAscii(bytes, 'word/document.xml')) return { kind: 'docx' };
    if (containsAscii(bytes, 'ppt/presentation.xml')) return { kind: 'pptx' };
    return { kind: 'zip' };
  }
  if (startsWith(bytes, OLE_MAGIC)) return { kind: 'ole' };
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return { kind: 'pdf' };
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { kind: 'text', encoding: 'UTF-8' };
  if (startsWith(bytes, [0xff, 0xfe])) return { kind: 'text', encoding: 'UTF-16LE' };
  if (startsWith(bytes, [0xfe, 0xff])) return { kind: 'text', encoding: 'UTF-16BE' };
  const head = bytes.subarray(0, 64 * 1024);
  // Control bytes other than tab/CR/LF mean binary; text in any CJK encoding has none.
  let control = 0;
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  if (control > head.byteLength / 100) return { kind: 'binary' };
  if (isUtf8(head)) return { kind: 'text', encoding: 'UTF-8' };
  const guess = chardet.detect(head);
  return { kind: 'text', encoding: guess ?? 'unknown' };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    // A cut multi-byte sequence at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const KIND_NAMES: Record<UploadKind, string> = {
  xlsx: 'Excel工作簿（.xlsx）',
  docx: 'Word文档（.docx）',
  pptx: 'PowerPoint文件（.pptx）',
  ole: '旧版Office文件（.xls/.doc）',
  pdf: 'PDF文件',
  zip: '压缩包，不是Office文件',
  text: '文本（CSV）文件',
  empty: '空文件',
  binary: '无法识别类型的文件',
};

/**
 * Throws AppError UNSUPPORTED_FORMAT unless the bytes are an .xlsx workbook; the message says
 * what the file is instead ("文本（CSV）文件，编码GB18030", "Word文档（.docx）").
 */
export function assertXlsx(bytes: Uint8Array, fileName = '上传的文件'): void {
  const sniff = sniffUpload(bytes);
  if (sniff.kind === 'xlsx') return;
  const what = KIND_NAMES[sniff.kind] + (sniff.encoding ? `，编码${sniff.encoding}` : '');
  const hint =
    sniff.kind === 'text'
      ? 'CSV文件保留不了台账的格式：请下载.xlsx文件，用Excel或WPS填写后按.xlsx上传。'
      : sniff.kind === 'ole'
        ? '请用Excel或WPS另存为.xlsx后上传。'
        : '请上传从系统下载的.xlsx工作簿。';
  throw new AppError('UNSUPPORTED_FORMAT', `${fileName}是${what}，不是Excel工作簿（.xlsx）。${hint}`, [
    { path: fileName, message: `应为.xlsx工作簿，上传的是${what}` },
  ]);
}
