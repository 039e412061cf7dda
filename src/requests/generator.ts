/**
 * A seeded generator of realistic synthetic work orders: categories with their seasonal rhythm
 * (供暖 in the heating season, 积水 in the rainy summer), places of the jurisdiction with a few
 * recurring addresses, sources (热线, 网格), handling times by unit, and follow-up outcomes.
 * Deterministic by seed and streaming (a generator function), so it can feed ten million rows
 * to a benchmark without holding them.
 */
import { freshWork } from './fresh-work.js';
import { DEFAULT_CALENDAR, computeDeadline } from './calendar.js';
import type { WorkCalendar } from './calendar.js';
import { deriveDispatchRules, resolveOwner } from './catalogue.js';
import type { Catalogue, CatalogueRow } from './catalogue.js';
import type { Area, Jurisdiction } from './places.js';
import type { OrderDeadlines, OrderSource, RequestUnit, Satisfaction, WorkOrder } from './types.js';

/**
 * A small fast PRNG (sfc32 seeded through splitmix32): the same seed gives the same sequence.
 * @example
 * const rng = createRng(42); rng() // a number in [0, 1)
 */
export function createRng(seed: number): () => number {
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

interface CategoryProfile {
  /** Relative volume. */
  weight: number;
  /** Multipliers by month (index 0 = January). */
  season: number[];
  /** Phrases the citizen uses. */
  issues: string[];
  /** Where it happens, appended to the community. */
  spots: string[];
  /** Chance the unit solves it (before the unit's own quality). */
  solveRate: number;
  /** Typical hours from dispatch to reply. */
  replyHours: number;
}

const FLAT = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

/** Profiles of the example categories (common 12345 category names; a catalogue's rows without a profile are not generated). */
export const CATEGORY_PROFILES: Record<string, CategoryProfile> = {
  供暖: {
    weight: 14,
    season: [3, 2.2, 1.2, 0.3, 0.05, 0.02, 0.02, 0.02, 0.05, 0.4, 3.2, 3.6],
    issues: [
      '家里暖气不热，室温只有十四度',
      '暖气片漏水',
      '供暖后室温一直不达标',
      '暖气时冷时热，老人孩子受冻',
      '楼里整个单元暖气都不热',
    ],
    spots: ['号楼', '小区'],
    solveRate: 0.8,
    replyHours: 30,
  },
  积水: {
    weight: 6,
    season: [0.1, 0.1, 0.2, 0.4, 0.8, 2, 4, 3.5, 1, 0.3, 0.1, 0.1],
    issues: [
      '下雨后路口积水严重，车辆无法通行',
      '小区地库进水',
      '雨水排不出去，积水没过脚踝',
      '下凹桥积水，行人无法通过',
      '雨水篦子堵塞，路面积水',
    ],
    spots: ['路口', '下凹桥', '地库', '辅路'],
    solveRate: 0.75,
    replyHours: 40,
  },
  供水: {
    weight: 4,
    season: [1, 1, 1, 1, 1.1, 1.4, 1.5, 1.4, 1, 1, 1, 1],
    issues: ['小区突然停水，没有通知', '水压太低，高层用不上水', '自来水发黄有异味', '停水一天了还没来水'],
    spots: ['号楼', '小区'],
    solveRate: 0.85,
    replyHours: 20,
  },
  物业: {
    weight: 16,
    season: FLAT,
    issues: [
      '电梯坏了一周没人修',
      '物业不作为，楼道灯坏了不修',
      '物业费涨价没有公示',
      '小区门禁坏了，外来人员随意进出',
      '物业拒不维修漏水的屋顶',
    ],
    spots: ['号楼', '小区'],
    solveRate: 0.6,
    replyHours: 100,
  },
  噪声: {
    weight: 10,
    season: [0.7, 0.6, 0.8, 1, 1.2, 1.4, 1.5, 1.4, 1.1, 1, 0.8, 0.7],
    issues: [
      '工地夜间施工噪音扰民，影响休息',
      '楼下饭馆排风机噪声太大',
      '广场舞音响声音太大',
      '凌晨还在施工，噪音很大',
    ],
    spots: ['工地', '广场', '商铺', '号楼'],
    solveRate: 0.65,
    replyHours: 70,
  },
  停车: {
    weight: 9,
    season: FLAT,
    issues: ['车辆乱停占用消防通道', '小区停车位不够，停车难', '路边长期停放僵尸车', '共享单车堆放堵住路口'],
    spots: ['路口', '小区', '辅路'],
    solveRate: 0.6,
    replyHours: 90,
  },
  垃圾: {
    weight: 8,
    season: [0.9, 1.2, 0.9, 0.9, 1, 1.2, 1.3, 1.3, 1, 0.9, 0.9, 0.9],
    issues: ['垃圾桶满了好几天没人清运', '建筑垃圾堆放在路边', '垃圾站异味很大', '垃圾分类没人管，混装混运'],
    spots: ['垃圾站', '路边', '小区'],
    solveRate: 0.8,
    replyHours: 50,
  },
  道路: {
    weight: 6,
    season: [1, 1.1, 1.2, 1, 1, 1, 1.3, 1.2, 1, 1, 1, 1],
    issues: ['路面有大坑，电动车容易摔倒', '井盖缺失非常危险', '路灯不亮，晚上一片漆黑', '人行道地砖破损'],
    spots: ['路口', '辅路', '人行道'],
    solveRate: 0.7,
    replyHours: 120,
  },
  拖欠工资: {
    weight: 4,
    season: [2.5, 1.8, 0.8, 0.7, 0.7, 0.8, 0.8, 0.8, 0.9, 0.9, 1.2, 1.8],
    issues: ['工地拖欠农民工工资三个月', '公司拖欠工资不给结算', '老板跑路，欠薪没人管', '包工头拖欠工钱'],
    spots: ['工地', '公司'],
    solveRate: 0.55,
    replyHours: 160,
  },
  违法建设: {
    weight: 4,
    season: [0.6, 0.6, 1, 1.2, 1.3, 1.2, 1.1, 1.1, 1.1, 1, 0.9, 0.6],
    issues: ['一楼住户私搭乱建扩建院子', '楼顶违建加盖', '占用绿地违法建设', '底商违规搭建棚子'],
    spots: ['号楼', '小区'],
    solveRate: 0.45,
    replyHours: 200,
  },
  消费纠纷: {
    weight: 5,
    season: FLAT,
    issues: ['健身房预付卡跑路不退款', '商家卖过期食品', '培训机构办卡后不退费', '超市价格欺诈'],
    spots: ['商铺', '商场'],
    solveRate: 0.6,
    replyHours: 100,
  },
  教育: {
    weight: 3,
    season: [0.6, 0.6, 0.8, 1.2, 1.6, 1.8, 1.4, 1.8, 1.2, 0.7, 0.6, 0.6],
    issues: ['孩子入学学位不够', '幼儿园收费不合理', '学校门口上下学拥堵', '校外培训违规上课'],
    spots: ['学校', '幼儿园'],
    solveRate: 0.5,
    replyHours: 130,
  },
  园林绿化: {
    weight: 3,
    season: [0.5, 0.5, 0.9, 1.4, 1.6, 1.5, 1.4, 1.2, 1, 0.8, 0.7, 0.5],
    issues: ['树枝遮挡窗户需要修剪', '公园绿地无人养护', '大树倾斜有倒伏危险', '杨柳絮太多'],
    spots: ['公园', '小区', '路边'],
    solveRate: 0.75,
    replyHours: 120,
  },
};

const PLEAS = [
  '希望尽快解决。',
  '请相关部门处理。',
  '已经反映多次了。',
  '',
  '麻烦尽快派人来看看。',
  '影响正常生活。',
];
/** Texts that say little, as many real calls do: they make classification honest. */
const VAGUE = [
  '反映的问题一直没解决，请尽快处理',
  '之前打过电话，到现在没人管',
  '还是那个问题，希望有人来看看',
];

export interface SyntheticOrder {
  id: number;
  source: OrderSource;
  category: string;
  text: string;
  area: string;
  community: string;
  address: string;
  /** Near the area's centre; absent when the area has none. */
  lat?: number;
  long?: number;
  receivedAt: string;
  leadUnitId: number;
  signedAt: string;
  contactedAt: string | null;
  repliedAt: string;
  closedAt: string;
  /** Null for a grid find (未诉先办: no citizen to call back). */
  followUp: {
    at: string;
    reached: boolean;
    contacted: boolean;
    resolved: boolean;
    satisfaction: Satisfaction;
  } | null;
}

export interface GeneratorOptions {
  seed: number;
  count: number;
  /** ISO instants: orders are spread over [from, to) in time order. */
  from: string;
  to: string;
  /** The jurisdiction's areas, its units and catalogue rows (a jurisdiction is data). */
  jurisdiction: Jurisdiction;
  units: RequestUnit[];
  rows: CatalogueRow[];
  /** Share of texts that carry no category words (default 0.05). */
  vagueShare?: number;
  /** First id (default 1). */
  firstId?: number;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * `new Date(ms).toISOString()` for 1970–9999, several times faster on a time-ordered stream:
 * the date part is cached per day (Date#toISOString costs ~1 µs, the generator makes 7 per order).
 */
function createIsoFormatter(): (ms: number) => string {
  const prefixes = new Map<number, string>();
  return (ms) => {
    const day = Math.floor(ms / DAY);
    let prefix = prefixes.get(day);
    if (prefix === undefined) {
      // Orders come in time order and their steps lie within weeks: a small cache suffices.
      if (prefixes.size > 512) prefixes.clear();
      prefix = new Date(day * DAY).toISOString().slice(0, 11);
      prefixes.set(day, prefix);
    }
    let rest = Math.floor(ms - day * DAY);
    const milli = rest % 1000;
    rest = (rest - milli) / 1000;
    const sec = rest % 60;
    rest = (rest - sec) / 60;
    const min = rest % 60;
    const hour = (rest - min) / 60;
    return `${prefix}${PAD2[hour]}:${PAD2[min]}:${PAD2[sec]}.${PAD3[milli]}Z`;
  };
}

/** A coordinate near `centre` (±0.01°, rounded to 1e-6), or undefined without a centre. */
function jitter(centre: number | undefined, draw: number): number | undefined {
  return centre === undefined ? undefined : Math.round((centre + (draw - 0.5) * 0.02) * 1e6) / 1e6;
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/** Cumulative weights → index, by binary search. */
function pickWeighted(rng: () => number, cumulative: Float64Array): number {
  const x = rng() * (cumulative[cumulative.length - 1] ?? 0);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Streams `count` synthetic orders in time order. The same options give the same orders.
 * Units differ in speed and quality (a fixed draw per unit from the seed), so 三率 and
 * rankings spread like real ones; a few addresses recur in each area.
 * @example
 * for (const o of generateOrders({ seed: 1, count: 3, from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z', jurisdiction, units, rows })) o.category
 */
export function* generateOrders(options: GeneratorOptions): Generator<SyntheticOrder> {
  const rng = createRng(options.seed);
  const { jurisdiction, units } = options;
  const rows = options.rows.filter((r) => CATEGORY_PROFILES[r.category]);
  const vagueShare = options.vagueShare ?? 0.05;
  const start = Date.parse(options.from);
  const span = Date.parse(options.to) - start;
  const firstId = options.firstId ?? 1;
  const iso = createIsoFormatter();

  // Per month: cumulative category weights.
  const byMonth = Array.from({ length: 12 }, (_, m) => {
    const cum = new Float64Array(rows.length);
    let total = 0;
    rows.forEach((r, i) => {
      const p = CATEGORY_PROFILES[r.category] as CategoryProfile;
      total += p.weight * (p.season[m] ?? 1);
      cum[i] = total;
    });
    return cum;
  });
  // Areas weighted by population (回天 streets are large).
  const areaCum = new Float64Array(jurisdiction.areas.length);
  let areaTotal = 0;
  jurisdiction.areas.forEach((a, i) => {
    areaTotal += a.kind === 'street' ? 3 : 1;
    areaCum[i] = areaTotal;
  });
  // Each area has one hot address that recurs (an endless construction site, a leaking block).
  const hot = jurisdiction.areas.map((a) => `${pick(rng, a.communities)}${1 + Math.floor(rng() * 30)}号楼`);
  // Each unit's speed (× reply hours) and quality (× solve rate).
  const quality = new Map(units.map((u) => [u.id, { speed: 0.6 + rng() * 0.9, solve: 0.8 + rng() * 0.35 }]));
  const ownerCache = new Map<string, number>();
  const owner = (row: CatalogueRow, area: Area): number => {
    const key = `${row.category}|${area.name}`;
    let id = ownerCache.get(key);
    if (id === undefined) {
      id = resolveOwner(row.owner, area.name, units);
      ownerCache.set(key, id);
    }
    return id;
  };

  for (let i = 0; i < options.count; i++) {
    const t = start + ((i + rng()) / options.count) * span;
    // Beijing month of the instant.
    const month = new Date(t + 8 * HOUR).getUTCMonth();
    const row = rows[pickWeighted(rng, byMonth[month] as Float64Array)] as CatalogueRow;
    const profile = CATEGORY_PROFILES[row.category] as CategoryProfile;
    const areaIndex = pickWeighted(rng, areaCum);
    const area = jurisdiction.areas[areaIndex] as Area;
    const community = pick(rng, area.communities);
    const isHot = rng() < 0.04;
    const spot = pick(rng, profile.spots);
    const n = 1 + Math.floor(rng() * 40);
    const address = isHot
      ? (hot[areaIndex] as string)
      : spot === '号楼'
        ? `${community}${n}号楼`
        : `${community}${spot}`;
    const s = rng();
    const source: OrderSource = s < 0.68 ? 'hotline' : s < 0.83 ? 'web' : s < 0.9 ? 'api' : 'grid';
    const issue = rng() < vagueShare ? pick(rng, VAGUE) : pick(rng, profile.issues);
    const text =
      source === 'grid'
        ? `网格员巡查发现：${area.name}${address}${issue}`
        : `${pick(rng, ['我住在', '', '来电人反映：', '市民反映'])}${area.name}${address}，${issue}，${pick(rng, PLEAS)}`;
    const leadUnitId = owner(row, area);
    const q = quality.get(leadUnitId) ?? { speed: 1, solve: 1 };
    const signedAt = t + (0.05 + rng() * 1.5) * HOUR * q.speed;
    const contacted = rng() < 0.96;
    const contactedAt = contacted ? signedAt + (0.2 + rng() * 6) * HOUR * q.speed : null;
    const replyAt = signedAt + profile.replyHours * q.speed * (0.3 + rng() * 1.4) * HOUR;
    const closedAt = replyAt + (0.5 + rng() * 12) * HOUR;
    let followUp: SyntheticOrder['followUp'] = null;
    if (source !== 'grid') {
      const resolved = rng() < Math.min(0.98, profile.solveRate * q.solve);
      const r = rng();
      const satisfaction: Satisfaction = resolved
        ? r < 0.78
          ? '满意'
          : r < 0.95
            ? '基本满意'
            : '不满意'
        : r < 0.1
          ? '满意'
          : r < 0.35
            ? '基本满意'
            : '不满意';
      followUp = {
        at: iso(closedAt + (2 + rng() * 46) * HOUR),
        reached: rng() < 0.9,
        contacted: contacted ? rng() < 0.97 : rng() < 0.2,
        resolved,
        satisfaction,
      };
    }
    yield {
      id: firstId + i,
      source,
      category: row.category,
      text,
      area: area.name,
      community,
      address,
      // Both draws happen with or without a centre, so the stream stays the same either way.
      lat: jitter(area.lat, rng()),
      long: jitter(area.long, rng()),
      receivedAt: iso(t),
      leadUnitId,
      signedAt: iso(signedAt),
      contactedAt: contactedAt === null ? null : iso(contactedAt),
      repliedAt: iso(replyAt),
      closedAt: iso(closedAt),
      followUp,
    };
  }
}

export interface MaterializeOptions {
  /** The instant the order is seen at: later steps have not happened yet. */
  now: string;
  catalogue: Catalogue;
  calendar?: WorkCalendar;
}

/**
 * A synthetic order as a WorkOrder seen at `now`: dispatched on receipt under the catalogue in
 * force, with its deadlines on the calendar, and each later step only if it happened by `now`.
 * An unresolved follow-up reopens the order (as applyEvent does); the rework round then takes
 * as long as the first and ends resolved and 基本满意. For loading benchmarks and demos.
 * @example
 * materializeOrder(synthetic, { now: '2024-07-01T00:00:00Z', catalogue }).status // 'closed'
 */
export function materializeOrder(o: SyntheticOrder, options: MaterializeOptions): WorkOrder {
  const now = Date.parse(options.now);
  const calendar = options.calendar ?? DEFAULT_CALENDAR;
  const dispatch = deriveDispatchRules(options.catalogue, o.category, o.receivedAt);
  const happened = (t: string | null | undefined): t is string =>
    t !== null && t !== undefined && Date.parse(t) <= now;
  const deadlinesFrom = (from: string): OrderDeadlines => ({
    sign: { due: computeDeadline(calendar, from, dispatch.rules.sign), rule: dispatch.rules.sign, from },
    contact: {
      due: computeDeadline(calendar, from, dispatch.rules.contact),
      rule: dispatch.rules.contact,
      from,
    },
    finish: {
      due: computeDeadline(calendar, from, dispatch.rules.finish),
      rule: dispatch.rules.finish,
      from,
    },
  });
  const order: WorkOrder = {
    id: o.id,
    source: o.source,
    text: o.text,
    category: o.category,
    location: {
      address: o.address,
      area: o.area,
      community: o.community,
      ...(o.lat !== undefined && o.long !== undefined ? { lat: o.lat, long: o.long } : {}),
    },
    media: [],
    contact: o.source === 'grid' ? null : { phone: `139${String(o.id % 1e8).padStart(8, '0')}` },
    privacy: { anonymousToPublic: true, anonymousToUnit: false },
    receivedAt: o.receivedAt,
    dedupeKey: o.id.toString(16).padStart(16, '0'),
    // Taken in, then dispatched at once: an order's fresh work state with its dispatch.
    ...freshWork(),
    status: 'dispatched',
    leadUnitId: o.leadUnitId,
    designated: dispatch.designated,
    deadlines: deadlinesFrom(o.receivedAt),
    catalogueVersion: dispatch.catalogueVersion,
    rules: dispatch.rules,
    version: 2,
  };
  const round = (times: {
    signedAt: string;
    contactedAt: string | null;
    repliedAt: string;
    closedAt: string;
  }): boolean => {
    if (!happened(times.signedAt)) return false;
    order.status = 'signed';
    order.signedAt = times.signedAt;
    order.version++;
    if (happened(times.contactedAt) && order.contact) {
      order.contactedAt = times.contactedAt;
      order.version++;
    }
    if (!happened(times.repliedAt)) return false;
    order.status = 'replied';
    order.repliedAt = times.repliedAt;
    order.publicNote = '已办理';
    order.version++;
    if (!happened(times.closedAt)) return false;
    order.status = 'closed';
    order.closedAt = times.closedAt;
    order.version++;
    return true;
  };
  if (!round(o) || !o.followUp || !happened(o.followUp.at)) return order;
  const f = o.followUp;
  order.followUps.push(
    f.reached
      ? {
          at: f.at,
          reached: true,
          contacted: f.contacted,
          resolved: f.resolved,
          satisfaction: f.satisfaction,
        }
      : { at: f.at, reached: false, contacted: null, resolved: null, satisfaction: null },
  );
  order.version++;
  if (!f.reached || f.resolved) return order;
  // Reopened (重办): a second round as long as the first, from the follow-up.
  const start = Date.parse(f.at);
  const shift = (t: string | null): string | null =>
    t === null ? null : new Date(start + Date.parse(t) - Date.parse(o.receivedAt)).toISOString();
  Object.assign(order, {
    status: 'dispatched',
    reopenCount: 1,
    deadlines: deadlinesFrom(f.at),
    signedAt: null,
    contactedAt: null,
    repliedAt: null,
    closedAt: null,
  });
  const second = {
    signedAt: shift(o.signedAt) as string,
    contactedAt: shift(o.contactedAt),
    repliedAt: shift(o.repliedAt) as string,
    closedAt: shift(o.closedAt) as string,
  };
  const followAt = shift(f.at) as string;
  if (round(second) && happened(followAt)) {
    order.followUps.push({
      at: followAt,
      reached: true,
      contacted: true,
      resolved: true,
      satisfaction: '基本满意',
    });
    order.version++;
  }
  return order;
}
