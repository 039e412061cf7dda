/**
 * What a version of a knowledge entry changes against the version in use (issue 20): the
 * fields that differ, each with its text before and after, so the centre approves knowing
 * exactly what it approves. Long texts (the answer) are cut to the changed middle with the
 * common start and end kept short.
 */
import type { KnowledgeVersion } from '../api/desk';

export type KnowledgeField =
  | 'question'
  | 'answer'
  | 'category'
  | 'area'
  | 'ownerUnitId'
  | 'source'
  | 'validFrom'
  | 'validTo'
  | 'reviewBy'
  | 'keywords';

export const KNOWLEDGE_FIELDS: readonly KnowledgeField[] = [
  'question',
  'answer',
  'category',
  'area',
  'ownerUnitId',
  'source',
  'validFrom',
  'validTo',
  'reviewBy',
  'keywords',
];

export interface FieldChange {
  field: KnowledgeField;
  before: string;
  after: string;
  /** For texts: the common start and end, and the parts that differ between them. */
  parts?: { head: string; removed: string; added: string; tail: string };
}

/** The version in use an edit is judged against: the last approved before `latest`. */
export function findBaseVersion(versions: readonly KnowledgeVersion[]): KnowledgeVersion | undefined {
  const latest = versions.at(-1);
  if (!latest) return undefined;
  return versions.findLast((v) => v.status === 'approved' && v.version !== latest.version);
}

function valueOf(version: KnowledgeVersion, field: KnowledgeField, unitName: (id: number) => string): string {
  switch (field) {
    case 'keywords':
      return version.keywords.join('、');
    case 'ownerUnitId':
      return unitName(version.ownerUnitId);
    case 'area':
    case 'validTo':
      return version[field] ?? '';
    default:
      return version[field];
  }
}

/** The common start and end of two texts, and what lies between in each. */
export function splitChange(before: string, after: string): NonNullable<FieldChange['parts']> {
  const a = Array.from(before);
  const b = Array.from(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end++;
  return {
    head: a.slice(0, start).join(''),
    removed: a.slice(start, a.length - end).join(''),
    added: b.slice(start, b.length - end).join(''),
    tail: a.slice(a.length - end).join(''),
  };
}

/**
 * The fields `next` changes against `base`; every filled field when there is no base.
 * @example
 * diffKnowledgeVersions(v1, v2, name).map((c) => c.field) // ['answer', 'reviewBy']
 */
export function diffKnowledgeVersions(
  base: KnowledgeVersion | undefined,
  next: KnowledgeVersion,
  unitName: (id: number) => string,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of KNOWLEDGE_FIELDS) {
    const after = valueOf(next, field, unitName);
    const before = base ? valueOf(base, field, unitName) : '';
    if (before === after) continue;
    const textual = field === 'question' || field === 'answer' || field === 'source';
    changes.push({ field, before, after, ...(textual && base ? { parts: splitChange(before, after) } : {}) });
  }
  return changes;
}
