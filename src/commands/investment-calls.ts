/**
 * The monthly investment data call (项目投资月报, issue 17): the office opens a month's call on the
 * projects of one library with its deadline; each lead unit gets its own projects as a sheet (in
 * the page, or a workbook to fill offline) and returns the month's figures, 形象进度 and 入统.
 * A return lands in the projects' monthly history in one transaction with its audit events;
 * a second return for the month replaces the first (audited as such). Each refusal is pointed at
 * the line of the page or the cell of the workbook it came from.
 */
import { AppError, isAppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import {
  INVESTMENT_CALL_SHEET,
  deriveInvestmentCallInput,
  exportInvestmentCall,
} from '../documents/investment-call.js';
import type { InvestmentCallLine } from '../documents/investment-call.js';
import type { Parser } from '../documents/parse-pool.js';
import type { Actor } from '../plan/audit.js';
import { applyInvestmentReturn, mergeInvestments, owesInvestmentMonth } from '../projects/index.js';
import type { InvestmentReturnLine, LibraryProject } from '../projects/index.js';
import type { InvestmentCall, InvestmentReturn } from '../store/library-calls.js';
import { staleVersion } from '../store/rows.js';
import type { Store } from '../store/types.js';
import { changeEvent, metaOf, withId } from './frame.js';
import { loadLibrarySetup, projectSpans } from './library.js';
import type { LibrarySetup } from './library.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A call with its library's name, as lists show it. */
export interface InvestmentCallView extends InvestmentCall {
  libraryName: string;
}

/** A unit's part of a call: how many projects it owes, its last return, whether it is late. */
export interface InvestmentCallUnit {
  unitId: number;
  projects: number;
  returned: Pick<InvestmentReturn, 'times' | 'via' | 'returnedAt'> | null;
  overdue: boolean;
}

function viewOf(call: InvestmentCall, setup: LibrarySetup): InvestmentCallView {
  return { ...call, libraryName: setup.libraries.find((l) => l.code === call.library)?.name ?? call.library };
}

/**
 * Opens the call of `library` for `month` (a month that has begun) due on `dueOn`. BAD_INPUT at
 * the field for an unknown library, a month to come or a deadline before the month ends; CONFLICT
 * when the library has a call for the month already.
 */
export async function openInvestmentCall(
  store: Store,
  input: { library: string; month: string; dueOn: string },
  actor: Actor,
  now: string,
  today: string,
): Promise<InvestmentCallView> {
  return store.transaction(async (tx) => {
    const setup = await loadLibrarySetup(tx);
    const problems: ErrorDetail[] = [];
    if (!setup.libraries.some((l) => l.code === input.library))
      problems.push({ path: 'library', message: `没有“${input.library}”这个项目库` });
    if (!MONTH.test(input.month) || input.month > today.slice(0, 7))
      problems.push({ path: 'month', message: `${input.month}尚未开始，不能发起该月投资调度` });
    else if (!DATE.test(input.dueOn) || input.dueOn.slice(0, 7) < input.month)
      problems.push({
        path: 'dueOn',
        message: `截止日期${input.dueOn}早于${input.month}月底`,
      });
    if (problems.length > 0) throw new AppError('BAD_INPUT', '投资调度未能发起', problems);
    const call = await tx.library.calls.open({
      library: input.library,
      month: input.month,
      dueOn: input.dueOn,
      openedBy: actor.userId,
      createdAt: now,
    });
    await tx.audit.append({
      ...withId(
        changeEvent(
          { type: 'library_investment_call', id: 0 },
          null,
          null,
          call,
          metaOf(actor, now, 'library_investment_call.open'),
        ),
        call.id,
      ),
      jurisdictionId: tx.library.jurisdictionId,
    });
    return viewOf(call, setup);
  });
}

/** The projects of the call's library that `unitIds` lead and owe for its month, whole. */
async function owedProjects(
  store: Store,
  call: InvestmentCall,
  unitIds: readonly number[],
  setup: LibrarySetup,
): Promise<LibraryProject[]> {
  const projects = await store.library.listLedBy(call.library, unitIds, `${call.month}-01`);
  return projects.filter((p) => owesInvestmentMonth(p, call.month, setup.model));
}

/**
 * The calls with each unit's part: of every lead unit (`unitIds` undefined: the office), or of
 * the given units only, leaving out calls they owe nothing for.
 */
export async function listInvestmentCalls(
  store: Store,
  unitIds: readonly number[] | undefined,
  today: string,
): Promise<(InvestmentCallView & { units: InvestmentCallUnit[] })[]> {
  const setup = await loadLibrarySetup(store);
  const calls = await store.library.calls.list();
  const returns = await store.library.calls.listReturns(
    calls.map((c) => c.id),
    unitIds,
  );
  const out: (InvestmentCallView & { units: InvestmentCallUnit[] })[] = [];
  for (const call of calls) {
    const units = unitIds ?? (await store.library.listLeadUnits(call.library, `${call.month}-01`));
    const owed = await owedProjects(store, call, units, setup);
    const counts = new Map<number, number>();
    for (const p of owed) counts.set(p.leadUnitId!, (counts.get(p.leadUnitId!) ?? 0) + 1);
    if (counts.size === 0) continue;
    out.push({
      ...viewOf(call, setup),
      units: [...counts].map(([unitId, projects]) => {
        const r = returns.find((x) => x.callId === call.id && x.unitId === unitId);
        return {
          unitId,
          projects,
          returned: r ? { times: r.times, via: r.via, returnedAt: r.returnedAt } : null,
          overdue: !r && today > call.dueOn,
        };
      }),
    });
  }
  return out;
}

/** A unit's sheet for a call: the call, the unit, its lines (what it owes, what is known), its last return. */
export async function loadInvestmentSheet(
  store: Store,
  callId: number,
  unitId: number,
): Promise<{
  call: InvestmentCallView;
  unit: { id: number; name: string };
  lines: InvestmentCallLine[];
  returned: InvestmentCallUnit['returned'];
}> {
  const [call, setup, unit] = await Promise.all([
    store.library.calls.get(callId),
    loadLibrarySetup(store),
    store.units.get(unitId),
  ]);
  const owed = await owedProjects(store, call, [unitId], setup);
  const view = viewOf(call, setup);
  const input = deriveInvestmentCallInput({
    title: view.libraryName,
    unit,
    month: call.month,
    dueOn: call.dueOn,
    projects: owed,
    model: setup.model,
  });
  const [r] = await store.library.calls.listReturns([callId], [unitId]);
  return {
    call: view,
    unit: { id: unit.id, name: unit.name },
    lines: input.lines,
    returned: r ? { times: r.times, via: r.via, returnedAt: r.returnedAt } : null,
  };
}

/** The unit's sheet as a workbook; NOT_FOUND when it owes nothing for the call. */
export async function exportInvestmentSheet(
  store: Store,
  callId: number,
  unitId: number,
): Promise<{ bytes: Buffer; fileName: string }> {
  const sheet = await loadInvestmentSheet(store, callId, unitId);
  if (sheet.lines.length === 0)
    throw new AppError('NOT_FOUND', `${sheet.unit.name} owes nothing for this data call`);
  const { call, unit, lines } = sheet;
  const bytes = await exportInvestmentCall({
    title: call.libraryName,
    unit,
    month: call.month,
    dueOn: call.dueOn,
    lines,
  });
  const label = `${call.month.slice(0, 4)}年${Number(call.month.slice(5, 7))}月`;
  return { bytes, fileName: `${call.libraryName}${label}投资月报（${unit.name}）` };
}

/**
 * A unit's return for a call (typed in the page, or read from its workbook with each line's
 * cells), applied all or nothing (applyInvestmentReturn): each changed project written with its
 * spans and its audit event, the return recorded and audited (`.return`, or `.replace` for a
 * second one). Refusals at `lines.N.field`, or at the workbook's cell when `cells` are given.
 */
export async function submitInvestmentReturn(
  store: Store,
  target: { callId: number; unitId: number },
  lines: readonly InvestmentReturnLine[],
  via: InvestmentReturn['via'],
  actor: Actor,
  now: string,
  today: string,
  cells?: readonly Record<string, string>[],
): Promise<{ times: number; changed: number }> {
  try {
    return await store.transaction(async (tx) => {
      const call = await tx.library.calls.get(target.callId);
      const setup = await loadLibrarySetup(tx);
      const owed = await owedProjects(tx, call, [target.unitId], setup);
      if (owed.length === 0)
        throw new AppError('NOT_FOUND', `unit ${target.unitId} owes nothing for this data call`);
      const changes = applyInvestmentReturn({ month: call.month, today, owed, lines });
      let changed = 0;
      for (const change of changes) {
        const { amount, progress, stats } = change.changed;
        if (!amount && !progress && !stats) continue;
        changed += 1;
        const before = owed.find((p) => p.id === change.project.id)!;
        const current = await tx.library.getRecord(before.id);
        const { investments: _i, ...record } = change.project;
        const spans = await projectSpans(
          tx,
          record,
          setup.model,
          mergeInvestments(before.investments, [change.figure]),
        );
        if (!(await tx.library.updateProject(record, current.version, now, spans)))
          throw staleVersion('library project', before.id);
        await tx.library.putInvestments(before.id, [change.figure], spans.quiet);
        await tx.audit.append(
          changeEvent(
            { type: 'library_project', id: before.id },
            null,
            {
              investments: before.investments.filter((m) => m.month === call.month),
              ...(progress ? { progress: before.progress } : {}),
              ...(stats ? { statsRegisteredOn: before.statsRegisteredOn } : {}),
            },
            {
              investments: [change.figure],
              ...(progress ? { progress: change.project.progress } : {}),
              ...(stats ? { statsRegisteredOn: change.project.statsRegisteredOn } : {}),
            },
            metaOf(actor, now, 'library_project.investment_call', `${call.month} (${target.unitId})`),
          ),
        );
      }
      const times = await tx.library.calls.putReturn({
        callId: call.id,
        unitId: target.unitId,
        via,
        returnedBy: actor.userId,
        returnedAt: now,
      });
      await tx.audit.append(
        changeEvent(
          { type: 'library_investment_call', id: call.id },
          null,
          null,
          { unitId: target.unitId, month: call.month, via, times, lines: lines.map((l) => ({ ...l })) },
          metaOf(
            actor,
            now,
            times > 1 ? 'library_investment_call.replace' : 'library_investment_call.return',
          ),
        ),
      );
      return { times, changed };
    });
  } catch (error) {
    if (!cells || !isAppError(error)) throw error;
    const details = error.details.map((d) => {
      const m = /^lines\.(\d+)\.(\w+)$/.exec(d.path);
      const cell = m ? cells[Number(m[1])]?.[m[2]!] : undefined;
      if (cell) return { ...d, path: cell };
      return d.path === 'lines' ? { ...d, path: `${INVESTMENT_CALL_SHEET}!A1` } : d;
    });
    throw new AppError(error.code, error.message, details);
  }
}

/** A filled workbook (read by `parser`, off the event loop) returned as the unit's return for the call. */
export async function submitInvestmentWorkbook(
  store: Store,
  parser: Parser,
  target: { callId: number; unitId: number },
  file: { bytes: Uint8Array; fileName: string },
  actor: Actor,
  now: string,
  today: string,
): Promise<{ times: number; changed: number }> {
  const call = await store.library.calls.get(target.callId);
  const submission = await parser.run(
    'parseInvestmentCallWorkbook',
    file.bytes,
    { unitId: target.unitId, month: call.month },
    file.fileName,
  );
  const lines = submission.lines.map(({ cells: _c, ...line }) => line);
  return submitInvestmentReturn(
    store,
    target,
    lines,
    'workbook',
    actor,
    now,
    today,
    submission.lines.map((l) => l.cells),
  );
}
