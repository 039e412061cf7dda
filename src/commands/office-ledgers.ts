/**
 * The office ledgers of issue 17 through the commands: the 项目库台账 and the 服务包台账 written
 * from the library, and read back — every row applied in one transaction with its audit event,
 * or, when any cell is wrong, nothing applied and every bad cell named ("项目库台账!F7").
 */
import type { Actor } from '../plan/audit.js';
import { deriveLibraryLedgerChanges } from '../documents/project-library-apply.js';
import { exportProjectLibrary } from '../documents/project-library.js';
import { importProjectLibrary } from '../documents/project-library-import.js';
import { deriveServiceLedgerChanges } from '../documents/service-ledger-apply.js';
import type { HolderRef } from '../documents/service-ledger-apply.js';
import { exportServiceLedger } from '../documents/service-ledger.js';
import { importServiceLedger } from '../documents/service-ledger-import.js';
import { mergeInvestments } from '../projects/index.js';
import type { LibraryProject } from '../projects/index.js';
import { staleVersion } from '../store/rows.js';
import type { Store } from '../store/types.js';
import { changeEvent, metaOf, withId } from './frame.js';
import { loadLibrarySetup, projectSpans } from './library.js';
import { loadWorkCalendar } from './requests-setup.js';
import { beijingDate } from '../requests/calendar.js';

/** What an import did, row counts by outcome. */
export interface LedgerImportResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Packages and enterprises a 服务包台账 created (0 for the library). */
  packagesCreated: number;
  enterprisesCreated: number;
}

/** Every project of the library with its monthly figures. */
async function loadAllProjects(store: Store): Promise<LibraryProject[]> {
  const ids = (await store.library.listNames()).map((p) => p.id);
  const [records, investments] = await Promise.all([
    store.library.listByIds(ids),
    store.library.listInvestments(ids),
  ]);
  return records.map((r) => ({ ...r, investments: investments.get(r.id) ?? [] })).sort((a, b) => a.id - b.id);
}

/** The 项目库台账 of the whole library (出库 projects left out), 年度计划 of `year`, 累计 to `asOf`. */
export async function exportLibraryLedger(
  store: Store,
  options: { title: string; year: number; asOf: string },
): Promise<Buffer> {
  const [setup, projects, units, enterprises] = await Promise.all([
    loadLibrarySetup(store),
    loadAllProjects(store),
    store.units.list([store.library.jurisdictionId]),
    store.services.listAllEnterprises(),
  ]);
  return exportProjectLibrary({
    ...options,
    projects: projects.filter((p) => p.exited === null),
    libraries: setup.libraries,
    model: setup.model,
    units,
    enterprises,
  });
}

/**
 * Reads a 项目库台账 and applies it (deriveLibraryLedgerChanges): new projects created, known ones
 * changed, the month's 累计 difference recorded. BAD_INPUT with every bad cell, and nothing
 * written, when any row is wrong.
 */
export async function importLibraryLedger(
  store: Store,
  bytes: Uint8Array,
  fileName: string,
  actor: Actor,
  now: string,
): Promise<LedgerImportResult> {
  const today = beijingDate(now);
  return store.transaction(async (tx) => {
    const [setup, projects, units, enterprises] = await Promise.all([
      loadLibrarySetup(tx),
      loadAllProjects(tx),
      tx.units.list([tx.library.jurisdictionId]),
      tx.services.listAllEnterprises(),
    ]);
    const ledger = await importProjectLibrary(
      bytes,
      {
        libraries: setup.libraries,
        model: setup.model,
        units,
        enterprises,
        projectIds: projects.map((p) => p.id),
        year: Number(today.slice(0, 4)),
      },
      fileName,
    );
    const byId = new Map(projects.map((p) => [p.id, p]));
    const changes = deriveLibraryLedgerChanges(ledger.rows, byId, setup.model, setup.libraries, today);
    for (const { draft } of changes.creates) {
      const { investments, ...record } = draft;
      const spans = await projectSpans(tx, record, setup.model, investments);
      const saved = await tx.library.insertProject(record, now, spans);
      if (investments.length > 0) await tx.library.putInvestments(saved.id, investments, spans.quiet);
      const { version: _v, ...after } = saved;
      await tx.audit.append(
        withId(
          changeEvent(
            { type: 'library_project', id: 0 },
            null,
            null,
            after,
            metaOf(actor, now, 'library_project.import', fileName),
          ),
          saved.id,
        ),
      );
    }
    for (const u of changes.updates) {
      const current = byId.get(u.project.id)!;
      const version = (current as LibraryProject & { version: number }).version;
      const all = mergeInvestments(current.investments, u.investments);
      const spans = await projectSpans(tx, u.project, setup.model, all);
      if (!(await tx.library.updateProject(u.project, version, now, spans)))
        throw staleVersion('library project', u.project.id);
      if (u.investments.length > 0) await tx.library.putInvestments(u.project.id, u.investments, spans.quiet);
      const pick = (p: object) => Object.fromEntries(Object.entries(p).filter(([k]) => u.fields.includes(k)));
      await tx.audit.append(
        changeEvent(
          { type: 'library_project', id: u.project.id },
          null,
          pick({
            ...current,
            investments: current.investments.filter((m) => u.investments.some((x) => x.month === m.month)),
          }),
          pick({ ...u.project, investments: u.investments }),
          metaOf(actor, now, 'library_project.import', fileName),
        ),
      );
    }
    return {
      created: changes.creates.length,
      updated: changes.updates.length,
      unchanged: changes.unchanged,
      packagesCreated: 0,
      enterprisesCreated: 0,
    };
  });
}

/** The year's 服务包台账: every package of the year with its commitments. */
export async function exportServiceLedgerFile(store: Store, year: number, title: string): Promise<Buffer> {
  const [packages, commitments, enterprises, talents, units, projects] = await Promise.all([
    store.services.listPackages({ year }),
    store.services.listCommitments({ year }),
    store.services.listAllEnterprises(),
    store.services.listTalents(),
    store.units.list([store.library.jurisdictionId]),
    store.library.listNames(),
  ]);
  return exportServiceLedger({ title, year, packages, commitments, enterprises, talents, units, projects });
}

/**
 * Reads a 服务包台账 of `year` and applies it (deriveServiceLedgerChanges): enterprises not known
 * yet, a package per holder without one, new commitments, known ones reassigned. BAD_INPUT with
 * every bad cell, and nothing written, when any row is wrong.
 */
export async function importServiceLedgerFile(
  store: Store,
  bytes: Uint8Array,
  fileName: string,
  year: number,
  actor: Actor,
  now: string,
): Promise<LedgerImportResult> {
  const today = beijingDate(now);
  return store.transaction(async (tx) => {
    const [units, enterprises, talents, projects, packages, commitments, calendar] = await Promise.all([
      tx.units.list([tx.library.jurisdictionId]),
      tx.services.listAllEnterprises(),
      tx.services.listTalents(),
      tx.library.listNames(),
      tx.services.listPackages({ year }),
      tx.services.listCommitments({ year }),
      loadWorkCalendar(tx),
    ]);
    const ledger = await importServiceLedger(
      bytes,
      { year, units, enterprises, talents, projects, commitmentIds: commitments.map((c) => c.id) },
      fileName,
    );
    const changes = deriveServiceLedgerChanges(
      { ...ledger, year },
      { packages, commitments: new Map(commitments.map((c) => [c.id, c])) },
      today,
      calendar,
    );
    const meta = (action: string) => metaOf(actor, now, action, fileName);
    const enterpriseIds = new Map<string, number>();
    for (const e of changes.enterprises) {
      const saved = await tx.services.insertEnterprise(
        { name: e.name, creditCode: e.creditCode, industry: '', address: '', size: null },
        now,
      );
      enterpriseIds.set(e.key, saved.id);
      const { version: _v, ...after } = saved;
      await tx.audit.append(
        withId(
          changeEvent({ type: 'enterprise', id: 0 }, null, null, after, meta('enterprise.import')),
          saved.id,
        ),
      );
    }
    const holderOf = (ref: HolderRef) =>
      ref.kind === 'new'
        ? { kind: 'enterprise' as const, id: enterpriseIds.get(ref.key)! }
        : { kind: ref.kind, id: ref.id };
    const packageIds = new Map<string, number>();
    for (const p of changes.packages) {
      const saved = await tx.services.insertPackage(
        { holder: holderOf(p.holder), year, butler: p.butler },
        now,
      );
      packageIds.set(p.key, saved.id);
      await tx.audit.append(
        withId(
          changeEvent({ type: 'service_package', id: 0 }, null, null, saved, meta('service_package.import')),
          saved.id,
        ),
      );
    }
    for (const group of ledger.packages) {
      if (packageIds.has(group.key)) continue;
      const holder = holderOf(
        group.holder.kind === 'talent'
          ? { kind: 'talent', id: group.holder.talentId }
          : { kind: 'enterprise', id: group.holder.enterpriseId! },
      );
      const pkg = packages.find((p) => p.holder.kind === holder.kind && p.holder.id === holder.id);
      if (pkg) packageIds.set(group.key, pkg.id);
    }
    for (const c of changes.creates) {
      const saved = await tx.services.insertCommitment(
        { ...c.commitment, packageId: packageIds.get(c.key)! },
        now,
      );
      await tx.audit.append(
        withId(
          changeEvent({ type: 'commitment', id: 0 }, null, null, saved, meta('commitment.import')),
          saved.id,
        ),
      );
    }
    const byId = new Map(commitments.map((c) => [c.id, c]));
    for (const u of changes.updates) {
      const current = byId.get(u.id)!;
      if (!(await tx.services.updateCommitment(u.commitment, current.version, now)))
        throw staleVersion('commitment', u.id);
      const pick = (c: object) =>
        Object.fromEntries(Object.entries(c).filter(([k]) => u.fields.includes(k) || k === 'dueOn'));
      await tx.audit.append(
        changeEvent(
          { type: 'commitment', id: u.id },
          null,
          pick(current),
          pick(u.commitment),
          meta('commitment.import'),
        ),
      );
    }
    return {
      created: changes.creates.length,
      updated: changes.updates.length,
      unchanged: changes.unchanged,
      packagesCreated: changes.packages.length,
      enterprisesCreated: changes.enterprises.length,
    };
  });
}
