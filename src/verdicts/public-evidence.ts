/**
 * Evidence made public with a verdict (issue 19.4), the pure rules: which kinds of file may be
 * published (those whose metadata the server knows how to strip), and which personal data in
 * their text stops them — mobile and landline numbers, ID card numbers, e-mail addresses and
 * chat accounts, found by the redaction's own reader (src/requests/redact.ts), so the office
 * is told what was found and where and redacts the file before publishing it.
 */
import { findPersonalData, normalizeForRedaction } from '../requests/redact.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A kind of file that can be published, by the type its upload was checked as. */
export type PublishableKind = 'jpeg' | 'png' | 'pdf' | 'docx' | 'xlsx';

const KINDS: Record<string, PublishableKind> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'application/pdf': 'pdf',
  [DOCX]: 'docx',
  [XLSX]: 'xlsx',
};

/**
 * The publishable kind of an evidence file by its checked content type, or undefined for a
 * type whose metadata cannot be stripped (GIF, .doc, .xls, .pptx, OFD): those stay internal.
 * @example
 * publishableKind('application/pdf') // 'pdf'
 * publishableKind('application/msword') // undefined
 */
export function publishableKind(mimeType: string): PublishableKind | undefined {
  return KINDS[mimeType.toLowerCase()];
}

/** The content types that can be published (the form says so for the others). */
export const PUBLISHABLE_TYPES: readonly string[] = Object.keys(KINDS);

/** What personal data stops a file: the words an office uses for it. */
export type EvidencePersonalKind = 'mobile' | 'landline' | 'idCard' | 'email' | 'account';

export const EVIDENCE_PERSONAL_LABELS: Record<EvidencePersonalKind, string> = {
  mobile: '手机号码',
  landline: '固定电话号码',
  idCard: '身份证号码',
  email: '电子邮箱',
  account: '微信或QQ账号',
};

/** A stretch of text read from a file with where it is ("第2页", "工作表“汇总”B3"). */
export interface TextAt {
  where: string;
  text: string;
}

/** Personal data found in a file: its kind and where. */
export interface EvidenceFinding {
  kind: EvidencePersonalKind;
  where: string;
}

/** A valid birth date in an ID number (yyyymmdd from the 7th digit). */
function hasBirthDate(digits: string): boolean {
  const year = Number(digits.slice(6, 10));
  const month = Number(digits.slice(10, 12));
  const day = Number(digits.slice(12, 14));
  return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/**
 * What a long number is, by its digits: a mobile (11 digits from 13–19, +86 allowed), an ID
 * card number (17 digits and a check digit or X, with a birth date), a landline (0, area code,
 * 7–8 digits); anything else (an amount, a project code) is not personal data here.
 */
function classifyNumber(spelt: string): EvidencePersonalKind | undefined {
  const digits = spelt.replace(/[^\dXx]/g, '').toUpperCase();
  if (/^(?:86)?1[3-9]\d{9}$/.test(digits)) return 'mobile';
  if (/^\d{17}[\dX]$/.test(digits) && hasBirthDate(digits)) return 'idCard';
  if (/^0\d{9,11}$/.test(digits)) return 'landline';
  return undefined;
}

/**
 * The personal data in a file's text, one finding per kind and place, in reading order.
 * @example
 * findEvidencePersonalData([{ where: '第1页', text: '联系电话：13812345678' }])
 * // [{ kind: 'mobile', where: '第1页' }]
 */
export function findEvidencePersonalData(texts: readonly TextAt[]): EvidenceFinding[] {
  const found: EvidenceFinding[] = [];
  const seen = new Set<string>();
  for (const { where, text } of texts) {
    const plain = normalizeForRedaction(text);
    for (const span of findPersonalData(text, { kinds: ['number', 'email', 'account'] })) {
      const kind = span.kind === 'number' ? classifyNumber(plain.slice(span.start, span.end)) : span.kind;
      if (kind === undefined || kind === 'plate' || kind === 'address' || kind === 'name') continue;
      const key = `${kind}@${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ kind, where });
    }
  }
  return found;
}

/**
 * The office's message for a file refused for personal data: which kinds, where, and what to do.
 * @example
 * describeEvidenceFindings('验收报告.pdf', [{ kind: 'mobile', where: '第2页' }])
 * // '“验收报告.pdf”第2页含有手机号码，请遮盖（脱敏）后重新上传再公开'
 */
export function describeEvidenceFindings(name: string, findings: readonly EvidenceFinding[]): string {
  const places = new Map<string, EvidencePersonalKind[]>();
  for (const f of findings) places.set(f.where, [...(places.get(f.where) ?? []), f.kind]);
  const parts = [...places].slice(0, 3).map(([where, kinds]) => {
    const words = [...new Set(kinds)].map((k) => EVIDENCE_PERSONAL_LABELS[k]).join('、');
    return `${where}含有${words}`;
  });
  const more = places.size > 3 ? `等${places.size}处` : '';
  return `“${name}”${parts.join('，')}${more}，请遮盖（脱敏）后重新上传再公开`;
}
