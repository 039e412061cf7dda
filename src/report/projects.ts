import { PROJECT_DOUBTS, rate } from './doubt.js';
import { asciiDigits } from './outline.js';
import { isFacility, isGenericName, shareEnding, splitNames } from './project-names.js';
import type { Heading, Project, Span, Zone } from './types.js';

// GUIDE.md §2: a project list names projects and the step promised for them. A clause is the
// stretch between Chinese clause punctuation; a list of names never crosses one.
const CLAUSE = /(?:[^，,；;。：:！!？?\r\n—-]|(?<!-)-(?!-))+/g;

/** Longest first, so "建成投用" is tried before "建成". */
function byLength(a: string, b: string): number {
  return b.length - a.length;
}

// Steps written after the names ("…等40个项目签约落地"), longest first so "建成投用" beats "建成".
const STAGES_AFTER = [
  '主体结构封顶',
  '快速化提级改造',
  '通过国家级验收',
  '签约落地',
  '开工建设',
  '建成投用',
  '建成使用',
  '建成通车',
  '建成开园',
  '建成开学',
  '建成开放',
  '建成投运',
  '建成启用',
  '建成送电',
  '竣工开学',
  '竣工验收',
  '竣工投用',
  '投入使用',
  '投入运营',
  '开业运营',
  '前期工作',
  '前期手续',
  '改造提升',
  '提升改造',
  '提级改造',
  '保护修缮',
  '开发利用',
  '开发提速',
  '功能开发',
  '规划建设',
  '设计建设',
  '主体建设',
  '启动建设',
  '启动更新',
  '贯通开放',
  '基本建成',
  '开复工',
  '开工',
  '投产',
  '达产',
  '封顶',
  '投用',
  '建成',
  '开园',
  '开业',
  '通车',
  '入市',
  '落地',
  '签约',
  '供应',
  '建设',
  '开发',
  '利用',
  '更新',
  '修缮',
  '验收',
  '实施',
  '竣工',
  '完工',
  '投运',
  '启用',
  '交付使用',
  '交付',
  '通水',
  '并网',
  '开通运营',
  '开通',
  '试运行',
  '建设进度',
  '顺利推进',
  '获国家核准',
  '核准',
].sort(byLength);
// Steps as written that carry a manner or a measure: the core step is the stage (GUIDE.md §2).
const CORE_STEP: Record<string, string> = { 建设进度: '建设', 顺利推进: '推进' };
// "二期建设稳步实施", "X工程建设有序推进": the manner after the step says the work moves forward.
const MANNER_AFTER = /(?:稳步|有序|加快|顺利|全面|扎实|加速|持续)(?:实施|推进)$|进展顺利$/;
// Steps written before the names ("建成开放上海大歌剧院", "启动建设南北通道等工程").
const STAGES_BEFORE = [
  '改造完成',
  '完成改造',
  '建设完成',
  '改扩建',
  '扩建',
  '新建',
  '续建',
  '增设',
  '设立',
  '建成开放',
  '开工建设',
  '启动建设',
  '启动实施',
  '基本建成',
  '设计建设',
  '建成投用',
  '建成',
  '建设',
  '开放',
  '启动',
  '实施',
  '推进',
  '引入了',
  '引入',
  '完成',
  '打造',
  '投用',
].sort(byLength);
// Words that lead into a list without being its step ("推动…", "加快…", "高标准…").
const LEADS = [
  '同步提速',
  '协调',
  '统筹',
  '协同',
  '先后',
  '相继',
  '陆续',
  '尽快',
  '全速',
  '扎实',
  '强力',
  '探索',
  '推动',
  '加快',
  '加速',
  '保障',
  '支持',
  '力促',
  '力争',
  '实现',
  '抓好',
  '抓紧',
  '促进',
  '确保',
  '全力',
  '全面',
  '积极',
  '持续',
  '继续',
  '高标准',
  '高质量',
  '高水平',
  '精心',
  '先期',
  '同步',
  '做好',
  '着力',
  '大力',
  '有序',
  '稳步',
  '加紧',
  '争取',
  '坚决',
  '重点',
].sort(byLength);
// Steps strong enough to mark a project even with no leading verb ("阿苏卫循环经济产业园投入使用").
const STRONG =
  /^(主体结构封顶|通过国家级验收|签约落地|开工建设|建成\S{0,2}|竣工\S{0,2}|投入使用|投入运营|开业运营|启动建设|基本建成|开复工|开园|投用|贯通开放|开工|开通\S{0,2}|通车|投产|完工|获国家核准|核准|顺利推进)$/;
// "乐高乐园顺利开园", "…项目年内开工": a manner or time word before the step is not part of a name.
// "X尽早开工", "X工程推进前期工作": a verb glued before the step is not part of the name either.
const ADVERB_BEFORE_STAGE =
  /(顺利|全面|如期|按期|正式|基本|率先|全部|相继|尽快|尽早|早日|年内|年底前|上半年|加快|推进|启动|力争|确保|开展|抓紧)$/;
// Categories after 等 that say the names are projects ("等40个项目", "等轨道交通线", "等地块").
const CATEGORY =
  /项目|工程|地块|商圈|道路|路|线|道|住房|公租房|设施|平台|载体|空间|机构|名校|医院|资源|文物|单元|园|场馆|基地|校区|综合体|工厂|地铁|轨道|铁路|高速|公路|水利|交通|能源|管网|水库|机场|港口/;
const VERB_INSIDE = /建设|实施|推进|开展|应当?|必须|需要/;
// "抓紧建成全国一体化在线政务服务平台": the jurisdiction's single integrated platform is one place.
const JURISDICTION_PLATFORM = /^(?:全国|全省|全市|全区)[^，,]*一体化[^，,]*平台$/;
// Names are specific: not counts, not "一批/各类/新一轮…", not generic "城市", not a quoted
// programme ("“雪亮工程”") — a project's name may hold quotes ("小米“灯塔工厂”") but not open on one.
const NOT_NAME =
  /^([0-9０-９]+[个座家所项条批处]|[一二三四五六七八九十两几多]+[个座家所项条批处]|全国|全[省市州区县镇乡]|工程|项目|加强|强化|深化|完善|优化|各类|各[省市州区县镇乡]|一批|若干|多个|新一轮|一系列|重点|重大|新型|高品质|高水平|高质量|国际一流|现代化|一流|优质|特色|融入|基层|老旧|智慧|城市间|城际|跨[江海河市省区]|高快速|骨干|干线|配套|零碳|低碳|绿色|数字|完整|整体|更多|第|省级|市级|区级|县级|“|[0-9０-９]+(?:[.．][0-9０-９]+)?(?![0-9０-９.．号]))|城市$|体系$|机制$|战略$|行动$|计划$|政策$|服务$|改革$|试点$|[，,。；;的]/;
// "国内首家国际研究型医院": a superlative before the name is not part of it.
const FIRST_OF = /^(国内|全国|[全本我](?:省|市|州|区|县)|首都)?首[个家座条所批]/;
const COUNT = /^([0-9０-９]+|[一二三四五六七八九十两]+)\s*(个|座|家|所|项|条|批|处)/;
const CN: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

function parseCount(s: string): number | undefined {
  if (/^[0-9０-９]+$/.test(s)) return Number(asciiDigits(s));
  if (s.length === 1) return CN[s];
  if (s.length === 2 && s[0] === '十') return 10 + (CN[s[1] ?? ''] ?? 0);
  if (s.length === 2 && s[1] === '十') return (CN[s[0] ?? ''] ?? 0) * 10;
  return undefined;
}

/** The 等 that closes a list, not the one inside 中等/高等/平等/等级/等待. */
function findEtc(s: string): number {
  for (let i = s.indexOf('等'); i >= 0; i = s.indexOf('等', i + 1)) {
    if (!/[中高平同初对均相超]/.test(s[i - 1] ?? '') && !/[级待同于额]/.test(s[i + 1] ?? '')) return i;
  }
  return -1;
}

function startsWithAny(s: string, words: string[]): string | undefined {
  return words.find((w) => s.startsWith(w));
}

function endsWithAny(s: string, words: string[]): string | undefined {
  return words.find((w) => s.endsWith(w));
}

/**
 * Reads one clause as a project list, or undefined. Shapes (GUIDE.md §2):
 * "推动A、B等40个项目签约落地", "加快A、B建设", "建成开放A", "A建成投用".
 */
function readClause(clause: string, at: number, kind: Project['kind']): Project[] | undefined {
  // Most clauses hold no step at all: one regex test rules them out before any word list is tried.
  if (!ANY_STEP.test(clause)) return undefined;
  let body = clause;
  let offset = at;
  let before: string | undefined;
  let led = false;
  // Strip what leads into the list; the last step-verb among them is the step written before.
  for (let guard = 0; guard < 6; guard++) {
    const stage = startsWithAny(body, STAGES_BEFORE);
    const lead = startsWithAny(body, LEADS);
    const word = stage && (!lead || stage.length >= lead.length) ? stage : lead;
    if (!word) break;
    if (word === stage) before = stage.replace(/了$/, '');
    led = true;
    // "建设好长征国家文化公园": a complement 好 after the verb is not part of the name.
    const skip = word.length + (body[word.length] === '好' ? 1 : 0);
    body = body.slice(skip);
    offset += skip;
  }
  const first = FIRST_OF.exec(body);
  if (first) {
    body = body.slice(first[0].length);
    offset += first[0].length;
  }
  if (body.length < 2) return undefined;

  let list = body;
  let tail = '';
  let listCount: number | undefined;
  let bareStep = false;
  const etc = findEtc(body);
  const hasEtc = etc > 0;
  if (hasEtc) {
    list = body.slice(0, etc);
    tail = body.slice(etc + 1);
    const count = COUNT.exec(tail);
    if (count?.[1]) {
      listCount = parseCount(count[1]);
      tail = tail.slice(count[0].length);
    }
    // "等40个项目", "等轨道交通线" — not "等领域一批重大外资项目", where the names are fields;
    // "加快珠肇高铁、深南高铁…等建设": a bare step after 等 needs every name to be a built place.
    bareStep = !listCount && STAGES_AFTER.includes(tail);
    if ((!CATEGORY.test(tail) && !bareStep) || /^(领域|方面|行业|地区|区域)/.test(tail)) return undefined;
  } else {
    // "加快保利、华润两个城市综合体建设": a count without 等 also closes the list.
    const count = /([0-9０-９]{1,6}|[两二三四五六七八九十]{1,4})\s*个/.exec(body);
    if (count && count.index > 0 && body.includes('、') && CATEGORY.test(body.slice(count.index))) {
      list = body.slice(0, count.index);
      tail = body.slice(count.index + count[0].length);
      listCount = parseCount(count[1] ?? '');
    }
  }
  const closed = hasEtc || tail !== '';

  // The step written after the names, at the end of the clause (a few words may follow it).
  const scope = closed ? tail : list;
  // The step ends the clause, or is followed only by its result ("…地块利用取得突破性进展").
  const result = scope.indexOf('取得');
  let head = result > 0 ? scope.slice(0, result) : scope;
  // "二期建设稳步实施": the manner after the step moves the work forward, as a lead verb does
  const manner = MANNER_AFTER.exec(head);
  if (manner && endsWithAny(head.slice(0, manner.index), STAGES_AFTER)) {
    head = head.slice(0, manner.index);
    led = true;
  }
  const found = endsWithAny(head, STAGES_AFTER);
  // "建成投产", "竣工投用": a completing verb just before the step belongs to it.
  const joined = found ? /(建成|竣工|启动)$/.exec(head.slice(0, head.length - found.length))?.[1] : undefined;
  const after = found && joined && !found.startsWith(joined) ? joined + found : found;
  if (after && !closed) {
    // "推动沙河高教园四期和二期(二)地块入市": the category before the step is not part of a name.
    list = head
      .slice(0, head.length - after.length)
      .replace(ADVERB_BEFORE_STAGE, '')
      .replace(/(项目|地块)$/, '');
  }
  if (!after && !before) return undefined;
  // No 等 and no leading verb: only a strong step marks the names as projects ("…建成投用").
  if (!closed && !led && (!after || !STRONG.test(after))) return undefined;
  if (!closed && !after && before && /^(实施|推进|完成|引入|投用)$/.test(before)) return undefined;
  // "建设人民币资产全球配置中心": a verb before a single unlisted name needs a built place, not a
  // function ("…中心", "…枢纽") that any policy can set up.
  const strict = !closed && !after;

  // "粤东水资源优化配置工程（含龙颈水库扩建）": a note on what the project includes is no name.
  list = list.replace(/[（(]含[^（）()]{1,16}[）)]$/, '');
  if (!list || list.length < 2) return undefined;
  // "开工建设嘉闵线北延伸轨道交通线": a kind word after a named line is not part of the name.
  const kindWord = /(轨道交通线|线路)$/.exec(list);
  if (kindWord && isFacility(list.slice(0, kindWord.index))) list = list.slice(0, kindWord.index);
  const written = splitNames(list, offset).filter((n) => n.text.length >= 2 && n.text.length <= 30);
  if (!written.length || written.some((n) => NOT_NAME.test(n.text) && !JURISDICTION_PLATFORM.test(n.text)))
    return undefined;
  // "大学", "标志性产业项目", "平安校园": kinds of facilities are no projects (GUIDE.md §2); nor is a
  // clause with a verb inside ("新建居住区应配套建设社区养老服务设施")
  const names = written.filter((n) => !isGenericName(n.text) && !VERB_INSIDE.test(n.text.slice(1, -2)));
  if (!names.length) return undefined;
  // Without 等, the names must look like built places ("…二期", "…公园", "…号线").
  if (!closed && !names.some((n) => isFacility(n.text))) return undefined;
  if (!closed && names.length === 1 && !isFacility(names[0]?.text ?? '')) return undefined;
  if (bareStep && !names.every((n) => isFacility(n.text) || n.text.length >= 4)) return undefined;
  // "充电、加氢等设施建设": before a kind of place (设施, 平台, 空间) the words may name functions,
  // so they must read as built places themselves.
  if (/^(设施|平台|载体|空间|资源)/.test(tail) && !names.every((n) => isFacility(n.text))) return undefined;
  if (
    strict &&
    names.some(
      (n) =>
        /(中心|枢纽|社区|园区|基地|平台|城|港口|机场)$/.test(n.text) && !JURISDICTION_PLATFORM.test(n.text),
    )
  )
    return undefined;
  shareEnding(names);

  const step = after ? (CORE_STEP[after] ?? after) : undefined;
  const stage = before === '启动' && step ? `启动${step}` : (step ?? before ?? '');
  if (!stage) return undefined;
  const start = names[0]?.start ?? offset;
  const listSpan: Span = [start, at + clause.length];
  return names.map((n) => {
    // "推动地铁M1线开工、M2线竣工": a name may carry its own step inside the list.
    const own = endsWithAny(n.text, STAGES_AFTER);
    const written = own && isFacility(n.text.slice(0, -own.length)) ? n.text.slice(0, -own.length) : n.text;
    const name = n.full ?? written;
    const doubts = [
      ...(closed ? [] : ['NOT_LISTED']),
      ...(isFacility(name) ? [] : ['NO_FACILITY_WORD']),
      ...(strict ? ['STEP_BEFORE_ONLY'] : []),
      ...(n.full ? ['SHARED_ENDING'] : []),
      ...(name.length > 14 ? ['LONG_NAME'] : []),
    ];
    const project: Project = {
      span: [n.start, n.start + written.length] as Span,
      name,
      stage: written === n.text ? stage : (own ?? stage),
      kind,
      listSpan,
      ...(listCount !== undefined ? { listCount } : {}),
    };
    return rate(project, doubts, PROJECT_DOUBTS);
  });
}

/**
 * Named projects with their promised step (GUIDE.md §2), from every zone of the body: targets in
 * the outlook and plan, achievements in the review. Headings and appendices are skipped. Linear:
 * one pass over the clauses, each read with bounded work.
 * @example extractProjects('推动科兴生物疫苗质量研究中心、兴唐创新中心等40个项目签约落地。', zones)
 * // [{ name: '科兴生物疫苗质量研究中心', stage: '签约落地', listCount: 40, … }, { name: '兴唐创新中心', … }]
 */
export function extractProjects(text: string, zones: Zone[], outline: Heading[] = []): Project[] {
  const out: Project[] = [];
  const skip = outline.map((h) => h.span);
  let h = 0;
  for (const zone of zones) {
    if (zone.role === 'appendix' || zone.role === 'preamble') continue;
    const kind = zone.tense === 'past' ? 'achievement' : 'target';
    const part = text.slice(zone.span[0], zone.span[1]);
    for (const m of part.matchAll(CLAUSE)) {
      const raw = m[0];
      const lead = raw.length - raw.trimStart().length;
      const clause = raw.trim();
      if (clause.length < 4 || clause.length > 120) continue;
      const at = zone.span[0] + m.index + lead;
      while (h < skip.length && (skip[h]?.[1] ?? 0) <= at) h++;
      const heading = skip[h];
      if (heading && heading[0] <= at && at < heading[1]) continue;
      for (const [piece, from] of splitAtVerbs(clause, at)) {
        const found = readClause(piece, from, kind);
        if (found) out.push(...found);
      }
    }
  }
  return dropZonePrefixes(out);
}

// Every step, before or after the names: a clause with none of them names no project.
const ANY_STEP = new RegExp([...STAGES_AFTER, ...STAGES_BEFORE].join('|'));

// "推进海南自贸试验区建设、探索建设中国特色自由贸易港": a 、 before a verb starts another clause.
const VERB_AFTER_COMMA = new RegExp(
  `、(?=${[...STAGES_BEFORE, ...LEADS].filter((w) => w.length >= 2).join('|')})`,
  'g',
);

/** Splits a clause at each 、 that opens another verb phrase; each piece with its offset. */
function splitAtVerbs(clause: string, at: number): [string, number][] {
  if (!clause.includes('、')) return [[clause, at]];
  const out: [string, number][] = [];
  let from = 0;
  for (const m of clause.matchAll(VERB_AFTER_COMMA)) {
    out.push([clause.slice(from, m.index), at + from]);
    from = m.index + 1;
  }
  out.push([clause.slice(from), at + from]);
  return out.filter(([piece]) => piece.length >= 4);
}

// A zone a project stands in, written before its name: "生命谷", "科学城", "高新园".
const ZONE_PREFIX = /^[\u4e00-\u9fa5]{1,3}[谷城园港湾区]$/;

/**
 * "生命谷昌平国家实验室开工建设": where the report names the same project elsewhere without the
 * zone before it ("昌平国家实验室"), the zone is where it stands, not part of its name. One lookup
 * per name and prefix length, so linear.
 */
function dropZonePrefixes(projects: Project[]): Project[] {
  const names = new Set(projects.map((p) => p.name));
  for (const p of projects) {
    for (let k = 2; k <= 4 && p.name.length - k >= 4; k++) {
      const rest = p.name.slice(k);
      if (!names.has(rest) || !ZONE_PREFIX.test(p.name.slice(0, k))) continue;
      p.span = [p.span[0] + k, p.span[1]];
      p.name = rest;
      break;
    }
  }
  return projects;
}
