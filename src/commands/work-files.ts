/**
 * The files of the other sources of work (issue 18): the scan of a 领导批示件, uploaded as the
 * office registers it, and a 建议/提案's answer letter (答复函, .docx), uploaded by the unit that
 * answers. Both are stored as evidence files of the ledger plan that carries the item (so they
 * are kept, hashed and counted as every other evidence), each checked against its own short
 * list of types: name, declared type, size and first bytes (src/plan/evidence.ts).
 */
import { AppError } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import { assertEvidenceFile, DEFAULT_EVIDENCE_POLICY } from '../plan/evidence.js';
import type { EvidencePolicy } from '../plan/evidence.js';
import type { SourceRecord } from '../sources/types.js';
import type { EvidenceFileInfo, Store, WorkItem } from '../store/types.js';
import { evidenceFileOf } from './reports.js';
import { ensureLedger, ledgerYear, registeringFor } from './work.js';

const typesOf = (exts: readonly string[]) =>
  DEFAULT_EVIDENCE_POLICY.types.filter((t) => exts.includes(t.ext));

/** A scan: a PDF, or a photo of the page (JPEG, PNG); 20 MiB at most. */
export const SCAN_POLICY: Readonly<EvidencePolicy> = Object.freeze({
  maxBytes: DEFAULT_EVIDENCE_POLICY.maxBytes,
  types: typesOf(['pdf', 'jpg', 'jpeg', 'png']),
});

/** An answer letter: a Word document (.docx); 20 MiB at most. */
export const LETTER_POLICY: Readonly<EvidencePolicy> = Object.freeze({
  maxBytes: DEFAULT_EVIDENCE_POLICY.maxBytes,
  types: typesOf(['docx']),
});

export interface UploadedWorkFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

/**
 * Stores the scan of a 批示件 about to be registered, in this year's ledger of the
 * jurisdiction it is registered for (the actor's own unless given; made on first use): the id to send as `scanFileId`. TOO_LARGE,
 * UNSUPPORTED_FORMAT or BAD_INPUT naming each problem; nothing stored then.
 */
export async function uploadInstructionScan(
  store: Store,
  file: UploadedWorkFile,
  actor: Actor,
  now: string,
  jurisdictionId?: number,
): Promise<EvidenceFileInfo> {
  assertEvidenceFile(evidenceFileOf(file), SCAN_POLICY);
  return store.transaction(async (tx) => {
    const where = await registeringFor(tx, actor, jurisdictionId);
    const planId = await ensureLedger(tx, where, ledgerYear(now), now);
    const info = await tx.tracking.insertEvidence({
      planId,
      unitId: null,
      name: file.name,
      mimeType: file.mimeType,
      bytes: file.bytes,
      uploadedBy: actor.userId,
      uploadedAt: now,
    });
    await tx.plans.touch(planId);
    return info;
  });
}

/**
 * Stores the answer letter of a 建议/提案 in its ledger, for its 主办 unit: the id to send as
 * `letterFileId` with the answer. Only while the item is with a unit (assigned).
 */
export async function uploadAnswerLetter(
  store: Store,
  itemId: number,
  file: UploadedWorkFile,
  actor: Actor,
  now: string,
): Promise<EvidenceFileInfo> {
  assertEvidenceFile(evidenceFileOf(file), LETTER_POLICY);
  return store.transaction(async (tx) => {
    const item = await tx.work.getItem(itemId, ['suggestion', 'proposal']);
    if (item.state !== 'assigned') {
      throw new AppError('CONFLICT', `建议/提案 ${itemId} is not being answered now (it is ${item.state})`, [
        { path: 'state', message: 'an answer letter is uploaded while the item is assigned' },
      ]);
    }
    const info = await tx.tracking.insertEvidence({
      planId: item.planId,
      unitId: item.leadUnitId,
      name: file.name,
      mimeType: file.mimeType,
      bytes: file.bytes,
      uploadedBy: actor.userId,
      uploadedAt: now,
    });
    await tx.plans.touch(item.planId);
    return info;
  });
}

/** The ids of the files an item holds: its scan, its answer letters. */
export function filesOf(item: SourceRecord): number[] {
  if (item.source === 'instruction') return item.scanFileId === null ? [] : [item.scanFileId];
  if (item.source === 'suggestion' || item.source === 'proposal') return item.letters.map((l) => l.fileId);
  return [];
}

/** One file of an item, with its bytes; NOT_FOUND when the item holds no such file. */
export async function readWorkFile(
  store: Store,
  item: WorkItem,
  fileId: number,
): Promise<EvidenceFileInfo & { bytes: Uint8Array }> {
  if (!filesOf(item).includes(fileId)) {
    throw new AppError('NOT_FOUND', `item of work ${item.id} holds no file ${fileId}`);
  }
  return store.tracking.getEvidence(item.planId, fileId);
}
