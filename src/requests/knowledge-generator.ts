/**
 * Seeded synthetic knowledge-base entries for tests and the benchmark (issue 20): questions and
 * answers as a unit writes them — where and when a service is done, what to bring, what it
 * costs, whom to call — over the categories, places and units the caller passes (nothing of a
 * place is built in). The same seed gives the same entries.
 */
import { createRng } from './generator.js';
import type { KnowledgeContent } from './knowledge.js';

/** Services a unit explains, by the catalogue category they are asked under. */
const SUBJECTS: Record<string, string[]> = {
  供暖: ['供暖费缴纳', '暖气报修', '供暖开始时间', '停暖申请', '供暖补贴', '室温检测'],
  供水: ['水费缴纳', '停水通知', '水表更换', '自来水开户', '水质检测', '二次供水'],
  物业: ['物业费标准', '专项维修资金', '业主大会成立', '物业服务投诉', '物业交接', '电梯维保'],
  停车: ['居住区停车', '路侧停车收费', '停车位申请', '充电桩安装', '僵尸车清理', '停车月票'],
  垃圾: ['大件垃圾清运', '垃圾分类投放', '装修垃圾清运', '厨余垃圾桶申领', '垃圾清运时间'],
  道路: ['路灯报修', '井盖缺失', '道路破损', '占道施工审批', '交通标志设置', '人行道修复'],
  拖欠工资: ['劳动仲裁申请', '欠薪投诉', '劳动合同纠纷', '工伤认定', '农民工工资保证金'],
  消费纠纷: ['预付卡退费', '网购退货', '商品质量投诉', '价格欺诈举报', '餐饮卫生投诉'],
  教育: ['入学登记', '幼儿园报名', '转学手续', '学区划片', '课后服务', '学籍证明'],
  园林绿化: ['树木修剪申请', '绿地认养', '古树保护', '公园开放时间', '绿化带补植'],
  噪声: ['施工噪声投诉', '夜间施工许可', '广场舞噪声', '商业噪声', '装修时间规定'],
  违法建设: ['违建举报', '私搭乱建认定', '违建拆除程序', '临时建筑审批'],
  积水: ['雨季积水报告', '防汛物资领取', '地下室进水', '排水管网疏通'],
};

const GENERIC = ['办事指南', '政策咨询', '投诉渠道', '服务时间', '收费标准', '申请条件'];

const ASPECTS = [
  '办理时间',
  '办理地点',
  '所需材料',
  '办理流程',
  '收费标准',
  '咨询电话',
  '办理时限',
  '申请条件',
  '网上办理',
  '政策依据',
  '补办手续',
  '进度查询',
];

const QUESTIONS = [
  (s: string, a: string, p: string) => `${p}${s}的${a}是什么？`,
  (s: string, a: string, p: string) => `${s}${a}怎么查？${p}有没有窗口`,
  (s: string, a: string, p: string) => `请问${p}${s}${a}有哪些规定`,
  (s: string, a: string, p: string) => `${s}在${p}如何办理，${a}是多少`,
];

const OFFICES = ['政务服务中心', '便民服务大厅', '社区服务站', '综合窗口', '服务中心二楼'];

/** Characters of place and estate names (小区、道路、服务站): a real base names thousands of places. */
const NAME_CHARS = [
  ...'安宝北碧博昌朝晨城澄春翠大德鼎东都枫凤福富港高广贵国海和河红虹华怀汇惠吉佳嘉建江金锦京景静久居君康兰蓝丽莲林龙鹿绿美明南宁平浦齐祺千清庆秋泉仁荣瑞润桑森山上尚圣盛石世书曙顺泰天田亭通同万望文西溪霞祥新星兴秀雅燕阳怡颐银永友裕园远悦云泽长兆振正芝中竹紫',
];
const NAME_SUFFIXES = ['小区', '家园', '花园', '苑', '里', '路', '街', '村', '社区', '大厦', '公寓', '新城'];
const MATERIALS = ['身份证原件', '户口簿', '房屋产权证明', '申请表', '委托书', '近期照片', '缴费凭证'];
const CHANNELS = ['政务服务网', '政务服务App', '微信公众号', '自助服务终端'];
const DOCS = ['管理办法', '实施细则', '服务指南', '工作规程', '通知', '公告'];

/** Options of the generator: the deployment's words and numbers it may use. */
export interface KnowledgeGeneratorOptions {
  seed: number;
  count: number;
  categories: readonly string[];
  areas: readonly string[];
  unitIds: readonly number[];
  /** validFrom of every entry (default 2024-01-01). */
  validFrom?: string;
  /** Review dates are spread over this many days after validFrom (default 540). */
  reviewSpreadDays?: number;
}

/**
 * `count` entries' contents. About one in three is for the whole jurisdiction, the others for
 * one street or town; review dates spread so some are past (stale) at any date in the spread.
 * @example
 * [...generateKnowledgeContents({ seed: 1, count: 2, categories: ['供暖'], areas: ['城北街道'], unitIds: [101] })].length // 2
 */
export function* generateKnowledgeContents(options: KnowledgeGeneratorOptions): Generator<KnowledgeContent> {
  const rng = createRng(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
  const from = options.validFrom ?? '2024-01-01';
  const spread = options.reviewSpreadDays ?? 540;
  const start = Date.parse(`${from}T00:00:00Z`);
  for (let i = 0; i < options.count; i++) {
    const category = pick(options.categories);
    const subject = pick(SUBJECTS[category] ?? GENERIC.map((g) => `${category}${g}`));
    const aspect = pick(ASPECTS);
    const area = rng() < 0.35 || options.areas.length === 0 ? null : pick(options.areas);
    const name = `${pick(NAME_CHARS)}${pick(NAME_CHARS)}${pick(NAME_SUFFIXES)}`;
    // Half the entries name a place of their own (an estate, a road), as local answers do.
    const place = `${area ?? ''}${rng() < 0.5 ? name : ''}`;
    const hour = 8 + Math.floor(rng() * 2);
    const days = 1 + Math.floor(rng() * 15);
    const phone = `010-${String(60000000 + Math.floor(rng() * 9999999)).slice(0, 8)}`;
    const materials = [pick(MATERIALS), pick(MATERIALS)].filter((m, j, all) => all.indexOf(m) === j);
    const docNo = 1 + Math.floor(rng() * 40);
    const year = 2019 + Math.floor(rng() * 6);
    const answer =
      `${subject}可到${place}${pick(OFFICES)}办理，工作时间为周一至周五上午${hour}:00至12:00、` +
      `下午13:30至17:00（法定节假日除外）。需携带${materials.join('、')}。符合条件的，` +
      `${days}个工作日内办结；也可通过${pick(CHANNELS)}在线申请。${aspect}如有疑问请拨打${phone}咨询。`;
    yield {
      question: pick(QUESTIONS)(subject, aspect, place),
      answer,
      category,
      area,
      ownerUnitId: pick(options.unitIds),
      source: `《${subject}${pick(DOCS)}》（${year}年第${docNo}号）`,
      validFrom: from,
      validTo:
        rng() < 0.1
          ? new Date(start + (400 + Math.floor(rng() * 400)) * 86_400_000).toISOString().slice(0, 10)
          : null,
      reviewBy: new Date(start + (30 + Math.floor(rng() * spread)) * 86_400_000).toISOString().slice(0, 10),
      keywords: rng() < 0.3 ? [aspect] : [],
    };
  }
}
