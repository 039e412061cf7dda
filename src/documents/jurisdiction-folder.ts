/**
 * A jurisdiction set up from the files its office already has (issue 16.1): a small manifest
 * (`jurisdiction.json`), a units/areas workbook (.xlsx sheets 区域 and 单位, or two .csv
 * files), an optional dispatch catalogue (派单目录) and optional GeoJSON boundaries. All or
 * nothing: every problem in every file is listed with its sheet, row and column
 * (`单位!C7`, `区域.csv!B4`, `jurisdiction.json:code`), and nothing is returned when any is
 * found. The format is described for offices in docs/JURISDICTIONS.md.
 */
import { z } from 'zod';
import { AppError, isAppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { resolveHealthConfig } from '../plan/thresholds.js';
import { listJurisdictionProblems } from '../jurisdictions/jurisdiction.js';
import type {
  AreaKind,
  CatalogueRowDef,
  JurisdictionArea,
  JurisdictionDefinition,
  JurisdictionUnit,
} from '../jurisdictions/types.js';
import { LEVELS } from '../jurisdictions/types.js';
import { deriveUnitKind } from '../plan/units.js';
import { parseHolidayTable } from '../requests/calendar.js';
import type { HolidayTable } from '../requests/calendar.js';
import { DEFAULT_MIN_VOLUME, NO_SCHEME_OPTIONS } from '../requests/scoring.js';
import type { DeadlineRule } from '../requests/types.js';
import type { UnitKind } from '../plan/types.js';
import { parseBoundaries } from './geojson.js';
import type { ColumnSpec, OpenedFile, SetupTable } from './setup-tables.js';
import { openSetupFile, readSetupTable, splitNames } from './setup-tables.js';
import { ProblemList } from './xlsx.js';

/** The manifest's file name in the folder. */
export const MANIFEST = 'jurisdiction.json';

const FileRef = z.string().trim().min(1, '应写文件名');
const Ratio = z.number().min(0).max(1);
const Manifest = z.strictObject({
  name: z.string().trim().min(1, '辖区名称不能为空'),
  level: z.enum(LEVELS, `层级应为 ${LEVELS.join('、')} 之一`),
  code: z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为六位数字（街乡九位）'),
  parent: z
    .string()
    .regex(/^\d{6}$/, '上级代码应为六位数字')
    .optional(),
  /** "file" or "file#sheet". */
  areas: FileRef.optional(),
  units: FileRef,
  catalogue: z
    .strictObject({
      file: FileRef,
      effectiveFrom: z.iso.date('生效日期应写作 2024-01-01'),
      note: z.string().default(''),
    })
    .optional(),
  boundaries: FileRef.optional(),
  calendar: z.record(z.string().regex(/^\d{4}$/, '年份应为四位数字'), FileRef).default({}),
  scoring: z
    .strictObject({
      effectiveFrom: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '起始月份应写作 2024-01'),
      note: z.string().default(''),
      weights: z.strictObject({ response: Ratio, resolution: Ratio, satisfaction: Ratio }),
      satisfactionCredit: z.strictObject({ 满意: Ratio, 基本满意: Ratio, 不满意: Ratio }),
      minVolume: z.int().min(0).default(DEFAULT_MIN_VOLUME),
    })
    .optional(),
  health: z
    .strictObject({
      atRisk: Ratio.optional(),
      behind: Ratio.optional(),
      approx: Ratio.optional(),
      exact: Ratio.optional(),
    })
    .default({}),
  open311: z
    .strictObject({
      jurisdictionId: z.string().trim().min(1).optional(),
      services: z.array(z.string()).optional(),
    })
    .default({}),
  /** Hours a named handler has to read a notice before the unit's inbox gets it (issue 20). */
  notify: z
    .strictObject({
      inboxAfterHours: z
        .number('未读转单位的时限应为小时数')
        .min(0.5, '至少半小时')
        .max(72, '至多72小时')
        .optional(),
    })
    .default({}),
});
type Manifest = z.infer<typeof Manifest>;

const AREA_COLUMNS: ColumnSpec[] = [
  {
    key: 'name',
    headers: ['街道（镇）', '街道(镇)', '街道镇', '街乡', '名称', '街道（乡镇）'],
    required: true,
  },
  { key: 'kind', headers: ['类型', '类别'] },
  { key: 'communities', headers: ['社区（村）', '社区(村)', '社区村', '社区', '村（社区）'] },
  { key: 'lat', headers: ['纬度'] },
  { key: 'long', headers: ['经度'] },
];
const UNIT_COLUMNS: ColumnSpec[] = [
  { key: 'name', headers: ['单位名称', '单位', '名称'], required: true },
  { key: 'aliases', headers: ['简称（别名）', '简称(别名)', '简称', '别名', '其他名称'] },
  { key: 'kind', headers: ['类型', '单位类型', '类别'] },
  { key: 'area', headers: ['管辖街道（镇）', '管辖街道(镇)', '管辖街道镇', '管辖区域', '属地'] },
];
const CATALOGUE_COLUMNS: ColumnSpec[] = [
  { key: 'category', headers: ['诉求类别', '类别', '事项'], required: true },
  { key: 'code', headers: ['代码', '服务代码'] },
  { key: 'group', headers: ['大类', '分组'] },
  { key: 'description', headers: ['说明', '描述'] },
  { key: 'keywords', headers: ['关键词'] },
  { key: 'owner', headers: ['承办单位', '承办'], required: true },
  { key: 'designated', headers: ['指定单位', '指定'] },
  { key: 'sign', headers: ['签收时限'], required: true },
  { key: 'contact', headers: ['联系时限', '联系群众时限'], required: true },
  { key: 'finish', headers: ['办结时限'], required: true },
  { key: 'coFinish', headers: ['配合单位办结时限', '配合时限'] },
];

const AREA_KINDS: Record<string, AreaKind> = { 街道: 'street', 地区: 'street', 镇: 'town', 乡: 'town' };
const UNIT_KINDS: Record<string, UnitKind> = {
  部门: 'department',
  委办局: 'department',
  街道: 'street',
  街道办事处: 'street',
  地区办事处: 'street',
  镇: 'town',
  乡: 'town',
  镇政府: 'town',
  镇人民政府: 'town',
  乡政府: 'town',
  乡人民政府: 'town',
  企业: 'enterprise',
  公司: 'enterprise',
  其他: 'other',
};
const YES = new Set(['是', 'Y', 'y', 'yes', 'true', 'TRUE', '√', '1']);
const NO = new Set(['否', 'N', 'n', 'no', 'false', 'FALSE', '×', '0']);

/**
 * A deadline as offices write it: 「4小时」, 「7个工作日」.
 * @example parseDeadlineRule('7个工作日') // { amount: 7, calendar: 'working_days' }
 */
export function parseDeadlineRule(text: string): DeadlineRule | undefined {
  const m = /^(\d+)\s*(?:个)?\s*(小时|工作日)$/.exec(text.normalize('NFKC').trim());
  if (!m) return undefined;
  return { amount: Number(m[1]), calendar: m[2] === '小时' ? 'natural_hours' : 'working_days' };
}

/**
 * Who owns a category as the 承办单位 cell says: 「属地」, a unit's name, or
 * 「按区域：甲街道=单位一；其他=单位二」. Undefined when an 按区域 cell has no 其他.
 * @example parseOwner('属地') // { by: 'territory' }
 */
export function parseOwner(text: string): CatalogueRowDef['owner'] | undefined {
  const t = text.normalize('NFKC').trim();
  if (/^属地/.test(t)) return { by: 'territory' };
  const byArea = /^按区域[:：]?(.*)$/s.exec(t);
  if (!byArea) return { by: 'unit', unit: t };
  const units: Record<string, string> = {};
  let fallback: string | undefined;
  for (const pair of byArea[1]!.split(/[;；\n]+/)) {
    const [area, unit] = pair.split(/[=＝]/).map((s) => s.trim());
    if (!area || !unit) continue;
    if (area === '其他' || area === '其余') fallback = unit;
    else units[area] = unit;
  }
  return fallback === undefined ? undefined : { by: 'area', units, fallback };
}

/** "file#sheet" → its parts. */
function fileRef(ref: string): { file: string; sheet?: string } {
  const at = ref.lastIndexOf('#');
  return at < 0 ? { file: ref } : { file: ref.slice(0, at), sheet: ref.slice(at + 1) };
}

/** Where each part of the definition came from, to put a domain problem on its cell. */
interface Origins {
  areas?: SetupTable;
  areaRows: number[];
  units?: SetupTable;
  unitRows: number[];
  catalogue?: SetupTable;
  catalogueRows: number[];
  boundaries?: string;
  featureOfArea: Map<number, number>;
}

const AREA_FIELD: Record<string, string> = {
  name: 'name',
  communities: 'communities',
  centre: 'lat',
  kind: 'kind',
};

/** A domain problem's path (`units.3.area`) as the cell or manifest key it comes from. */
function locate(path: string, origins: Origins): string {
  const parts = path.split('.');
  const at = (table: SetupTable | undefined, rows: number[], index: string, key: string) =>
    table ? table.ref(key, rows[Number(index)] ?? table.rows[0]?.row ?? 1) : `${MANIFEST}:${path}`;
  if (parts[0] === 'areas' && parts[2] === 'boundary' && origins.boundaries) {
    return `${origins.boundaries}:features.${origins.featureOfArea.get(Number(parts[1])) ?? 0}`;
  }
  if (parts[0] === 'areas')
    return at(origins.areas, origins.areaRows, parts[1]!, AREA_FIELD[parts[2] ?? ''] ?? 'name');
  if (parts[0] === 'units') return at(origins.units, origins.unitRows, parts[1]!, parts[2] ?? 'name');
  if (parts[0] === 'catalogue' && parts[1] === 'rows') {
    return at(origins.catalogue, origins.catalogueRows, parts[2]!, parts[3] ?? 'category');
  }
  if (parts[0] === 'catalogue') return `${MANIFEST}:catalogue.${parts.slice(1).join('.')}`;
  return `${MANIFEST}:${path === 'parentCode' ? 'parent' : path}`;
}

function readAreas(table: SetupTable, problems: ProblemList, origins: Origins): JurisdictionArea[] {
  return table.rows.map((r) => {
    origins.areaRows.push(r.row);
    const name = r.values.get('name') ?? '';
    if (!name) problems.add(table.ref('name', r.row), '街道（镇）名称不能为空');
    const kindText = r.values.get('kind');
    let kind: AreaKind | undefined = kindText
      ? AREA_KINDS[kindText]
      : AREA_KINDS[/(街道|地区|镇|乡)$/.exec(name)?.[1] ?? ''];
    if (!kind) {
      problems.add(
        table.ref(kindText ? 'kind' : 'name', r.row),
        kindText ? `类型「${kindText}」应为 街道、镇 或 乡` : '名称不以街道、镇、乡结尾时，请填写类型',
      );
      kind = 'street';
    }
    const area: JurisdictionArea = { name, kind, communities: splitNames(r.values.get('communities')) };
    const lat = r.values.get('lat');
    const long = r.values.get('long');
    if (lat !== undefined || long !== undefined) {
      if (
        lat === undefined ||
        long === undefined ||
        !Number.isFinite(Number(lat)) ||
        !Number.isFinite(Number(long))
      ) {
        problems.add(
          table.ref(lat === undefined || !Number.isFinite(Number(lat)) ? 'lat' : 'long', r.row),
          '纬度和经度应同时填写，且为数字',
        );
      } else area.centre = { lat: Number(lat), long: Number(long) };
    }
    return area;
  });
}

function readUnits(table: SetupTable, problems: ProblemList, origins: Origins): JurisdictionUnit[] {
  return table.rows.map((r) => {
    origins.unitRows.push(r.row);
    const name = r.values.get('name') ?? '';
    if (!name) problems.add(table.ref('name', r.row), '单位名称不能为空');
    const kindText = r.values.get('kind');
    const kind = kindText ? UNIT_KINDS[kindText] : deriveUnitKind(name);
    if (!kind)
      problems.add(
        table.ref('kind', r.row),
        `类型「${kindText}」应为 部门、街道办事处、镇政府、乡政府、企业 或 其他`,
      );
    const area = r.values.get('area');
    return {
      name,
      aliases: splitNames(r.values.get('aliases')).filter((a) => a !== name),
      kind: kind ?? 'other',
      ...(area ? { area } : {}),
    };
  });
}

function readCatalogueRows(table: SetupTable, problems: ProblemList, origins: Origins): CatalogueRowDef[] {
  return table.rows.map((r) => {
    origins.catalogueRows.push(r.row);
    const get = (key: string) => r.values.get(key) ?? '';
    const rule = (key: 'sign' | 'contact' | 'finish' | 'coFinish'): DeadlineRule | undefined => {
      const text = r.values.get(key);
      if (text === undefined) {
        if (key !== 'coFinish') problems.add(table.ref(key, r.row), '时限不能为空');
        return undefined;
      }
      const parsed = parseDeadlineRule(text);
      if (!parsed) problems.add(table.ref(key, r.row), `「${text}」应写作「4小时」或「7个工作日」`);
      return parsed;
    };
    const ownerText = get('owner');
    const owner = ownerText ? parseOwner(ownerText) : undefined;
    if (!ownerText)
      problems.add(
        table.ref('owner', r.row),
        '承办单位不能为空：填「属地」、单位名称或「按区域：…；其他=…」',
      );
    else if (!owner) problems.add(table.ref('owner', r.row), '按区域承办时，最后写「其他=单位」');
    const designated = get('designated');
    if (designated && !YES.has(designated) && !NO.has(designated)) {
      problems.add(table.ref('designated', r.row), `「${designated}」应为 是 或 否`);
    }
    const category = get('category');
    const code = r.values.get('code');
    const coFinish = rule('coFinish');
    const week: DeadlineRule = { amount: 1, calendar: 'working_days' };
    return {
      category,
      ...(code ? { code } : {}),
      group: get('group') || category,
      description: get('description') || category,
      keywords: splitNames(r.values.get('keywords')),
      owner: owner ?? { by: 'territory' },
      designated: YES.has(designated),
      sign: rule('sign') ?? week,
      contact: rule('contact') ?? week,
      finish: rule('finish') ?? week,
      ...(coFinish ? { coFinish } : {}),
    };
  });
}

function manifestProblems(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: `${MANIFEST}:${issue.path.join('.') || '(整个文件)'}`,
    message: issue.code === 'unrecognized_keys' ? `不认识的项：${issue.keys.join('、')}` : issue.message,
  }));
}

function parseManifest(bytes: Uint8Array | undefined): Manifest {
  if (!bytes) {
    throw new AppError('BAD_INPUT', `文件夹中没有 ${MANIFEST}`, [
      { path: MANIFEST, message: '缺少辖区说明文件' },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppError('BAD_INPUT', `${MANIFEST} 不是有效的 JSON`, [
      { path: MANIFEST, message: error instanceof Error ? error.message : String(error) },
    ]);
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const details = manifestProblems(parsed.error);
    throw new AppError('BAD_INPUT', `${MANIFEST} 有 ${details.length} 处问题，未建立`, details);
  }
  return parsed.data;
}

/**
 * Reads a jurisdiction's folder (file name → bytes) into its checked definition. Throws
 * AppError BAD_INPUT listing every problem of every file (each at its cell or manifest key),
 * or the format error of a file that cannot be opened (UNSUPPORTED_FORMAT, TOO_LARGE).
 * `sheetsWithFileName` names a workbook's cells with its file (`单位和区域.xlsx#单位!C7`), for
 * uploads where the office chose the files one by one.
 * @example await parseJurisdictionFolder({ 'jurisdiction.json': manifest, '单位.csv': units, '区域.csv': areas })
 */
export async function parseJurisdictionFolder(
  files: Readonly<Record<string, Uint8Array>>,
  options: { sheetsWithFileName?: boolean } = {},
): Promise<JurisdictionDefinition> {
  const manifest = parseManifest(files[MANIFEST]);
  const problems = new ProblemList();
  const origins: Origins = { areaRows: [], unitRows: [], catalogueRows: [], featureOfArea: new Map() };
  const opened = new Map<string, OpenedFile | null>();
  const open = async (ref: string, key: string): Promise<OpenedFile | undefined> => {
    const bytes = files[ref];
    if (!bytes) {
      problems.add(`${MANIFEST}:${key}`, `文件夹中没有「${ref}」`);
      return undefined;
    }
    if (!opened.has(ref)) {
      opened.set(
        ref,
        await openSetupFile(ref, bytes).catch((error: unknown) => {
          if (!isAppError(error) || error.code !== 'BAD_INPUT') throw error;
          for (const d of error.details) problems.add(d.path, d.message);
          return null;
        }),
      );
    }
    return opened.get(ref) ?? undefined;
  };
  const table = async (ref: string, key: string, defaultSheet: string, columns: ColumnSpec[]) => {
    const { file, sheet } = fileRef(ref);
    const f = await open(file, key);
    if (!f) return undefined;
    // A workbook with several sheets holds each table on its sheet by name.
    const name = sheet ?? (f.kind === 'xlsx' && f.workbook.worksheets.length > 1 ? defaultSheet : undefined);
    return readSetupTable(f, name, columns, problems, options.sheetsWithFileName);
  };

  let areas: JurisdictionArea[] = [];
  if (manifest.areas) {
    origins.areas = await table(manifest.areas, 'areas', '区域', AREA_COLUMNS);
    if (origins.areas) areas = readAreas(origins.areas, problems, origins);
  }
  let units: JurisdictionUnit[] = [];
  origins.units = await table(manifest.units, 'units', '单位', UNIT_COLUMNS);
  if (origins.units) units = readUnits(origins.units, problems, origins);
  let catalogue: JurisdictionDefinition['catalogue'];
  if (manifest.catalogue) {
    origins.catalogue = await table(manifest.catalogue.file, 'catalogue.file', '派单目录', CATALOGUE_COLUMNS);
    if (origins.catalogue) {
      catalogue = {
        // A catalogue takes effect at the start of a Beijing day.
        effectiveFrom: new Date(`${manifest.catalogue.effectiveFrom}T00:00:00+08:00`).toISOString(),
        note: manifest.catalogue.note,
        rows: readCatalogueRows(origins.catalogue, problems, origins),
      };
    }
  }
  if (manifest.boundaries) {
    const bytes = files[manifest.boundaries];
    if (!bytes) problems.add(`${MANIFEST}:boundaries`, `文件夹中没有「${manifest.boundaries}」`);
    else {
      origins.boundaries = manifest.boundaries;
      const found = parseBoundaries(manifest.boundaries, bytes, areas, problems);
      for (const [index, { boundary, feature }] of found) {
        areas[index]!.boundary = boundary;
        origins.featureOfArea.set(index, feature);
      }
    }
  }
  const calendar: HolidayTable[] = [];
  for (const [year, ref] of Object.entries(manifest.calendar)) {
    const bytes = files[ref];
    if (!bytes) {
      problems.add(`${MANIFEST}:calendar.${year}`, `文件夹中没有「${ref}」`);
      continue;
    }
    try {
      calendar.push(parseHolidayTable(Number(year), JSON.parse(new TextDecoder().decode(bytes))));
    } catch (error) {
      problems.add(
        ref,
        `不是 chinese-days 格式的节假日表：${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  let health = resolveHealthConfig();
  try {
    const h = manifest.health;
    health = resolveHealthConfig({
      thresholds: {
        ...(h.atRisk !== undefined ? { atRisk: h.atRisk } : {}),
        ...(h.behind !== undefined ? { behind: h.behind } : {}),
      },
      tolerances: {
        ...(h.approx !== undefined ? { approx: h.approx } : {}),
        ...(h.exact !== undefined ? { exact: h.exact } : {}),
      },
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    for (const d of error.details) problems.add(`${MANIFEST}:health.${d.path.split('.').at(-1)}`, d.message);
  }
  const definition: JurisdictionDefinition = {
    name: manifest.name,
    level: manifest.level,
    code: manifest.code,
    ...(manifest.parent ? { parentCode: manifest.parent } : {}),
    areas,
    units,
    ...(catalogue ? { catalogue } : {}),
    calendar,
    ...(manifest.scoring
      ? { scoring: { ...manifest.scoring, excludedSources: ['grid'], options: NO_SCHEME_OPTIONS } }
      : {}),
    health,
    open311: {
      jurisdictionId: manifest.open311.jurisdictionId ?? manifest.code,
      ...(manifest.open311.services ? { services: manifest.open311.services } : {}),
    },
    ...(manifest.notify.inboxAfterHours === undefined
      ? {}
      : { notify: { inboxAfterHours: manifest.notify.inboxAfterHours } }),
  };
  // The whole definition's checks, except at a cell whose own problem is already listed.
  const listed = new Set(problems.items.map((p) => p.path));
  for (const d of listJurisdictionProblems(definition)) {
    const path = locate(d.path, origins);
    if (!listed.has(path)) problems.add(path, d.message);
  }
  if (problems.size > 0) {
    throw new AppError(
      'BAD_INPUT',
      `辖区「${manifest.name}」的设置文件有 ${problems.size} 处问题，未建立`,
      problems.items,
    );
  }
  return definition;
}
