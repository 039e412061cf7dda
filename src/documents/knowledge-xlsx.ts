/**
 * The knowledge base (知识库, issue 20) as a workbook: one row per entry with its latest
 * version, and the same sheet read back — Luoshi's export or a list a unit kept. All or
 * nothing: any bad cell rejects the file, every problem named with its sheet, row and column
 * ("知识库!C7").
 *
 * Rules (for offices):
 * - The sheet with a 问题 header is read; columns by header, in any order. 问题, 答复口径, 诉求类别,
 *   维护单位, 依据文件, 生效日期 and 复核日期 are required; 适用区域 blank means the whole
 *   jurisdiction; 关键词 are separated by 、 or ，.
 * - 条目编号 blank: a new entry (a draft of its unit), its cells checked here. 条目编号 given: a
 *   revision of that entry when anything changed (a new draft version, checked then, its row
 *   named), nothing when the row is as stored.
 */
import type { ErrorDetail } from '../errors.js';
import { listKnowledgeProblems } from '../requests/knowledge.js';
import type { KnowledgeContent, KnowledgeContext, KnowledgeEntry } from '../requests/knowledge.js';
import { readText } from './form-cells.js';
import { readDateCell, readWholeCell } from './office-cells.js';
import {
  ProblemList,
  WORKBOOK_LIMITS,
  addTable,
  cellRef,
  findHeader,
  loadWorkbook,
  newWorkbook,
  readCell,
  readMeta,
  workbookBuffer,
  writeMeta,
} from './xlsx.js';

export const KNOWLEDGE_FORMAT = 'luoshi-knowledge-1';
const SHEET = '知识库';

type Field =
  | 'id'
  | 'question'
  | 'answer'
  | 'category'
  | 'area'
  | 'unit'
  | 'source'
  | 'validFrom'
  | 'validTo'
  | 'reviewBy'
  | 'keywords'
  | 'status';

const COLUMNS: { field: Field; header: string; width: number; center?: boolean }[] = [
  { field: 'id', header: '条目编号', width: 10, center: true },
  { field: 'question', header: '问题', width: 30 },
  { field: 'answer', header: '答复口径', width: 60 },
  { field: 'category', header: '诉求类别', width: 12, center: true },
  { field: 'area', header: '适用区域', width: 14, center: true },
  { field: 'unit', header: '维护单位', width: 18 },
  { field: 'source', header: '依据文件', width: 24 },
  { field: 'validFrom', header: '生效日期', width: 12, center: true },
  { field: 'validTo', header: '失效日期', width: 12, center: true },
  { field: 'reviewBy', header: '复核日期', width: 12, center: true },
  { field: 'keywords', header: '关键词', width: 20 },
  { field: 'status', header: '状态', width: 10, center: true },
];
const REQUIRED: Field[] = ['question', 'answer', 'category', 'unit', 'source', 'validFrom', 'reviewBy'];
const STATUS_LABELS = { draft: '草稿', pending: '待审核', approved: '已发布', rejected: '已退回' } as const;
/** The content field each column carries, for the domain's problems. */
const FIELD_OF_PATH: Record<string, Field> = {
  question: 'question',
  answer: 'answer',
  category: 'category',
  area: 'area',
  ownerUnitId: 'unit',
  source: 'source',
  validFrom: 'validFrom',
  validTo: 'validTo',
  reviewBy: 'reviewBy',
  keywords: 'keywords',
};

/** One row read back: where it is, the entry it revises (or null), and the content. */
export interface KnowledgeRow {
  at: string;
  entryId: number | null;
  content: KnowledgeContent;
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** The entries as the 知识库 workbook: the latest version of each, with the unit's name. */
export async function writeKnowledgeWorkbook(
  entries: readonly KnowledgeEntry[],
  unitName: (id: number) => string,
  asOf: string,
): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(SHEET);
  const rows = entries.flatMap((entry) => {
    const last = entry.versions.at(-1);
    if (!last) return [];
    return [
      [
        entry.id,
        last.question,
        last.answer,
        last.category,
        last.area ?? '',
        unitName(last.ownerUnitId),
        last.source,
        last.validFrom,
        last.validTo ?? '',
        last.reviewBy,
        last.keywords.join('、'),
        entry.retired ? '已停用' : STATUS_LABELS[last.status],
      ],
    ];
  });
  addTable(ws, {
    title: '12345热线知识库',
    subtitle: `截至 ${asOf}`,
    columns: COLUMNS.map(({ header, width, center }) => ({ header, width, ...(center ? { center } : {}) })),
    rows,
  });
  writeMeta(wb, { format: KNOWLEDGE_FORMAT });
  return workbookBuffer(wb);
}

/**
 * Reads a 知识库 workbook. Throws AppError UNSUPPORTED_FORMAT for a file that is not .xlsx,
 * UNPROCESSABLE for a damaged one, TOO_LARGE beyond the caps, and BAD_INPUT listing every bad
 * cell (the entry's own checks included: category of the catalogue, street of the
 * jurisdiction, review date ahead); nothing is returned when any row is bad.
 */
export async function readKnowledgeWorkbook(
  bytes: Uint8Array,
  ctx: KnowledgeContext & { units: readonly { id: number; name: string }[]; today: string },
  fileName = 'knowledge.xlsx',
): Promise<KnowledgeRow[]> {
  const wb = await loadWorkbook(bytes, fileName, WORKBOOK_LIMITS.dataCall);
  const problems = new ProblemList();
  const meta = readMeta(wb);
  if (meta && meta.format !== KNOWLEDGE_FORMAT)
    problems.add('_luoshi!B1', `${fileName} 是「${meta.format}」工作簿，不是知识库`);
  const ws = wb.worksheets.find((sheet) => sheet.state === 'visible' && findHeader(sheet, '问题'));
  if (!ws) problems.add(`${wb.worksheets[0]?.name ?? 'Sheet1'}!A1`, '前10行中没有“问题”表头');
  problems.throwIfAny('BAD_INPUT', `${fileName} 未导入`);
  const header = findHeader(ws!, '问题')!;
  const columns = new Map<Field, number>();
  for (const { field, header: text } of COLUMNS) {
    const col = header.columns.get(text);
    if (col !== undefined) columns.set(field, col);
  }
  for (const field of REQUIRED.filter((f) => !columns.has(f)))
    problems.add(
      `${ws!.name}!${header.row}:${header.row}`,
      `缺少必填列「${COLUMNS.find((c) => c.field === field)!.header}」`,
    );
  problems.throwIfAny('BAD_INPUT', `${fileName} 未导入`);

  const units = new Map(ctx.units.map((u) => [squash(u.name), u.id]));
  const seen = new Map<number, string>();
  const rows: KnowledgeRow[] = [];
  for (let r = header.row + 1; r <= ws!.rowCount; r++) {
    const at = (field: Field) => cellRef(ws!.name, r, columns.get(field) ?? 1);
    const cell = (field: Field) => readCell(ws!, r, columns.get(field) ?? 0);
    const label = (field: Field) => COLUMNS.find((c) => c.field === field)!.header;
    /** Fields whose cell already has a problem: the entry's own checks do not repeat it. */
    const reported = new Set<Field>();
    const noting = <T>(field: Field, read: () => T): T => {
      const before = problems.size;
      const value = read();
      if (problems.size > before) reported.add(field);
      return value;
    };
    const text = (field: Field) =>
      columns.has(field)
        ? (noting(field, () => readText(cell(field), at(field), label(field), problems)) ?? '')
        : '';
    const date = (field: Field) =>
      columns.has(field)
        ? (noting(field, () => readDateCell(cell(field), at(field), label(field), problems)) ?? null)
        : null;
    const filled = COLUMNS.some(({ field }) => columns.has(field) && cell(field).kind !== 'empty');
    if (!filled) continue;
    const idRead = columns.has('id')
      ? noting('id', () => readWholeCell(cell('id'), at('id'), '条目编号', problems))
      : null;
    const unitName = text('unit');
    const ownerUnitId = units.get(squash(unitName));
    if (!reported.has('unit') && ownerUnitId === undefined) {
      problems.add(at('unit'), unitName ? `没有名为「${unitName}」的单位` : '请填写维护单位');
      reported.add('unit');
    }
    const area = text('area');
    const content: KnowledgeContent = {
      question: text('question'),
      answer: text('answer'),
      category: text('category'),
      area: area === '' || area === '全区' ? null : area,
      ownerUnitId: ownerUnitId ?? 0,
      source: text('source'),
      validFrom: date('validFrom') ?? '',
      validTo: date('validTo'),
      reviewBy: date('reviewBy') ?? '',
      keywords: text('keywords')
        .split(/[、，,;；]/)
        .map((w) => w.trim())
        .filter((w) => w.length > 0),
    };
    const entryId = idRead ?? null;
    if (entryId !== null) {
      const first = seen.get(entryId);
      if (first) problems.add(at('id'), `条目编号 ${entryId} 与 ${first} 重复`);
      else seen.set(entryId, at('id'));
    }
    // A new entry is checked here, cell by cell; a row of an existing entry only when it changed
    // (importKnowledge), so an unchanged row past its review date still reads back.
    const found: ErrorDetail[] = entryId === null ? listKnowledgeProblems(content, ctx, ctx.today) : [];
    for (const problem of found) {
      const field = FIELD_OF_PATH[problem.path.split('.')[0] ?? ''] ?? 'question';
      if (!reported.has(field)) problems.add(at(field), problem.message);
    }
    rows.push({ at: `${ws!.name}!${r}:${r}`, entryId, content });
  }
  if (rows.length === 0) problems.add(`${ws!.name}!${header.row + 1}:${header.row + 1}`, '表中没有知识条目');
  problems.throwIfAny('BAD_INPUT', `${fileName} 未导入`);
  return rows;
}
