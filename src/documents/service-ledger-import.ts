/**
 * Reads a 服务包台账 back — Luoshi's export or the ledger an office kept — into commitment rows
 * grouped by holder. All or nothing: any bad cell rejects the file, every problem listed with its
 * sheet, row and column ("服务包台账!C7").
 *
 * Rules (for offices):
 * - Every visible sheet with a 企业名称 header is read; columns by header, in any order. 企业名称,
 *   诉求/事项 (or 诉求, 事项), 责任单位, 服务管家 and 办结时限 are required.
 * - 统一社会信用代码 is checked with its check character (GB 32100-2015); a blank code is allowed
 *   only for a talent known by name (人才服务包). A known code with another name is imported under
 *   the known enterprise, with a warning; one code under two names in the file is an error.
 * - 办结时限: a date as offices write it, or "15个工作日"; 状态 未启动/办理中/已办结待确认/已确认/
 *   已退回 (blank: 未启动); 满意度 满意/基本满意/不满意, required for 已确认 and only there.
 * - 关联项目: names of library projects, separated by 、; 事项ID: a commitment of the library.
 */
import type { ErrorDetail } from '../errors.js';
import type { Unit } from '../plan/types.js';
import {
  describeCreditCodeProblem,
  findCreditCodeProblem,
  normaliseCreditCode,
} from '../projects/credit-code.js';
import { normaliseProjectName } from '../projects/match.js';
import type {
  CommitmentKind,
  CommitmentState,
  Enterprise,
  LibraryProject,
  Talent,
} from '../projects/types.js';
import type { Satisfaction } from '../requests/types.js';
import { SATISFACTION_LEVELS } from '../requests/types.js';
import { readText } from './form-cells.js';
import { readChoiceCell, readDateCell, readWholeCell } from './office-cells.js';
import { COMMITMENT_KIND_LABELS, COMMITMENT_STATE_LABELS, SERVICE_FORMAT } from './service-ledger.js';
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

export interface ServiceLedgerImportContext {
  year: number;
  units: readonly Pick<Unit, 'id' | 'name'>[];
  enterprises: readonly Pick<Enterprise, 'id' | 'name' | 'creditCode'>[];
  talents?: readonly Pick<Talent, 'id' | 'name'>[];
  projects?: readonly Pick<LibraryProject, 'id' | 'name' | 'aliases'>[];
  /** Ids a row may name; omit to accept any. */
  commitmentIds?: Iterable<number>;
}

export type LedgerHolder =
  | { kind: 'enterprise'; creditCode: string; name: string; enterpriseId: number | null }
  | { kind: 'talent'; talentId: number; name: string };

export interface ServiceLedgerRow {
  /** `Sheet!row`, for messages about the row. */
  at: string;
  /** The cell of 状态 ("服务包台账!I7"), or the row when the ledger has no such column. */
  stateCell: string;
  id: number | null;
  holder: LedgerHolder;
  title: string;
  kind: CommitmentKind | null;
  responsibleUnitId: number;
  butler: string;
  /** One of the two: a date, or working days from when the commitment is opened. */
  dueOn: string | null;
  workingDays: number | null;
  state: CommitmentState;
  satisfaction: Satisfaction | null;
  projectIds: number[];
}

export interface ServiceLedgerImport {
  year: number;
  rows: ServiceLedgerRow[];
  /** Rows by holder ("enterprise:<code>" or "talent:<id>"), in the file's order: one 服务包 each. */
  packages: { key: string; holder: LedgerHolder; rows: number[] }[];
  warnings: ErrorDetail[];
  meta: Record<string, string>;
}

type Field =
  | 'holder'
  | 'code'
  | 'title'
  | 'kind'
  | 'unit'
  | 'butler'
  | 'due'
  | 'state'
  | 'satisfaction'
  | 'projects'
  | 'id';

const HEADERS: [Field, RegExp][] = [
  ['holder', /^(企业名称|企业\/人才名称|服务对象)$/],
  ['code', /^统一社会信用代码$/],
  ['title', /^(诉求\/事项|诉求事项|诉求|事项|服务事项)$/],
  ['kind', /^(事项类别|类别)$/],
  ['unit', /^责任单位$/],
  ['butler', /^服务管家$/],
  ['due', /^办结时限$/],
  ['state', /^(状态|办理状态)$/],
  ['satisfaction', /^(满意度|企业评价)$/],
  ['projects', /^关联项目$/],
  ['id', /^事项ID$/],
];
const REQUIRED: Field[] = ['title', 'unit', 'butler', 'due'];
const LABEL: Record<Field, string> = {
  holder: '企业名称',
  code: '统一社会信用代码',
  title: '诉求/事项',
  kind: '事项类别',
  unit: '责任单位',
  butler: '服务管家',
  due: '办结时限',
  state: '状态',
  satisfaction: '满意度',
  projects: '关联项目',
  id: '事项ID',
};

const squash = (s: string) => s.replace(/\s+/g, '');

function invert<K extends string>(labels: Record<K, string>, extra: [string, K][] = []): Map<string, K> {
  return new Map([
    ...(Object.entries(labels) as [K, string][]).map(([k, v]) => [v, k] as [string, K]),
    ...extra,
  ]);
}

/**
 * Parses a service ledger. Throws AppError UNSUPPORTED_FORMAT for a file that is not .xlsx,
 * UNPROCESSABLE for a damaged one, TOO_LARGE beyond the caps, and BAD_INPUT listing every bad cell;
 * nothing is returned when any row is bad.
 */
export async function importServiceLedger(
  bytes: Uint8Array,
  ctx: ServiceLedgerImportContext,
  fileName = 'service-ledger.xlsx',
): Promise<ServiceLedgerImport> {
  const wb = await loadWorkbook(bytes, fileName, WORKBOOK_LIMITS.ledger);
  const meta = readMeta(wb);
  const problems = new ProblemList();
  const warnings: ErrorDetail[] = [];
  if (meta && meta.format !== SERVICE_FORMAT)
    problems.add('_luoshi!B1', otherWorkbook(fileName, '服务包台账'));
  const sheets = wb.worksheets.filter((ws) => ws.state === 'visible' && findHeader(ws, '企业名称'));
  if (sheets.length === 0)
    problems.add(
      `${wb.worksheets[0]?.name ?? 'Sheet1'}!A1`,
      '没有一个工作表的前10行有“企业名称”表头：请使用系统下载的服务包台账',
    );
  problems.throwIfAny('BAD_INPUT', `${fileName}未导入`);

  const kinds = invert(COMMITMENT_KIND_LABELS);
  const states = invert<CommitmentState>(COMMITMENT_STATE_LABELS, [['已办结', 'delivered']]);
  const satisfactions = new Map(SATISFACTION_LEVELS.map((s) => [s, s] as [string, Satisfaction]));
  const units = new Map(ctx.units.map((u) => [squash(u.name), u.id]));
  const byCode = new Map(ctx.enterprises.map((e) => [e.creditCode, e]));
  const talents = new Map((ctx.talents ?? []).map((t) => [squash(t.name), t.id]));
  const projects = new Map<string, number>();
  for (const p of ctx.projects ?? [])
    for (const n of [p.name, ...p.aliases]) projects.set(normaliseProjectName(n), p.id);
  const known = ctx.commitmentIds ? new Set(ctx.commitmentIds) : undefined;
  const seenIds = new Map<number, string>();
  const codeNames = new Map<string, { name: string; at: string }>();
  const rows: ServiceLedgerRow[] = [];

  for (const ws of sheets) {
    const header = findHeader(ws, '企业名称')!;
    const columns = new Map<Field, number>();
    for (const [text, col] of header.columns) {
      const h = text.normalize('NFKC');
      const found = HEADERS.find(([f, test]) => !columns.has(f) && test.test(h));
      if (found) columns.set(found[0], col);
    }
    const headerRef = `${ws.name}!${header.row}:${header.row}`;
    const missing = REQUIRED.filter((f) => !columns.has(f));
    for (const f of missing) problems.add(headerRef, missingColumn(LABEL[f]));
    for (const range of mergedRanges(ws))
      if (decodeRange(range).bottom > header.row) problems.add(`${ws.name}!${range}`, mergedCells(range));
    if (missing.length === 0) readRows(ws, header.row, columns);
  }
  problems.throwIfAny('BAD_INPUT', `${fileName}未导入`);

  const packages: ServiceLedgerImport['packages'] = [];
  const index = new Map<string, number>();
  rows.forEach((row, i) => {
    const key =
      row.holder.kind === 'enterprise'
        ? `enterprise:${row.holder.creditCode}`
        : `talent:${row.holder.talentId}`;
    let at = index.get(key);
    if (at === undefined) {
      at = packages.push({ key, holder: row.holder, rows: [] }) - 1;
      index.set(key, at);
    }
    packages[at]!.rows.push(i);
  });
  return { year: Number(meta?.year) || ctx.year, rows, packages, warnings, meta: meta ?? {} };

  function readRows(ws: Worksheet, headerRow: number, columns: Map<Field, number>): void {
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const at = (f: Field) => cellRef(ws.name, r, columns.get(f) ?? 1);
      const read = (f: Field) => readCell(ws, r, columns.get(f)!);
      const text = (f: Field) => (columns.has(f) ? readText(read(f), at(f), LABEL[f], problems) : null);
      const filled = [...columns.keys()].filter((f) => read(f).kind !== 'empty');
      if (filled.length === 0) continue;
      const before = problems.size;
      const name = text('holder');
      if (name === null)
        problems.add(
          at('holder'),
          rowWithoutKey(
            r,
            filled.map((f) => LABEL[f]),
            '企业名称',
          ),
        );

      // The holder: an enterprise by its checked code, or a talent by name.
      let holder: LedgerHolder | undefined;
      const codeText = text('code');
      if (codeText) {
        const problem = findCreditCodeProblem(codeText);
        if (problem)
          problems.add(at('code'), `统一社会信用代码“${codeText}”${describeCreditCodeProblem(problem)}`);
        else if (name) {
          const code = normaliseCreditCode(codeText);
          const first = codeNames.get(code);
          if (first && squash(first.name) !== squash(name))
            problems.add(
              at('holder'),
              `统一社会信用代码${code}在${first.at}对应“${first.name}”，与“${name}”不一致：请核对`,
            );
          codeNames.set(code, first ?? { name, at: at('holder') });
          const enterprise = byCode.get(code);
          if (enterprise && squash(enterprise.name) !== squash(name))
            warnings.push({
              path: at('holder'),
              message: `统一社会信用代码${code}在企业名单中是“${enterprise.name}”，已按该企业导入`,
            });
          holder = {
            kind: 'enterprise',
            creditCode: code,
            name: enterprise?.name ?? name,
            enterpriseId: enterprise?.id ?? null,
          };
        }
      } else if (name) {
        const talentId = talents.get(squash(name));
        if (talentId === undefined)
          problems.add(
            at('code'),
            `统一社会信用代码为空，“${name}”也不在人才名单中：企业请填写统一社会信用代码`,
          );
        else holder = { kind: 'talent', talentId, name };
      }

      const title = text('title');
      if (title === null) problems.add(at('title'), emptyCell('诉求/事项'));
      const kind = columns.has('kind')
        ? readChoiceCell(read('kind'), at('kind'), LABEL.kind, kinds, problems)
        : null;
      const unitName = text('unit');
      const unitId = unitName ? units.get(squash(unitName)) : undefined;
      if (unitName === null) problems.add(at('unit'), emptyCell('责任单位'));
      else if (unitName && unitId === undefined) problems.add(at('unit'), unknownUnit('责任单位', unitName));
      const butler = text('butler');
      if (butler === null) problems.add(at('butler'), emptyCell('服务管家'));

      let dueOn: string | null = null;
      let workingDays: number | null = null;
      const dueRead = read('due');
      const days = dueRead.kind === 'string' ? /^\s*(\d{1,3})\s*个?工作日\s*$/.exec(dueRead.value) : null;
      if (days) workingDays = Number(days[1]);
      else {
        const d = readDateCell(dueRead, at('due'), LABEL.due, problems);
        if (d === null) problems.add(at('due'), '办结时限不能为空：请填日期或“15个工作日”');
        dueOn = d ?? null;
      }
      if (workingDays !== null && (workingDays < 1 || workingDays > 250))
        problems.add(at('due'), `办结时限应为1到250个工作日（填的是${workingDays}个工作日）`);

      const state = columns.has('state')
        ? readChoiceCell(
            read('state'),
            at('state'),
            LABEL.state,
            states,
            problems,
            Object.values(COMMITMENT_STATE_LABELS),
          )
        : null;
      const satisfaction = columns.has('satisfaction')
        ? readChoiceCell(
            read('satisfaction'),
            at('satisfaction'),
            LABEL.satisfaction,
            satisfactions,
            problems,
          )
        : null;
      if (state === 'confirmed' && satisfaction === null)
        problems.add(at('satisfaction'), '状态为“已确认”时须填写企业的满意度');
      if (satisfaction && state !== undefined && state !== 'confirmed')
        problems.add(at('satisfaction'), '企业确认后（状态为“已确认”）才能填写满意度');

      const projectIds: number[] = [];
      for (const p of (text('projects') ?? '')
        .split(/[、,，;；\n]/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        const id = projects.get(normaliseProjectName(p));
        if (id === undefined) problems.add(at('projects'), `关联项目“${p}”不在项目库中`);
        else if (!projectIds.includes(id)) projectIds.push(id);
      }
      const id = columns.has('id') ? readWholeCell(read('id'), at('id'), LABEL.id, problems) : null;
      if (id) {
        if (known && !known.has(id)) problems.add(at('id'), `没有事项ID为${id}的事项：新事项请留空事项ID`);
        else if (seenIds.has(id)) problems.add(at('id'), duplicate(`事项ID${id}`, seenIds.get(id)!));
        else seenIds.set(id, at('id'));
      }
      if (problems.size > before || !holder || !title || unitId === undefined || !butler) continue;
      rows.push({
        at: `${ws.name}!${r}`,
        stateCell: columns.has('state') ? at('state') : `${ws.name}!${r}`,
        id: id ?? null,
        holder,
        title,
        kind: kind ?? null,
        responsibleUnitId: unitId,
        butler,
        dueOn,
        workingDays,
        state: state ?? 'open',
        satisfaction: satisfaction ?? null,
        projectIds,
      });
    }
  }
}
