/**
 * The 项目库台账 (project library ledger) as an .xlsx workbook in the layout offices keep: 序号,
 * 项目名称, 别名, 所属库, 类别, 阶段, 阶段时间, 总投资(亿元), 年度计划投资(亿元), 累计完成投资(亿元),
 * 牵头单位, 包联领导, 企业名称, 计划开工时间, 计划竣工时间, 地块, 坐标, 入统时间, and a narrow 项目ID
 * that lets the edited file come back (project-library-import.ts). Money is kept in 万元 and shown
 * in 亿元, as these ledgers do.
 */
import type { Unit } from '../plan/types.js';
import { completedBetween, findAnnualPlan } from '../projects/investment.js';
import { roleStage } from '../projects/stages.js';
import type { Enterprise, Library, LibraryProject, StageModel } from '../projects/types.js';
import type { SheetColumn } from './xlsx.js';
import { addTable, newWorkbook, workbookBuffer, writeMeta } from './xlsx.js';

/** Column headers, shared with the importer (which also reads 万元 headers and a year before 年度). */
export const LIBRARY_COLUMNS = {
  seq: '序号',
  name: '项目名称',
  aliases: '别名',
  library: '所属库',
  class: '类别',
  stage: '阶段',
  stageDate: '阶段时间',
  total: '总投资(亿元)',
  annual: '年度计划投资(亿元)',
  completed: '累计完成投资(亿元)',
  lead: '牵头单位',
  leader: '包联领导',
  enterprise: '企业名称',
  plannedStart: '计划开工时间',
  plannedFinish: '计划竣工时间',
  parcel: '地块',
  point: '坐标',
  stats: '入统时间',
  id: '项目ID',
} as const;

export const LIBRARY_FORMAT = 'luoshi-project-library';
export const LIBRARY_SHEET = '项目库台账';

export interface ProjectLibraryInput {
  /** The title row ("示例区重大项目库台账"). */
  title: string;
  /** The year of 年度计划投资. */
  year: number;
  /** 累计完成投资 is counted to this day's month. */
  asOf: string;
  projects: LibraryProject[];
  libraries: Library[];
  model: StageModel;
  units: Pick<Unit, 'id' | 'name'>[];
  enterprises?: Pick<Enterprise, 'id' | 'name'>[];
}

/** 万元 → 亿元 (exact to the 100 元 kept). */
export function wanToYi(wan: number): number {
  return Math.round(wan * 100) / 1_000_000;
}

/** 亿元 → 万元, rounded to 100 元. */
export function yiToWan(yi: number): number {
  return Math.round(yi * 1_000_000) / 100;
}

/** "116.23, 40.22" */
export function formatPoint(point: { lng: number; lat: number }): string {
  return `${point.lng}, ${point.lat}`;
}

const MONEY = '0.00####';

/**
 * Writes the library ledger: one sheet, a row per project in the order given, the hidden `_luoshi`
 * sheet naming the format, year and day.
 * @example
 * await exportProjectLibrary({ title: '示例区项目库台账', year: 2022, asOf: '2022-06-30', projects, libraries, model, units })
 */
export async function exportProjectLibrary(input: ProjectLibraryInput): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(LIBRARY_SHEET);
  const libraries = new Map(input.libraries.map((l) => [l.code, l.name]));
  const stages = new Map(input.model.stages.map((s) => [s.id, s.name]));
  const units = new Map(input.units.map((u) => [u.id, u.name]));
  const enterprises = new Map((input.enterprises ?? []).map((e) => [e.id, e.name]));
  const started = roleStage(input.model, 'started').id;
  const completed = roleStage(input.model, 'completed').id;
  const C = LIBRARY_COLUMNS;
  const columns: SheetColumn[] = [
    { header: C.seq, width: 6, center: true },
    { header: C.name, width: 30 },
    { header: C.aliases, width: 18 },
    { header: C.library, width: 14, center: true },
    { header: C.class, width: 6, center: true },
    { header: C.stage, width: 10, center: true },
    { header: C.stageDate, width: 12, center: true },
    { header: C.total, width: 11, numFmt: MONEY },
    { header: `${input.year}${C.annual}`, width: 13, numFmt: MONEY },
    { header: C.completed, width: 12, numFmt: MONEY },
    { header: C.lead, width: 16 },
    { header: C.leader, width: 10, center: true },
    { header: C.enterprise, width: 20 },
    { header: C.plannedStart, width: 12, center: true },
    { header: C.plannedFinish, width: 12, center: true },
    { header: C.parcel, width: 14 },
    { header: C.point, width: 22 },
    { header: C.stats, width: 12, center: true },
    { header: C.id, width: 7, center: true },
  ];
  const month = input.asOf.slice(0, 7);
  const rows = input.projects.map((p, i) => {
    const last = p.history.at(-1);
    const plan = findAnnualPlan(p, input.year);
    return [
      i + 1,
      p.name,
      p.aliases.join('、') || null,
      libraries.get(p.library) ?? p.library,
      p.class,
      last ? (stages.get(last.stage) ?? last.stage) : null,
      last?.date ?? null,
      p.totalInvestment === null ? null : wanToYi(p.totalInvestment),
      plan ? wanToYi(plan.planned) : null,
      p.investments.length > 0 ? wanToYi(completedBetween(p, '0000-01', month)) : null,
      p.leadUnitId === null ? null : (units.get(p.leadUnitId) ?? null),
      p.leader,
      p.enterpriseId === null ? null : (enterprises.get(p.enterpriseId) ?? null),
      p.milestones.find((m) => m.stage === started)?.planned ?? null,
      p.milestones.find((m) => m.stage === completed)?.planned ?? null,
      p.parcel,
      p.location ? formatPoint(p.location) : null,
      p.statsRegisteredOn,
      p.id,
    ];
  });
  addTable(ws, {
    title: input.title,
    subtitle: `年度计划投资为${input.year}年；累计完成投资截至${input.asOf}；金额单位：亿元`,
    columns,
    rows,
  });
  writeMeta(wb, { format: LIBRARY_FORMAT, version: '1', year: String(input.year), asOf: input.asOf });
  return workbookBuffer(wb);
}
