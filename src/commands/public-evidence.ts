/**
 * Evidence made public with a verdict (issue 19.4): each file the plan office publishes gets a
 * public copy with its metadata stripped (src/documents/public-evidence.ts), made before the
 * verdict's transaction and kept in it; a file whose text holds personal data, or whose type
 * cannot be stripped, refuses the verdict with what was found and where. The public download
 * (commitments.ts) serves only such a copy.
 */
import { makePublicEvidenceCopy } from '../documents/public-evidence.js';
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { Store } from '../store/types.js';
import { describeEvidenceFindings, findEvidencePersonalData } from '../verdicts/index.js';

/** A public copy made, to keep with the verdict. */
export interface PreparedCopy {
  fileId: number;
  bytes: Uint8Array;
  mimeType: string;
}

/**
 * The public copies of the files a verdict publishes, those with a copy already skipped; a file
 * not of the plan is left to the verdict's own check. UNPROCESSABLE naming each file refused
 * (`evidenceIds.N`): personal data found (kind and page, paragraph or cell), a type that cannot
 * be published, a damaged file.
 */
export async function preparePublicCopies(
  store: Store,
  planId: number,
  evidenceIds: readonly number[],
): Promise<PreparedCopy[]> {
  const done = new Set((await store.tracking.listPublicCopies(planId, evidenceIds)).map((c) => c.id));
  const copies: PreparedCopy[] = [];
  const problems: ErrorDetail[] = [];
  for (const [i, fileId] of evidenceIds.entries()) {
    if (done.has(fileId)) continue;
    const file = await store.tracking.getEvidence(planId, fileId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    });
    if (!file) continue;
    const path = `evidenceIds.${i}`;
    try {
      const copy = await makePublicEvidenceCopy(file);
      const findings = findEvidencePersonalData(copy.texts);
      if (findings.length > 0)
        problems.push({ path, message: describeEvidenceFindings(file.name, findings) });
      else copies.push({ fileId, bytes: copy.bytes, mimeType: copy.contentType });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push({ path, message: error.message });
    }
  }
  if (problems.length > 0) {
    const message =
      problems.length === 1
        ? problems[0]!.message
        : `${problems.length}个证据材料不能公开：${problems[0]!.message}等`;
    throw new AppError('UNPROCESSABLE', message, problems);
  }
  return copies;
}
