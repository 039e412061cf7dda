/**
 * Reads a 项目库台账 back — Luoshi's own export or the ledger an office kept — into project rows.
 * All or nothing: any bad cell anywhere rejects the file, and every problem is listed with its
 * sheet, row and column ("项目库台账!H7").
 *
 * Rules (for offices):
 * - Every visible sheet with a 项目名称 header (in its first 10 rows) is read; columns are found by
 *   header, in any order. 项目名称 and 阶段 are required; 所属库 too, unless the sheet's name names
 *   the library ("产业项目库").
 * - Money columns say their unit in the header: 总投资(亿元) or 总投资(万元) (亿元 when none);
 *   "2022年度计划投资(亿元)" gives the plan's year (else the workbook's, else the importer's).
 * - 阶段 by name or alias (投产, 在建…); 类别 A/B/C (or A类); units by name; 企业名称 by name or
 *   统一社会信用代码 among the known enterprises; dates as offices write them; 坐标 "lng, lat".
 * - A row with a 项目ID updates that project; a row without one is a new project. Unknown or
 *   repeated ids, and the same project name twice, are errors. Blank rows are skipped; merged cells
 *   below the header are refused.
 */
import type { Unit } from '../plan/types.js';
import { normaliseProjectName } from '../projects/match.js';
import { findLibrary, roleStage } from '../projects/stages.js';
import type {
  AnnualPlan,
  Enterprise,
  GeoPoint,
  Library,
  Milestone,
  ProjectClass,
  StageModel,
} from '../projects/types.js';
import { readText } from './form-cells.js';
import {
  readAmountCell,
  readChoiceCell,
  readDateCell,
  readPointCell,
  readWholeCell,
} from './office-cells.js';
import { LIBRARY_FORMAT, yiToWan } from './project-library.js';
import {
  duplicate,
  emptyCell,
  mergedCells,
  missingColumn,
  otherWorkbook,
  rowWithoutKey,
  unknownUnit,
} from './sheet-problems.js';
import type { Worksheet } from './xlsx.js';
import {
  ProblemList,
  WORKBOOK_LIMITS,
  cellRef,
  decodeRange,
  findHeader,
  loadWorkbook,
  mergedRanges,
  readCell,
  readMeta,
} from './xlsx.js';

export interface ProjectLibraryImportContext {
  libraries: readonly Library[];
  model: StageModel;
  units: readonly Pick<Unit, 'id' | 'name'>[];
  enterprises?: readonly Pick<Enterprise, 'id' | 'name' | 'creditCode'>[];
  /** Ids a row may name; rows naming others are refused. Omit to accept any id. */
  projectIds?: Iterable<number>;
  /** The plan year when neither the header nor the workbook gives one. */
  year: number;
}

/** One project as the ledger gives it. Money in 万元; null where the cell is blank. */
export interface ProjectLibraryRow {
  /** `Sheet!row`, for messages about the row. */
  at: string;
  /** The cell of each column the row was read from ("项目库台账!F7"), by field. */
  cells: Partial<Record<ProjectLibraryField, string>>;
  id: number | null;
  name: string;
  aliases: string[];
  library: string;
  class: ProjectClass | null;
  stage: string;
  stageDate: string | null;
  totalInvestment: number | null;
  annualPlan: AnnualPlan | null;
  /** 累计完成投资: a figure to date, not by month (the caller decides how to keep it). */
  completedToDate: number | null;
  leadUnitId: number | null;
  leader: string | null;
  enterpriseId: number | null;
  milestones: Milestone[];
  parcel: string | null;
  location: GeoPoint | null;
  statsRegisteredOn: string | null;
}

export interface ProjectLibraryImport {
  rows: ProjectLibraryRow[];
  year: number;
  /** The hidden _luoshi sheet's pairs when the file is Luoshi's export. */
  meta: Record<string, string>;
}

/** The columns of a library ledger, by field. */
export type ProjectLibraryField =
  | 'name'
  | 'aliases'
  | 'library'
  | 'class'
  | 'stage'
  | 'stageDate'
  | 'total'
  | 'annual'
  | 'completed'
  | 'lead'
  | 'leader'
  | 'enterprise'
  | 'plannedStart'
  | 'plannedFinish'
  | 'parcel'
  | 'point'
  | 'stats'
  | 'id';
type Field = ProjectLibraryField;

const MONEY = '(?:\\((亿元|万元)\\))?';
const HEADERS: [Field, RegExp][] = [
  ['name', /^项目名称$/],
  ['aliases', /^(别名|曾用名)$/],
  ['library', /^所属库$/],
  ['class', /^(项目)?类别$/],
  ['stage', /^(当前|项目)?阶段$/],
  ['stageDate', /^阶段时间$/],
  ['total', new RegExp(`^(?:计划)?总投资${MONEY}$`)],
  ['annual', new RegExp(`^(?:(\\d{4})年?)?年度计划投资${MONEY}$`)],
  ['completed', new RegExp(`^累计完成投资${MONEY}$`)],
  ['lead', /^牵头单位$/],
  ['leader', /^包联领导$/],
  ['enterprise', /^(企业名称|企业|建设单位)$/],
  ['plannedStart', /^计划开工(时间)?$/],
  ['plannedFinish', /^计划竣工(时间)?$/],
  ['parcel', /^地块$/],
  ['point', /^(坐标|经纬度)$/],
  ['stats', /^入统时间$/],
  ['id', /^项目ID$/],
];

interface Column {
  col: number;
  header: string;
  unit: '亿元' | '万元';
  year?: number;
}

/** The columns of a header row by field. */
function resolveColumns(columns: Map<string, number>): Map<Field, Column> {
  const out = new Map<Field, Column>();
  for (const [text, col] of columns) {
    const header = text.normalize('NFKC');
    for (const [field, test] of HEADERS) {
      const m = test.exec(header);
      if (!m || out.has(field)) continue;
      const unit = m.slice(1).find((g) => g === '亿元' || g === '万元') === '万元' ? '万元' : '亿元';
      const year = field === 'annual' && m[1] ? Number(m[1]) : undefined;
      out.set(field, { col, header: text, unit, ...(year !== undefined ? { year } : {}) });
    }
  }
  return out;
}

const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * Parses a library ledger into rows. Throws AppError UNSUPPORTED_FORMAT for a file that is not
 * .xlsx, UNPROCESSABLE for a damaged one, TOO_LARGE beyond the ledger caps, and BAD_INPUT listing
 * every bad cell; nothing is returned when any row is bad.
 */
export async function importProjectLibrary(
  bytes: Uint8Array,
  ctx: ProjectLibraryImportContext,
  fileName = 'project-library.xlsx',
): Promise<ProjectLibraryImport> {
  const wb = await loadWorkbook(bytes, fileName, WORKBOOK_LIMITS.ledger);
  const meta = readMeta(wb);
  const problems = new ProblemList();
  if (meta && meta.format !== LIBRARY_FORMAT)
    problems.add('_luoshi!B1', otherWorkbook(fileName, '项目库台账'));
  const sheets = wb.worksheets.filter((ws) => ws.state === 'visible' && findHeader(ws, '项目名称'));
  if (sheets.length === 0)
    problems.add(
      `${wb.worksheets[0]?.name ?? 'Sheet1'}!A1`,
      `没有一个工作表的前10行有“项目名称”表头：请使用系统下载的项目库台账`,
    );
  problems.throwIfAny('BAD_INPUT', `${fileName}未导入`);

  const libraries = new Map<string, string>();
  for (const l of ctx.libraries) for (const w of [l.code, l.name]) libraries.set(squash(w), l.code);
  const stages = new Map<string, string>();
  for (const s of ctx.model.stages) for (const w of [s.id, s.name, ...s.aliases]) stages.set(squash(w), s.id);
  const classes = new Map<string, ProjectClass>(
    (['A', 'B', 'C'] as const).flatMap((c) => [
      [c, c] as [string, ProjectClass],
      [`${c}类`, c] as [string, ProjectClass],
    ]),
  );
  const units = new Map(ctx.units.map((u) => [squash(u.name), u.id]));
  const enterprises = new Map<string, number>();
  for (const e of ctx.enterprises ?? []) {
    enterprises.set(squash(e.name), e.id);
    enterprises.set(e.creditCode, e.id);
  }
  const known = ctx.projectIds ? new Set(ctx.projectIds) : undefined;
  const started = roleStage(ctx.model, 'started').id;
  const completed = roleStage(ctx.model, 'completed').id;
  const seenIds = new Map<number, string>();
  const seenNames = new Map<string, string>();
  const rows: ProjectLibraryRow[] = [];
  let fileYear = Number(meta?.year) || ctx.year;

  for (const ws of sheets) {
    const header = findHeader(ws, '项目名称')!;
    const columns = resolveColumns(header.columns);
    const annual = columns.get('annual');
    if (annual?.year !== undefined) fileYear = annual.year;
    const sheetLibrary = findLibrary(ctx.libraries, ws.name)?.code;
    const headerRef = `${ws.name}!${header.row}:${header.row}`;
    if (!columns.has('stage')) problems.add(headerRef, missingColumn('阶段'));
    if (!columns.has('library') && !sheetLibrary)
      problems.add(headerRef, `缺少“所属库”列，工作表名“${ws.name}”也不是项目库的名称：请加上“所属库”列`);
    for (const range of mergedRanges(ws))
      if (decodeRange(range).bottom > header.row) problems.add(`${ws.name}!${range}`, mergedCells(range));
    if (!columns.has('stage') || (!columns.has('library') && !sheetLibrary)) continue;
    readRows(ws, header.row, columns, {
      sheetLibrary,
      year: annual?.year ?? fileYear,
    });
  }
  problems.throwIfAny('BAD_INPUT', `${fileName}未导入`);
  return { rows, year: fileYear, meta: meta ?? {} };

  function readRows(
    ws: Worksheet,
    headerRow: number,
    columns: Map<Field, Column>,
    sheet: { sheetLibrary: string | undefined; year: number },
  ): void {
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const at = (f: Field) => cellRef(ws.name, r, columns.get(f)!.col);
      const read = (f: Field) => readCell(ws, r, columns.get(f)!.col);
      const has = (f: Field) => columns.has(f) && read(f).kind !== 'empty';
      const text = (f: Field) =>
        columns.has(f) ? readText(read(f), at(f), columns.get(f)!.header, problems) : null;
      const name = text('name');
      if (name === null) {
        const filled = [...columns.keys()].filter((f) => f !== 'name' && has(f));
        if (filled.length > 0)
          problems.add(
            at('name'),
            rowWithoutKey(
              r,
              filled.map((f) => columns.get(f)!.header),
              '项目名称',
            ),
          );
        continue;
      }
      const before = problems.size;
      const date = (f: Field) =>
        columns.has(f) ? readDateCell(read(f), at(f), columns.get(f)!.header, problems) : null;
      const money = (f: Field) => {
        const c = columns.get(f);
        if (!c) return null;
        const v = readAmountCell(read(f), at(f), c.header, c.unit, problems);
        return v === null || v === undefined ? v : c.unit === '亿元' ? yiToWan(v) : Math.round(v * 100) / 100;
      };
      const choice = <T>(f: Field, map: Map<string, T>, say: string[]) =>
        columns.has(f) ? readChoiceCell(read(f), at(f), columns.get(f)!.header, map, problems, say) : null;

      const id = columns.has('id') ? readWholeCell(read('id'), at('id'), '项目ID', problems) : null;
      if (id) {
        if (known && !known.has(id))
          problems.add(at('id'), `项目库中没有项目ID为${id}的项目：新项目请留空项目ID`);
        else if (seenIds.has(id)) problems.add(at('id'), duplicate(`项目ID${id}`, seenIds.get(id)!));
        else seenIds.set(id, at('id'));
      }
      if (name) {
        const key = normaliseProjectName(name);
        const first = seenNames.get(key);
        if (first) problems.add(at('name'), `项目“${name}”与${first}是同一个项目：请合并为一行`);
        else seenNames.set(key, at('name'));
      }
      const libraryCell = choice(
        'library',
        libraries,
        ctx.libraries.map((l) => l.name),
      );
      const library = libraryCell ?? sheet.sheetLibrary;
      if (libraryCell === null && !sheet.sheetLibrary) problems.add(at('library'), emptyCell('所属库'));
      const stage = choice(
        'stage',
        stages,
        ctx.model.stages.map((s) => s.name),
      );
      if (stage === null) problems.add(at('stage'), emptyCell('阶段'));
      const cls = choice('class', classes, ['A', 'B', 'C']);
      const leadName = text('lead');
      const leadUnitId = leadName ? units.get(squash(leadName)) : null;
      if (leadName && leadUnitId === undefined) problems.add(at('lead'), unknownUnit('牵头单位', leadName));
      const enterpriseName = text('enterprise');
      const enterpriseId = enterpriseName
        ? (enterprises.get(squash(enterpriseName).toUpperCase()) ?? enterprises.get(squash(enterpriseName)))
        : null;
      if (enterpriseName && enterpriseId === undefined)
        problems.add(at('enterprise'), `企业“${enterpriseName}”不在企业名单中：请先在企业名单中添加`);
      const plannedStart = date('plannedStart');
      const plannedFinish = date('plannedFinish');
      const total = money('total');
      const planned = money('annual');
      const completedToDate = money('completed');
      const location = columns.has('point')
        ? readPointCell(read('point'), at('point'), columns.get('point')!.header, problems)
        : null;
      const stageDate = date('stageDate');
      const stats = date('stats');
      const aliases = (text('aliases') ?? '')
        .split(/[、,，;；]/)
        .map((a) => a.trim())
        .filter(Boolean);
      const leader = text('leader');
      const parcel = text('parcel');
      if (problems.size > before || !name || !library || !stage) continue;
      const milestones: Milestone[] = [];
      if (plannedStart) milestones.push({ stage: started, planned: plannedStart });
      if (plannedFinish) milestones.push({ stage: completed, planned: plannedFinish });
      rows.push({
        at: `${ws.name}!${r}`,
        cells: Object.fromEntries([...columns.keys()].map((f) => [f, at(f)])),
        id: id ?? null,
        name,
        aliases,
        library,
        class: cls ?? null,
        stage,
        stageDate: stageDate ?? null,
        totalInvestment: total ?? null,
        annualPlan: planned === null || planned === undefined ? null : { year: sheet.year, planned },
        completedToDate: completedToDate ?? null,
        leadUnitId: leadUnitId ?? null,
        leader: leader ?? null,
        enterpriseId: enterpriseId ?? null,
        milestones,
        parcel: parcel ?? null,
        location: location ?? null,
        statsRegisteredOn: stats ?? null,
      });
    }
  }
}
