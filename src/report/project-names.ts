/**
 * What a project's name looks like (GUIDE.md §2): a named facility, site, zone, road or line,
 * enterprise or platform — not a kind of facility ("产教融合实训基地", "大数据中心") nor a programme.
 * Names are split from their list, a 和 inside a name kept ("协和医学中心"), and a shared ending
 * completed ("大运河、长征国家文化公园" → 大运河国家文化公园).
 */

// What a named facility ends with: a phase, or a word for a built place or a zone.
export const FACILITY =
  /(期|城际|期[(（][一二三四五六七八九十0-9０-９]+[)）]|延伸?|段|号线|线|路|街|桥|隧道|通道|枢纽|站|港区|作业区|机场|高铁|高速|铁路|工程|项目|中心|基地|园区|产业园|工业园|工业区|科技园|园|公园|乐园|医院|院区|院|学校|小学|中学|幼儿园|大学|校区|馆|厂|水厂|设施|大厦|综合体|商圈|市场|地块|实验室|合作区|核心区|启动区|试验区|新区|片区|岛|谷|城|小镇|社区|公寓|公租房|敬老院|客厅|出口|入口|互通|服务区|快线|大道|快速路|水库|港|自由贸易港|平台)$/;

/** A built place or zone: a facility word at the end, after any "(一期)" in brackets. */
export function isFacility(name: string): boolean {
  return FACILITY.test(name) || FACILITY.test(name.replace(/[(（][^()（）]{1,4}[)）]$/, ''));
}

// Words that make up the names of kinds of facilities and of programmes, not of one place: a name
// built of these alone before its facility word is generic ("产教融合实训基地", "大宗商品资源配置
// 枢纽", "标志性产业项目"); a name with any other word in it ("长江经济带", "科兴", "雄安") is proper.
const CONCEPT_WORDS = [
  '产教融合',
  '实训',
  '大数据',
  '数据',
  '算力',
  '孵化',
  '标志性',
  '产业',
  '平安',
  '智慧',
  '数字',
  '轨道交通',
  '大宗商品',
  '资源配置',
  '资源',
  '配置',
  '全球',
  '中国特色',
  '自由贸易',
  '宜居宜业',
  '宜业',
  '和美',
  '国家',
  '数字经济',
  '经济',
  '行政',
  '执法',
  '监控',
  '指挥',
  '调度',
  '管理',
  '人民币',
  '资产',
  '要素',
  '交易',
  '结算',
  '综合',
  '公共',
  '服务',
  '创新',
  '创业',
  '科技',
  '研发',
  '检验检测',
  '物流',
  '冷链',
  '仓储',
  '应急',
  '防灾',
  '减灾',
  '救灾',
  '养老',
  '托育',
  '医疗',
  '康养',
  '文化',
  '体育',
  '健身',
  '教育',
  '职业',
  '技能',
  '培训',
  '人才',
  '政务',
  '便民',
  '社区',
  '邻里',
  '乡村',
  '农村',
  '城市',
  '城乡',
  '区域',
  '重点',
  '重大',
  '新型',
  '现代',
  '现代化',
  '高标准',
  '高水平',
  '国际',
  '国家级',
  '省级',
  '市级',
  '区级',
  '县级',
  '特色',
  '示范',
  '试点',
  '绿色',
  '低碳',
  '零碳',
  '生态',
  '环保',
  '污水',
  '垃圾',
  '固废',
  '能源',
  '充电',
  '换电',
  '加氢',
  '储能',
  '新能源',
  '光伏',
  '风电',
  '供水',
  '供热',
  '燃气',
  '停车',
  '交通',
  '多式联运',
  '口岸',
  '保税',
  '跨境',
  '电商',
  '贸易',
  '金融',
  '总部',
  '共享',
  '协同',
  '一体化',
  '在线',
  '网络',
  '信息',
  '通信',
  '工业互联网',
  '互联网',
  '人工智能',
  '先进',
  '高端',
  '制造',
  '智能',
  '微',
  '口袋',
  '街区',
  '商业',
  '消费',
  '夜间',
  '文旅',
  '旅游',
  '全域',
  '美丽',
  '宜居',
  '韧性',
  '海绵',
  '地下',
  '综合管廊',
  '老旧',
  '保障性',
  '租赁',
  '安居',
  '青年',
  '学生',
  '校园',
  '卫生',
  '健康',
  '疾控',
  '妇幼',
  '中医',
  '急救',
  '基层',
  '一站式',
  '集中',
  '统一',
  '大型',
  '小型',
  '中小',
  '专精特新',
  '更新',
  '改造',
  '建设',
  '发展',
  '治理',
  '保护',
  '提升',
  '升级',
  '转型',
  '高质量',
  '高品质',
  '优质',
  '公益',
  '普惠',
  '民生',
  '实事',
  '基础',
  '配套',
  '骨干',
  '枢纽',
  '中心',
  '大',
  '新',
  '的',
  '和',
  '及',
  '与',
  '类',
  '级',
].sort((a, b) => b.length - a.length);

/**
 * True when a name is a kind of facility rather than one place: short and bare ("大学"), or made
 * only of words of kinds before its facility word ("产教融合实训基地", "平安校园"). A single
 * integrated platform of the jurisdiction ("全国一体化在线政务服务平台") is one place.
 * @example isGenericName('标志性产业项目') // true
 * @example isGenericName('长江经济带多式联运中心') // false
 */
export function isGenericName(name: string): boolean {
  if (/^(?:全国|全省|全市|全区)[^，,]*一体化[^，,]*平台$/.test(name)) return false;
  if (/[0-9A-Za-z０-９“”"]/.test(name) || /^[一二三四五六七八九十]+期/.test(name)) return false;
  // a building is one place whatever it is called ("公共卫生服务大厦"); a base, centre, platform
  // or station named by its function alone is a kind ("孵化基地", "大数据中心")
  const kind = CLASS_FACILITY.exec(name);
  if (!kind) return FACILITY.test(name) && name.replace(FACILITY, '') === '';
  const head = name.slice(0, kind.index);
  let i = 0;
  while (i < head.length) {
    const word = CONCEPT_WORDS.find((w) => head.startsWith(w, i));
    if (!word) return false;
    i += word.length;
  }
  return true;
}

// Facility words that name a kind of place: what goes before them says whether it is one place.
const CLASS_FACILITY =
  /(?:基地|中心|平台|设施|站|点|园区|项目|校园|空间|载体|社区|枢纽|网络|片区|走廊|集聚区|试验区|示范区|港)$/;

export interface Name {
  text: string;
  start: number;
  /** The name completed with a shared ending, when the list wrote it once ("大运河国家文化公园"). */
  full?: string;
}

// 和 inside a word of a name, not between names: 协和, 和平, 和谐, 共和, 和林格尔.
const AND_IN_WORD_BEFORE = /[协共温祥人政柔缓饱总调]$/;
const AND_IN_WORD_AFTER = /^[平谐美林睦顺煦畅]/;

/** Splits "沙河高教园四期和二期(二)" at 和 between whole names; "协和医学中心" stays whole. */
function splitAnd(part: string): string[] {
  const i = part.indexOf('和');
  const j = part.indexOf('及');
  // "G325及S280": 及 joins two short names; "十三陵水库及纪念碑", "长城及其遗迹" are one name each
  if (j > 0 && (i < 0 || j < i)) {
    const left = part.slice(0, j);
    const right = part.slice(j + 1);
    if (left.length >= 2 && left.length <= 4 && right.length >= 2 && right.length <= 4 && right[0] !== '其')
      return [left, right];
  }
  if (i <= 0 || i === part.length - 1) return [part];
  const left = part.slice(0, i);
  const right = part.slice(i + 1);
  if (left.length < 2 || right.length < 2) return [part];
  if (AND_IN_WORD_BEFORE.test(left) || AND_IN_WORD_AFTER.test(right)) return [part];
  // "沙河高教园四期和二期(二)" joins two names; "全球医疗器械培训展示交易和创新中心" is one.
  if (isFacility(left) || (left.length <= 5 && right.length <= 5)) return [left, right];
  return [part];
}

/**
 * Splits a list of names at 、 and, between whole names, 和/及, with offsets into the text.
 * @example splitNames('西沙屯和满井西、小沙河', 0).map((n) => n.text) // ['西沙屯', '满井西', '小沙河']
 */
export function splitNames(list: string, offset: number): Name[] {
  const out: Name[] = [];
  let pos = 0;
  for (const part of list.split('、')) {
    let at = pos;
    for (const piece of splitAnd(part)) {
      const i = list.indexOf(piece, at);
      out.push({ text: piece, start: offset + i });
      at = i + piece.length;
    }
    pos += part.length + 1;
  }
  return out;
}

// Where the shared ending of a list begins in its last name: "长征|国家文化公园", "京雄|高速".
const ENDING_START =
  /(?:国家|省级|市级|文化|生态|湿地|森林|体育|科技|产业|高速|铁路|城际|高铁|机场|港|大桥|水库|水厂|医院|学校|公园|园区|工程|项目|中心|基地|片区|新区|新城|示范区|试验区|开发区)/g;

/**
 * "大运河、长征国家文化公园": names written before the last one without its ending share it (GUIDE.md
 * §2: the name is completed, the span stays on what is written). Only short bare names take it.
 */
export function shareEnding(names: Name[]): void {
  const last = names[names.length - 1];
  if (!last || names.length < 2 || !isFacility(last.text)) return;
  let ending = '';
  for (const m of last.text.matchAll(ENDING_START)) {
    if (m.index < 2) continue;
    const rest = last.text.slice(m.index);
    if (isFacility(rest)) {
      ending = rest;
      break;
    }
  }
  // a phase or a section belongs to the last name alone ("国家超算深圳中心二期")
  if (!ending || /[期段号]/.test(ending) || ending.length < 3) return;
  for (const n of names.slice(0, -1)) {
    if (!isFacility(n.text) && /^[\u4e00-\u9fa5]{2,4}$/.test(n.text)) n.full = n.text + ending;
  }
}
