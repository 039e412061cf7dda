/**
 * Evidence files attached to reports and closing applications: an allow-list of types, a size
 * limit, and the first bytes sniffed against the declared type and the extension, so that a
 * renamed executable never passes as a PDF.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { Role } from './types.js';

/** The longest file name kept, in characters. */
export const MAX_FILE_NAME_LENGTH = 200;

/** Bidi controls and zero-width characters: they change how a name reads, not what it is. */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

/** What the first bytes of a file say it is. */
export type SniffedKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'zip' | 'ole' | 'executable' | 'unknown';

export interface EvidenceType {
  /** Lower-case extension without the dot. */
  ext: string;
  /** MIME types a client may declare for it. */
  mimeTypes: string[];
  /** What the content must sniff as. */
  kind: Exclude<SniffedKind, 'executable' | 'unknown'>;
}

export interface EvidencePolicy {
  maxBytes: number;
  types: EvidenceType[];
}

const ZIP_DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ZIP_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZIP_PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/**
 * 20 MiB; PDF, images (JPEG, PNG, GIF), Office documents (docx/xlsx/pptx and the older
 * doc/xls) and OFD (the Chinese e-document format, a zip). Nothing else.
 */
export const DEFAULT_EVIDENCE_POLICY: Readonly<EvidencePolicy> = Object.freeze({
  maxBytes: 20 * 1024 * 1024,
  types: [
    { ext: 'pdf', mimeTypes: ['application/pdf'], kind: 'pdf' },
    { ext: 'jpg', mimeTypes: ['image/jpeg'], kind: 'jpeg' },
    { ext: 'jpeg', mimeTypes: ['image/jpeg'], kind: 'jpeg' },
    { ext: 'png', mimeTypes: ['image/png'], kind: 'png' },
    { ext: 'gif', mimeTypes: ['image/gif'], kind: 'gif' },
    { ext: 'docx', mimeTypes: [ZIP_DOCX], kind: 'zip' },
    { ext: 'xlsx', mimeTypes: [ZIP_XLSX], kind: 'zip' },
    { ext: 'pptx', mimeTypes: [ZIP_PPTX], kind: 'zip' },
    { ext: 'doc', mimeTypes: ['application/msword'], kind: 'ole' },
    { ext: 'xls', mimeTypes: ['application/vnd.ms-excel'], kind: 'ole' },
    { ext: 'ofd', mimeTypes: ['application/ofd'], kind: 'zip' },
  ],
} satisfies EvidencePolicy);

/** A file as received: its name, declared type, size and (at least) its first 16 bytes. */
export interface EvidenceFile {
  name: string;
  mimeType: string;
  size: number;
  head: Uint8Array;
}

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return bytes.length <= head.length && bytes.every((b, i) => head[i] === b);
}

/**
 * The kind of file its first bytes announce.
 * @example
 * sniffFileKind(new TextEncoder().encode('%PDF-1.7')) // 'pdf'
 */
export function sniffFileKind(head: Uint8Array): SniffedKind {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(head, [0x4d, 0x5a]) || startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return 'executable';
  return 'unknown';
}

/**
 * Every problem with a file under a policy, each with a path under `path` (empty when fine):
 * a name with a path or no allowed extension, an empty or too large file, a declared type
 * that does not match the extension (application/octet-stream counts as undeclared), content
 * that does not sniff as the extension says.
 * @example
 * checkEvidenceFile({ name: 'a.pdf', mimeType: 'application/pdf', size: 10, head }, 'evidence.0') // []
 */
/** What a file's first bytes show it to be, as a clerk names it. */
const KIND_WORDS: Record<SniffedKind, string> = {
  pdf: 'PDF文件',
  png: 'PNG图片',
  jpeg: 'JPG图片',
  gif: 'GIF图片',
  zip: '压缩包或新版Office文档',
  ole: '旧版Office文档',
  executable: '可执行程序',
  unknown: '无法识别的内容',
};

/** Bytes as an office writes a size: "20 MB", "1.5 MB" (in steps of 1024, as the limit is). */
function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

export function checkEvidenceFile(
  file: EvidenceFile,
  path = '',
  policy: EvidencePolicy = DEFAULT_EVIDENCE_POLICY,
): ErrorDetail[] {
  const at = (field: string) => (path === '' ? field : `${path}.${field}`);
  const problems: ErrorDetail[] = [];
  const name = file.name.trim();
  const hasControl = [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  // Bidi and zero-width characters make 「报告\u202Efdp.exe」 read as 报告exe.pdf (issue 12.9).
  if (name === '' || hasControl || INVISIBLE.test(name) || /[\\/]/.test(name)) {
    problems.push({
      path: at('name'),
      message: '文件名不能为空，也不能含路径（/ 或 \\）、控制字符或不可见字符：请改名后重新上传',
    });
  }
  if ([...name].length > MAX_FILE_NAME_LENGTH)
    problems.push({ path: at('name'), message: `文件名不能超过${MAX_FILE_NAME_LENGTH}个字` });
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  const type = policy.types.find((t) => t.ext === ext);
  if (!type) {
    const allowed = policy.types.map((t) => t.ext).join('、');
    problems.push({
      path: at('name'),
      code: 'type',
      message: `“${name}”${ext ? `的类型.${ext}` : '没有扩展名，'}不能作为佐证材料：可上传${allowed}文件`,
    });
  }
  if (!Number.isInteger(file.size) || file.size <= 0)
    problems.push({ path: at('size'), message: `“${name}”是空文件` });
  else if (file.size > policy.maxBytes) {
    problems.push({
      path: at('size'),
      message: `“${name}”大小为${megabytes(file.size)}，超过了${megabytes(policy.maxBytes)}的上限`,
    });
  }
  const declared = file.mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (
    type &&
    declared !== '' &&
    declared !== 'application/octet-stream' &&
    !type.mimeTypes.includes(declared)
  ) {
    problems.push({
      path: at('mimeType'),
      message: `“${name}”的文件类型（${declared}）与扩展名.${type.ext}不符`,
    });
  }
  const kind = sniffFileKind(file.head);
  if (kind === 'executable')
    problems.push({ path: at('content'), message: `“${name}”是可执行程序，不能作为佐证材料` });
  else if (type && kind !== type.kind) {
    problems.push({
      path: at('content'),
      message: `“${name}”的内容不是.${type.ext}文件（实为${KIND_WORDS[kind]}）：请上传原始文件`,
    });
  }
  return problems;
}

/**
 * Throws when a single uploaded file fails the policy: AppError TOO_LARGE when its only
 * problem is its size, else UNSUPPORTED_FORMAT (BAD_INPUT for a bad name alone), listing every
 * problem.
 * @example
 * assertEvidenceFile({ name: 'setup.exe', mimeType: 'application/pdf', size: 10, head }) // throws
 */
export function assertEvidenceFile(
  file: EvidenceFile,
  policy: EvidencePolicy = DEFAULT_EVIDENCE_POLICY,
): void {
  const problems = checkEvidenceFile(file, '', policy);
  if (problems.length === 0) return;
  if (problems.every((p) => p.path === 'size') && file.size > policy.maxBytes) {
    throw new AppError('TOO_LARGE', problems[0]!.message, problems);
  }
  if (problems.some((p) => p.path === 'content' || p.path === 'mimeType' || p.code === 'type')) {
    throw new AppError('UNSUPPORTED_FORMAT', problems[0]!.message, problems);
  }
  throw new AppError('BAD_INPUT', problems[0]!.message, problems);
}

/** Whose an evidence file is: the unit it was uploaded for (none) and who uploaded it. */
export interface EvidenceOwner {
  unitId: number | null;
  uploadedBy: number | null;
}

/**
 * Whether a user may read an evidence file or cite it in a report or a 销号 application (issue
 * 12.3): the plan office (admin, supervisor) and leaders any file of the plan; a unit's user
 * only its own units' files, and a file uploaded for no unit only when it uploaded it.
 * @example
 * mayUseEvidence({ userId: 5, role: 'reporter', unitIds: [11] }, { unitId: 12, uploadedBy: 2 }) // false
 */
export function mayUseEvidence(
  user: { userId: number; role: Role; unitIds: readonly number[] },
  file: EvidenceOwner,
): boolean {
  if (user.role !== 'reporter') return true;
  if (file.unitId === null) return file.uploadedBy === user.userId;
  return user.unitIds.includes(file.unitId);
}
