/**
 * A seeded generator of a realistic project library for benchmarks and tests: projects enter in
 * any month of the span at 谋划, 洽谈, 签约 or 入库, move along the stage model at the pace such
 * projects move (months in each stage by kind), some stall, some move back with a reason, some
 * leave the library; construction spreads the total investment over the building months, with
 * annual plans, planned milestones around the real dates (some late), 形象进度 reports, 入统 after
 * the start. Names are made up. Deterministic by seed and streaming (a generator function).
 */
import { daysInMonth, isoDate } from '../plan/dates.js';
import { createRng } from '../requests/generator.js';
import { DEFAULT_LIBRARIES, DEFAULT_STAGE_MODEL, roleIndex } from './stages.js';
import type {
  AnnualPlan,
  Library,
  LibraryProject,
  Milestone,
  MonthlyInvestment,
  StageModel,
  YearTarget,
} from './types.js';

export interface LibraryGeneratorOptions {
  seed: number;
  count: number;
  /** First year of the span; projects enter from two years before it. Default 2016. */
  firstYear?: number;
  /** Years of the span (monthly investment runs through its last December). Default 10. */
  years?: number;
  libraries?: Library[];
  /** Default DEFAULT_STAGE_MODEL; months per stage follow the default model's stages by position. */
  model?: StageModel;
  /** Lead units to draw from. Default 1–40. */
  unitIds?: number[];
  /** Enterprises to draw from for industry and science projects. Default 1–2000. */
  enterpriseIds?: number[];
  /** Where the points fall: an arbitrary 40 × 30 km box unless given. */
  bbox?: { west: number; south: number; east: number; north: number };
  /** First id. Default 1. */
  firstId?: number;
}

interface Kind {
  weight: number;
  /** Median total investment, 万元. */
  median: number;
  words: string[];
}

/** Per library (by position in `libraries`): share, size and what its projects are called. */
const KINDS: Kind[] = [
  {
    weight: 35,
    median: 150_000,
    words: ['综合交通枢纽', '医院', '学校', '道路工程', '水厂', '公园', '体育中心', '文化中心'],
  },
  {
    weight: 30,
    median: 60_000,
    words: [
      '生物医药产业基地',
      '智能制造产业园',
      '研发中心',
      '新能源装备基地',
      '集成电路封测基地',
      '数据中心',
      '总部大楼',
    ],
  },
  {
    weight: 25,
    median: 12_000,
    words: ['老旧小区综合整治', '老旧厂房更新', '街区更新', '平房院落改造', '商圈改造提升'],
  },
  { weight: 10, median: 4_000, words: ['科技成果转化中心', '中试基地', '联合实验室', '概念验证中心'] },
];
const FIRST = [
  '华',
  '中',
  '国',
  '恒',
  '瑞',
  '新',
  '博',
  '康',
  '远',
  '泰',
  '宏',
  '安',
  '嘉',
  '永',
  '鼎',
  '信',
  '睿',
  '德',
  '启',
  '盛',
];
const SECOND = [
  '晟',
  '创',
  '源',
  '科',
  '达',
  '通',
  '森',
  '弘',
  '联',
  '智',
  '芯',
  '润',
  '和',
  '拓',
  '航',
  '泽',
  '元',
  '峰',
  '铭',
  '宇',
];
const PHASES = ['', '', '', '一期', '二期', '三期'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['伟', '敏', '静', '磊', '洋', '勇', '军', '杰', '娟', '涛', '明', '超', '霞', '平', '刚'];
/** Months a project typically spends in each stage of the default model: [min, max]. */
const DWELL: [number, number][] = [
  [4, 18], // 谋划
  [2, 10], // 洽谈
  [1, 6], // 签约
  [2, 10], // 入库
  [1, 3], // 开工
  [10, 36], // 建设
  [6, 24], // 建成投用
  [0, 0], // 达产
];
const BACK_REASONS = ['规划调整，暂缓实施', '投资方调整方案', '用地手续需重新报批'];
const EXIT_REASONS = ['投资方放弃', '与其他项目合并', '不再符合入库条件'];

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function between(rng: () => number, [lo, hi]: [number, number]): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** A month index (year × 12 + month − 1) → a day in it. */
function dayOf(month: number, day: number): string {
  const y = Math.floor(month / 12);
  const m = (month % 12) + 1;
  return isoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

function monthKey(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}

function toMonth(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/** A lognormal draw around `median` (σ 0.8), rounded to 100 万元. */
function amount(rng: () => number, median: number): number {
  const u = Math.max(rng(), 1e-9);
  const v = rng();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.max(100, Math.round((median * Math.exp(0.8 * normal)) / 100) * 100);
}

/**
 * Streams `count` projects (ids from `firstId`). The same options give the same projects, and a
 * longer run starts with the projects of a shorter one.
 * @example
 * for (const p of generateLibrary({ seed: 1, count: 20_000 })) store.insert(p)
 */
export function* generateLibrary(options: LibraryGeneratorOptions): Generator<LibraryProject> {
  const rng = createRng(options.seed);
  const model = options.model ?? DEFAULT_STAGE_MODEL;
  const libraries = options.libraries ?? DEFAULT_LIBRARIES;
  const firstYear = options.firstYear ?? 2016;
  const years = options.years ?? 10;
  const units = options.unitIds ?? Array.from({ length: 40 }, (_, i) => i + 1);
  const enterprises = options.enterpriseIds ?? Array.from({ length: 2000 }, (_, i) => i + 1);
  const box = options.bbox ?? { west: 100.0, south: 30.0, east: 100.42, north: 30.27 };
  const firstMonth = (firstYear - 2) * 12;
  const lastMonth = (firstYear + years) * 12 - 1;
  const end = dayOf(lastMonth, 31);
  const ids = model.stages.map((s) => s.id);
  const startedAt = roleIndex(model, 'started');
  const completedAt = roleIndex(model, 'completed');
  const weights = libraries.map((_, i) => KINDS[i]?.weight ?? 10);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const names = new Set<string>();
  const firstId = options.firstId ?? 1;

  for (let n = 0; n < options.count; n++) {
    // Library and kind.
    let x = rng() * totalWeight;
    let li = 0;
    while (li < weights.length - 1 && x >= weights[li]!) x -= weights[li++]!;
    const library = libraries[li]!;
    const kind = KINDS[li] ?? KINDS[0]!;
    const r = rng();
    const cls = r < 0.15 ? 'A' : r < 0.5 ? 'B' : 'C';

    // A unique made-up name.
    const base = `${pick(rng, FIRST)}${pick(rng, SECOND)}${pick(rng, kind.words)}${pick(rng, PHASES)}`;
    let name = base;
    for (let k = 2; names.has(name); k++) name = `${base}（${k}号地块）`;
    names.add(name);
    const aliases = rng() < 0.2 ? [`${name.replace(/[一二三]期$/, '')}项目`] : [];

    // The stage history.
    const entered = firstMonth + Math.floor(rng() * (lastMonth - firstMonth + 1));
    const s0 = rng();
    let at = s0 < 0.6 ? 0 : s0 < 0.75 ? 1 : s0 < 0.85 ? 2 : 3;
    let month = entered;
    const history: LibraryProject['history'] = [
      { stage: ids[at]!, date: dayOf(month, 1 + Math.floor(rng() * 28)) },
    ];
    let exited: LibraryProject['exited'] = null;
    const stallAt = rng() < 0.12 ? between(rng, [0, 5]) : -1;
    let wentBack = false;
    // Only production (industry, science) goes on to 达产; a school or a park ends in use.
    const lastAt = li === 1 || li === 3 ? ids.length - 1 : completedAt;
    while (at < lastAt) {
      month += Math.max(1, between(rng, DWELL[at] ?? [3, 12]));
      if (month > lastMonth) break;
      const date = dayOf(month, 1 + Math.floor(rng() * 28));
      if (date <= history.at(-1)!.date) continue;
      if (at <= 1 && rng() < 0.06) {
        exited = { date, reason: pick(rng, EXIT_REASONS) };
        break;
      }
      if (at === stallAt) break;
      if (at === startedAt && !wentBack && rng() < 0.03) {
        wentBack = true;
        at = startedAt - 1;
        history.push({ stage: ids[at]!, date, reason: pick(rng, BACK_REASONS) });
        continue;
      }
      at++;
      history.push({ stage: ids[at]!, date });
    }

    // Money: the total spread over the building months (开工 to 建成投用, or the span's end).
    const total = at >= 2 || rng() < 0.5 ? amount(rng, kind.median) : null;
    const startedOn = history.find((e) => ids.indexOf(e.stage) >= startedAt)?.date;
    const doneOn = history.find((e) => ids.indexOf(e.stage) >= completedAt)?.date;
    const investments: MonthlyInvestment[] = [];
    const annual = new Map<number, number>();
    if (startedOn && total) {
      const from = toMonth(startedOn);
      const planned = doneOn ? toMonth(doneOn) : from + between(rng, [18, 40]);
      const to = Math.min(doneOn ? toMonth(doneOn) : planned, lastMonth);
      const spread = total * (0.75 + rng() * 0.25);
      const monthsAll = Math.max(1, planned - from + 1);
      for (let m = from; m <= to; m++) {
        const share = (spread / monthsAll) * (0.5 + rng());
        const value = rng() < 0.06 ? 0 : Math.round(share * 100) / 100;
        investments.push({ month: monthKey(m), amount: value });
        const y = Math.floor(m / 12);
        annual.set(y, (annual.get(y) ?? 0) + value);
      }
    }
    const annualPlans: AnnualPlan[] = [...annual].map(([year, done]) => ({
      year,
      planned: Math.round((done * (0.8 + rng() * 0.5)) / 100) * 100,
    }));

    // Milestones around the real dates (a third planned earlier than it happened).
    const milestones: Milestone[] = [];
    for (const stage of [ids[startedAt]!, ids[completedAt]!]) {
      const real = history.find((e) => e.stage === stage)?.date;
      const guess = real ? toMonth(real) + between(rng, [-6, 3]) : entered + between(rng, [8, 40]);
      if (rng() < 0.85) milestones.push({ stage, planned: dayOf(guess, 28) < end ? dayOf(guess, 28) : end });
    }
    milestones.sort((a, b) => a.planned.localeCompare(b.planned));

    // A year's target for some of the stages reached.
    const targets: YearTarget[] = [];
    for (const e of history.slice(1)) {
      const year = Number(e.date.slice(0, 4));
      const def = model.stages.find((s) => s.id === e.stage);
      if (def && !e.reason && rng() < 0.3 && !targets.some((t) => t.year === year))
        targets.push({ year, stage: e.stage, step: def.promises[0] ?? def.name });
    }

    // 形象进度 each quarter of building, 入统 after the start.
    const progress: LibraryProject['progress'] = [];
    for (let i = 0; i < investments.length; i += 3) {
      const percent = Math.min(100, Math.round(((i + 1) / Math.max(investments.length, 1)) * 100));
      progress.push({
        date: dayOf(toMonth(`${investments[i]!.month}-01`), 25),
        note: `完成总工程量的${percent}%`,
        percent,
      });
    }
    const registered =
      startedOn && total && total >= 500 && rng() < 0.9
        ? dayOf(toMonth(startedOn) + between(rng, [0, 2]), 20)
        : null;

    yield {
      id: firstId + n,
      name,
      aliases,
      library: library.code,
      class: cls,
      history,
      totalInvestment: total,
      annualPlans,
      investments,
      parcel: rng() < 0.6 ? `DK-${Math.floor(entered / 12)}-${String(n % 10_000).padStart(4, '0')}` : null,
      location:
        rng() < 0.9
          ? {
              lng: round6(box.west + rng() * (box.east - box.west)),
              lat: round6(box.south + rng() * (box.north - box.south)),
            }
          : null,
      leadUnitId: pick(rng, units),
      leader: `${pick(rng, SURNAMES)}${pick(rng, GIVEN)}`,
      enterpriseId: (li === 1 || li === 3) && rng() < 0.8 ? pick(rng, enterprises) : null,
      milestones,
      targets,
      progress: progress.filter((p) => p.date <= end),
      statsRegisteredOn: registered !== null && registered <= end ? registered : null,
      exited,
    };
  }
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
