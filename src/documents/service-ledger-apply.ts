/**
 * What an imported 服务包台账 changes (issue 17): enterprises not known yet (by their checked
 * credit code), a 服务包 for each holder without one for the year, new commitments (opened on
 * the import day, in the state the office's ledger records, dated that day), and the assignment
 * of known ones (content, kind, unit, 服务管家, deadline). A known commitment's state is changed
 * in Luoshi, by who does it (the unit delivers, the 服务管家 confirms), never by a ledger: a
 * different 状态 is refused at its cell. All or nothing.
 */
import type { ErrorDetail } from '../errors.js';
import { AppError } from '../errors.js';
import type { WorkCalendar } from '../requests/calendar.js';
import { reassignCommitment } from '../projects/commitment-assign.js';
import type { CommitmentAssignment } from '../projects/commitment-assign.js';
import { openCommitment } from '../projects/service.js';
import type { Commitment, CommitmentLink, ServicePackage } from '../projects/types.js';
import type { LedgerHolder, ServiceLedgerImport } from './service-ledger-import.js';
import { COMMITMENT_STATE_LABELS } from './service-ledger.js';

/** A holder of the ledger: known by id, or new (an enterprise to create first). */
export type HolderRef = { kind: 'enterprise' | 'talent'; id: number } | { kind: 'new'; key: string };

export interface ServiceLedgerChanges {
  enterprises: { key: string; name: string; creditCode: string }[];
  packages: { key: string; holder: HolderRef; butler: string }[];
  /** New commitments of the package `key` (its own or one to create), as opened and recorded. */
  creates: { at: string; key: string; commitment: Omit<Commitment, 'id' | 'packageId'> }[];
  updates: { at: string; id: number; commitment: Commitment; fields: string[] }[];
  unchanged: number;
}

function holderRef(holder: LedgerHolder, key: string): HolderRef {
  if (holder.kind === 'talent') return { kind: 'talent', id: holder.talentId };
  return holder.enterpriseId === null
    ? { kind: 'new', key }
    : { kind: 'enterprise', id: holder.enterpriseId };
}

/**
 * The changes of an imported ledger against the year's packages and the known commitments, as
 * of `today` on `calendar`. Throws BAD_INPUT naming each cell whose 状态 differs from a known
 * commitment's, or whose commitment belongs to another holder.
 */
export function deriveServiceLedgerChanges(
  ledger: ServiceLedgerImport,
  existing: { packages: readonly ServicePackage[]; commitments: ReadonlyMap<number, Commitment> },
  today: string,
  calendar: WorkCalendar,
): ServiceLedgerChanges {
  const problems: ErrorDetail[] = [];
  const out: ServiceLedgerChanges = { enterprises: [], packages: [], creates: [], updates: [], unchanged: 0 };
  const ofYear = existing.packages.filter((p) => p.year === ledger.year);
  for (const group of ledger.packages) {
    const ref = holderRef(group.holder, group.key);
    if (ref.kind === 'new' && group.holder.kind === 'enterprise')
      out.enterprises.push({ key: group.key, name: group.holder.name, creditCode: group.holder.creditCode });
    const pkg =
      ref.kind === 'new'
        ? undefined
        : ofYear.find((p) => p.holder.kind === ref.kind && p.holder.id === ref.id);
    const first = ledger.rows[group.rows[0]!]!;
    if (!pkg) out.packages.push({ key: group.key, holder: ref, butler: first.butler });
    for (const index of group.rows) {
      const row = ledger.rows[index]!;
      const links: CommitmentLink[] = row.projectIds.map((projectId) => ({ kind: 'project', projectId }));
      const due = row.workingDays !== null ? { workingDays: row.workingDays } : { dueOn: row.dueOn! };
      const current = row.id === null ? undefined : existing.commitments.get(row.id);
      if (!current) {
        const opened = openCommitment(
          0,
          {
            packageId: 0,
            kind: row.kind ?? 'problem',
            title: row.title,
            responsibleUnitId: row.responsibleUnitId,
            butler: row.butler,
            openedOn: today,
            links,
            ...due,
          },
          calendar,
        );
        const { id: _id, packageId: _p, ...fresh } = opened;
        const done = row.state === 'delivered' || row.state === 'confirmed';
        out.creates.push({
          at: row.at,
          key: group.key,
          commitment: {
            ...fresh,
            state: row.state,
            evidence: done ? ['服务包台账导入'] : [],
            deliveredOn: done ? today : null,
            confirmedOn: row.state === 'confirmed' ? today : null,
            satisfaction: row.satisfaction,
          },
        });
        continue;
      }
      if (pkg === undefined || current.packageId !== pkg.id) {
        problems.push({ path: row.at, message: `事项ID${row.id}属于另一个服务包：请核对` });
        continue;
      }
      if (current.state !== row.state) {
        problems.push({
          path: row.stateCell,
          message: `事项ID${row.id}在系统中的状态是“${COMMITMENT_STATE_LABELS[current.state]}”：办结和确认请在系统中办理，不能通过台账修改`,
        });
        continue;
      }
      const patch: CommitmentAssignment = {};
      if (row.title !== current.title) patch.title = row.title;
      if (row.responsibleUnitId !== current.responsibleUnitId)
        patch.responsibleUnitId = row.responsibleUnitId;
      if (row.butler !== current.butler) patch.butler = row.butler;
      if (row.workingDays !== null && row.workingDays !== current.workingDays)
        patch.workingDays = row.workingDays;
      if (row.dueOn !== null && row.dueOn !== current.dueOn) patch.dueOn = row.dueOn;
      const kind = row.kind ?? current.kind;
      const sameLinks =
        JSON.stringify(links) === JSON.stringify(current.links.filter((l) => l.kind === 'project'));
      const fields = [
        ...Object.keys(patch),
        ...(kind !== current.kind ? ['kind'] : []),
        ...(sameLinks ? [] : ['links']),
      ];
      if (fields.length === 0) {
        out.unchanged += 1;
        continue;
      }
      try {
        const next =
          Object.keys(patch).length > 0
            ? reassignCommitment(current, patch, calendar)
            : { ...current, version: current.version + 1 };
        const others = current.links.filter((l) => l.kind !== 'project');
        out.updates.push({
          at: row.at,
          id: current.id,
          commitment: { ...next, kind, links: [...others, ...links] },
          fields,
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        problems.push({ path: row.at, message: error.message });
      }
    }
  }
  if (problems.length > 0)
    throw new AppError(
      'BAD_INPUT',
      `服务包台账未导入：共${problems.length}处问题，请修改后重新上传`,
      problems,
    );
  return out;
}
