/**
 * What the tests of other work (issue 18) set up alike: a 提案 registered by the office, and an
 * answer letter stored in its ledger as the letters route stores one.
 */
import { expect } from 'vitest';
import type { WorkItem } from '../../contract/index.js';
import type { EvidenceFileInfo } from '../../store/types.js';
import { json } from './test-app.js';
import type { TestApp } from './test-app.js';

/** Registers a 政协委员提案 as the supervisor, numbered and titled as given. */
export async function registerTestProposal(
  t: TestApp,
  fields: { number: string; title: string; author: { name: string; group: string } },
): Promise<WorkItem> {
  const created = await t.request('supervisor', {
    method: 'POST',
    url: '/api/v1/work/proposals',
    payload: {
      kind: 'proposal',
      number: fields.number,
      session: '政协第九届三次会议',
      title: fields.title,
      authors: [fields.author],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  return json<WorkItem>(created);
}

/** An answer letter (.docx) of the 主办 unit, stored inside a transaction (it advances the ledger plan). */
export function storeTestLetter(
  t: TestApp,
  item: WorkItem,
  unitId: number,
  userId: number,
  at: string,
): Promise<EvidenceFileInfo> {
  return t.store.transaction(async (tx) => {
    await tx.plans.touch(item.planId);
    return tx.tracking.insertEvidence({
      planId: item.planId,
      unitId,
      name: '答复函.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: new Uint8Array([80, 75, 3, 4]),
      uploadedBy: userId,
      uploadedAt: at,
    });
  });
}
