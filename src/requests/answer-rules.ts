/**
 * Answer checks by rule (答复质检规则, issue 20): every reply a unit gives is read before it can
 * close the order. A reply is refused when it is too short, when it only says the order was
 * passed on or is "being handled" (已转相关部门、正在处理) without saying what was done, when the
 * category needs a date or a place and the reply gives none, or when it contradicts what the
 * citizen said on the follow-up (回访). Each finding carries a stable reason code the web
 * translates and a sentence in the words of a 12345 centre, with the phrase that set it off.
 *
 * The rule set is data the centre edits (versioned like the scoring schemes); the defaults below
 * are a starting point. Every check is a few substring and regular-expression scans: well under
 * a millisecond per reply (bench/desk.ts).
 */
import { REPLY_RULE_CODES } from '../contract/constants.js';
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { FollowUp, WorkOrder } from './types.js';

/** The rules' reason codes live in the API's vocabulary (src/contract/constants.ts). */
export { REPLY_RULE_CODES };
export type ReplyRuleCode = (typeof REPLY_RULE_CODES)[number];

/** What a finding does: refuse the reply, or let it through with a warning the unit sees. */
export type ReplyRuleSeverity = 'refuse' | 'warn' | 'off';

export interface ReplyRuleSet {
  version: number;
  /** Day (YYYY-MM-DD) from which this set applies. */
  effectiveFrom: string;
  note: string;
  /** Fewest characters (Chinese characters, letters, digits) of a reply. */
  minLength: number;
  /** Phrases that say nothing was done (套话). */
  stockPhrases: string[];
  /** Words that say something was done; one of them lets a stock phrase pass. */
  actionWords: string[];
  /** Categories whose replies must give a date or time limit (when it is fixed, paid, restored). */
  needsDate: string[];
  /** Categories whose replies must name the place acted on. */
  needsPlace: string[];
  /** What each rule does; a rule not listed refuses. */
  severity: Partial<Record<ReplyRuleCode, ReplyRuleSeverity>>;
  /** Similarity (0–1, shared character pairs) above which a new reply repeats the last one. */
  repeatSimilarity: number;
}

export const DEFAULT_REPLY_RULES: ReplyRuleSet = {
  version: 1,
  effectiveFrom: '2024-01-01',
  note: '默认规则：字数、套话、时间地点、与回访矛盾、重复答复',
  minLength: 20,
  stockPhrases: [
    '已转相关部门',
    '已转交相关部门',
    '已转有关部门',
    '已转交有关部门',
    '已转相关单位',
    '已转交相关单位',
    '已转派',
    '已反馈相关部门',
    '已反馈给相关部门',
    '已上报',
    '已记录',
    '已登记',
    '正在处理',
    '正在协调',
    '正在研究',
    '正在核实',
    '会尽快处理',
    '将尽快处理',
    '尽快解决',
    '请耐心等待',
    '将持续关注',
    '加强管理',
    '加大巡查力度',
    '进一步加强',
  ],
  actionWords: [
    '已修复',
    '已维修',
    '已修好',
    '已更换',
    '已清理',
    '已清运',
    '已清除',
    '已拆除',
    '已恢复',
    '已疏通',
    '已安装',
    '已补',
    '已整改',
    '已处罚',
    '已罚款',
    '已约谈',
    '已下达',
    '已退还',
    '已退款',
    '已发放',
    '已支付',
    '已办理',
    '已完成',
    '已停止',
    '已制止',
    '已移走',
    '已立案',
    '责令',
    '现场',
    '到场',
    '入户',
  ],
  needsDate: ['供暖', '供水', '道路', '积水', '拖欠工资', '消费纠纷'],
  needsPlace: ['积水', '道路', '垃圾', '违法建设', '园林绿化', '噪声', '停车'],
  severity: {},
  repeatSimilarity: 0.85,
};

/** One rule a reply broke. */
export interface ReplyFinding {
  code: ReplyRuleCode;
  severity: 'refuse' | 'warn';
  /** What the unit reads (zh-CN). */
  message: string;
  /** The words of the reply that set it off, when there are some. */
  evidence?: string;
}

/** What the rules need of the order: its category and place, follow-ups and contact. */
export type CheckedOrder = Pick<
  WorkOrder,
  'category' | 'location' | 'followUps' | 'contactedAt' | 'reopenCount'
>;

const DATE_PATTERNS = [
  /\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]/,
  /\d{1,2}\s*月\s*\d{1,2}\s*[日号]/,
  /[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}[日号]/,
  /[今明后][天日]|本周|下周|本月|下月|月底|月初|年底|周[一二三四五六日]|星期[一二三四五六日天]/,
  /\d+\s*个?\s*(工作日|小时|天|日|周)(内|之内|前)/,
  /[一二三四五六七八九十两]+个?(工作日|小时|天|日|周)(内|之内|前)/,
  /\d{1,2}\s*[:：]\s*\d{2}/,
  /[上下]午\s*\d{1,2}\s*[点时]/,
];

const PLACE_SUFFIX =
  /[\p{Script=Han}\d]{1,12}(路|街|胡同|巷|小区|社区|村|号楼|号院|单元|路口|桥|站|公园|广场|门前|楼下|院内|停车场|地下室)/u;

const CLAIMS_RESOLVED = /已(经)?(解决|办结|处理完毕|处理完成|完成整改|修复|修好|恢复)|问题已(经)?(解决|处理)/;
const CLAIMS_CONTACT =
  /已(经)?(与|和|同)?(市民|来电人|诉求人|群众|居民)?(电话|当面|上门)?(联系|沟通|告知|回复市民)/;

const MEANINGFUL = /[\p{Script=Han}A-Za-z0-9]/gu;

function normalize(text: string): string {
  return text.normalize('NFKC');
}

function meaningfulLength(text: string): number {
  return text.match(MEANINGFUL)?.length ?? 0;
}

function bigrams(text: string): Set<string> {
  const chars = text.match(MEANINGFUL) ?? [];
  const set = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) set.add(`${chars[i]}${chars[i + 1]}`);
  return set;
}

/**
 * Shared character pairs of two texts (Dice coefficient, 0–1).
 * @example
 * textSimilarity('已清理积水', '已清理积水。') // 1
 */
export function textSimilarity(a: string, b: string): number {
  const x = bigrams(normalize(a));
  const y = bigrams(normalize(b));
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const pair of x) if (y.has(pair)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** The words of `words` found in `text`. */
const found = (text: string, words: readonly string[]): string[] => words.filter((w) => text.includes(w));

/** The last follow-up that reached the citizen, if any. */
function lastReached(followUps: readonly FollowUp[]): FollowUp | undefined {
  return followUps.findLast((f) => f.reached);
}

function mentionsPlace(text: string, order: CheckedOrder): boolean {
  const { address, area, community } = order.location;
  const named = [area, community, address].filter((s): s is string => Boolean(s && s.length >= 2));
  if (named.some((name) => text.includes(normalize(name)))) return true;
  // An address is often shortened in a reply: four characters of it in a row count.
  const addr = normalize(address);
  for (let i = 0; i + 4 <= addr.length; i++) if (text.includes(addr.slice(i, i + 4))) return true;
  return PLACE_SUFFIX.test(text);
}

/**
 * Every rule a reply breaks, in the order of REPLY_RULE_CODES; empty when it passes. Rules set
 * to 'off' are skipped. `previousReply` is the unit's last reply on the order (a reopened or
 * returned order must not get the same words again).
 * @example
 * checkReply('已转相关部门处理', order, DEFAULT_REPLY_RULES)[0]?.code // 'too_short'
 */
export function checkReply(
  reply: string,
  order: CheckedOrder,
  rules: ReplyRuleSet = DEFAULT_REPLY_RULES,
  previousReply?: string,
): ReplyFinding[] {
  const text = normalize(reply);
  const findings: ReplyFinding[] = [];
  const add = (code: ReplyRuleCode, message: string, evidence?: string) => {
    const severity = rules.severity[code] ?? 'refuse';
    if (severity === 'off') return;
    findings.push(
      evidence === undefined ? { code, severity, message } : { code, severity, message, evidence },
    );
  };
  const length = meaningfulLength(text);
  if (length < rules.minLength) {
    add('too_short', `答复仅${length}字，少于${rules.minLength}字，请写明办理过程和结果`);
  }
  const stock = found(text, rules.stockPhrases);
  const actions = found(text, rules.actionWords);
  if (stock.length > 0 && actions.length === 0) {
    add('stock_phrase', `答复只有「${stock[0]}」等套话，没有说明采取了什么措施、结果如何`, stock.join('、'));
  }
  if (rules.needsDate.includes(order.category) && !DATE_PATTERNS.some((p) => p.test(text))) {
    add('missing_date', `「${order.category}」类诉求的答复须写明时间（办结日期或承诺时限）`);
  }
  if (rules.needsPlace.includes(order.category) && !mentionsPlace(text, order)) {
    add('missing_place', `「${order.category}」类诉求的答复须写明处置地点`);
  }
  const followUp = lastReached(order.followUps);
  if (followUp) {
    const claimed = CLAIMS_RESOLVED.exec(text)?.[0];
    if (followUp.resolved === false && claimed) {
      const before = previousReply === undefined ? [] : found(normalize(previousReply), rules.actionWords);
      const fresh = actions.filter((a) => !before.includes(a));
      if (fresh.length === 0) {
        add(
          'contradicts_follow_up',
          `回访时市民表示问题未解决，答复仍称「${claimed}」，但没有说明回访后采取的新措施`,
          claimed,
        );
      }
    }
    const contact = CLAIMS_CONTACT.exec(text)?.[0];
    const contactedAfter = order.contactedAt !== null && order.contactedAt > followUp.at;
    if (followUp.contacted === false && contact && !contactedAfter) {
      add(
        'contradicts_follow_up',
        `回访时市民表示未被联系，答复却称「${contact}」，且回访后未登记联系市民`,
        contact,
      );
    }
  }
  if (previousReply !== undefined && previousReply.trim()) {
    const similarity = textSimilarity(text, previousReply);
    if (similarity >= rules.repeatSimilarity) {
      add(
        'repeats_reply',
        `答复与上次答复基本相同（相似度${Math.round(similarity * 100)}%），请说明新的办理情况`,
      );
    }
  }
  return findings;
}

/**
 * Throws UNPROCESSABLE when a finding refuses the reply: the message lists every reason, each
 * detail is `rules.<code>` with the sentence the unit reads. Returns the warnings otherwise.
 */
export function assertReplyPasses(findings: readonly ReplyFinding[]): ReplyFinding[] {
  const refusing = findings.filter((f) => f.severity === 'refuse');
  if (refusing.length > 0) {
    throw new AppError(
      'UNPROCESSABLE',
      `答复未通过质检规则：${refusing.map((f) => f.message).join('；')}`,
      refusing.map((f) => ({ path: `rules.${f.code}`, message: f.message })),
    );
  }
  return findings.filter((f) => f.severity === 'warn');
}

/**
 * Every problem of a rule set, with its field path; empty when it may be saved.
 */
export function listReplyRuleProblems(rules: Omit<ReplyRuleSet, 'version'>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(rules.effectiveFrom))
    problems.push({ path: 'effectiveFrom', message: '生效日期应为 YYYY-MM-DD' });
  if (!(Number.isInteger(rules.minLength) && rules.minLength >= 0 && rules.minLength <= 500))
    problems.push({ path: 'minLength', message: '最少字数为0至500的整数' });
  if (!(rules.repeatSimilarity > 0 && rules.repeatSimilarity <= 1))
    problems.push({ path: 'repeatSimilarity', message: '相似度阈值应在0到1之间' });
  for (const key of ['stockPhrases', 'actionWords', 'needsDate', 'needsPlace'] as const) {
    rules[key].forEach((word, i) => {
      if (!word.trim() || word.length > 50) problems.push({ path: `${key}.${i}`, message: '每项为1至50字' });
    });
  }
  for (const [code, severity] of Object.entries(rules.severity)) {
    if (!(REPLY_RULE_CODES as readonly string[]).includes(code))
      problems.push({ path: `severity.${code}`, message: '没有这条规则' });
    else if (!['refuse', 'warn', 'off'].includes(severity))
      problems.push({ path: `severity.${code}`, message: '应为 refuse、warn 或 off' });
  }
  return problems;
}

/**
 * The rule set in force on `date` (YYYY-MM-DD): the last whose effectiveFrom has come, or
 * DEFAULT_REPLY_RULES before the first.
 */
export function getReplyRuleSet(sets: readonly ReplyRuleSet[], date: string): ReplyRuleSet {
  return sets.findLast((s) => s.effectiveFrom <= date) ?? DEFAULT_REPLY_RULES;
}
