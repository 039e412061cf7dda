import { listParagraphs, listSentences } from './sentences.js';
import type { Paragraph, Sentence } from './sentences.js';
import type { Heading, Item, Project, Span, Task, Zone } from './types.js';

// Verbs and modal words by which a government commits itself to act (推进、加快、实施、完成…).
const COMMIT =
  /推进|推动|加快|加速|实施|完成|建设|建成|落实|开展|加强|深化|提升|提高|强化|健全|完善|优化|促进|确保|做好|抓好|打造|构建|培育|发展|支持|鼓励|引导|扩大|保障|坚持|探索|启动|新增|新建|改造|治理|整治|力争|争取|实现|保持|稳定|降低|减少|增加|创建|举办|办好|开工|筹办|制定|出台|设立|组建|培养|引进|布局|规划|谋划|严格|防范|化解|守牢|守住|巩固|拓展|推广|筑牢|夯实|压实|营造|释放|激发|增强|服务|融入|对接|整合|盘活|清理|取消|下调|减免|降至|控制|安排|投入|拨付|设置|开放|深入|全面|大力|持续|着力|切实|积极|要|将|拟|必须|织补|纠治|力戒|接受|办理|整改|防止|杜绝|提供|满足|解决|落地|推行|筹建|配建|修订|编制|消除|维护|确定|用好|管好|发挥|聚焦|围绕|统筹|加大|兜牢|兜住|坚决|依法|严厉|打击|开发|利用|保护|修复|建立|形成|组织|举措|部署|落细|发布|发行|压缩|放宽|缩减|规范|务必|继续|进一步|抓实|抓细/;
// Sentences that state a fact ("2022年是党的二十大召开之年", "就业是民生之本") rather than act.
const STATES_A_FACT = /^[^，,：:]{0,30}(?<!特别|就|还|或|都|更|实事求|尤其|而|正|要|总|但|越)是(?!否)/;
// Sentences that introduce the list of tasks ("将着力抓好八个方面工作:", "今年要重点做好以下工作。").
const INTRODUCES =
  /以下(?:工作|几|[一二三四五六七八九十两\d]{1,3}个)|如下|下列|[一二三四五六七八九十两\d]{1,3}个方面(?:的)?工作|[:：]$/;
const ADDRESS = /^各位代表/;

/**
 * Whether a sentence of the plan commits to doing something: a verb of action or a target in it,
 * and neither a statement of fact nor the introduction of a list.
 * @example isCommitment('坚决保障昌平国家实验室核心区建设,先期投用北京脑科学与类脑研究中心二期等空间。', false) // true
 */
export function isCommitment(sentence: string, hasTarget: boolean): boolean {
  if (sentence.length < 4 || INTRODUCES.test(sentence.trim())) return false;
  if (hasTarget) return true;
  if (ADDRESS.test(sentence) || STATES_A_FACT.test(sentence)) return false;
  return COMMIT.test(sentence);
}

interface Located {
  span: Span;
}

/** Indexes of the located things whose spans lie inside `span`, sweeping a sorted order. */
function makeSweep(things: Located[]): (span: Span) => number[] {
  const order = things.map((_, i) => i).sort((a, b) => (things[a]?.span[0] ?? 0) - (things[b]?.span[0] ?? 0));
  let k = 0;
  return (span) => {
    while (k < order.length && (things[order[k] ?? 0]?.span[0] ?? 0) < span[0]) k++;
    const out: number[] = [];
    for (let j = k; j < order.length; j++) {
      const i = order[j] ?? 0;
      const s = things[i]?.span;
      if (!s || s[0] >= span[1]) break;
      if (s[1] <= span[1]) out.push(i);
    }
    return out.sort((a, b) => a - b);
  };
}

/**
 * Every sentence in the plan zones that commits to doing something, with its outline path
 * (chapter → section → the lead phrase of its paragraph), span, text, and the indexes of the
 * items and projects inside it. Headings themselves (a run-in section title, a lead phrase) are
 * not tasks. Linear: sentences, headings, items and projects are each swept once in text order.
 * @example extractTasks(text, outline, zones, items, projects).find((t) => t.text.startsWith('坚决保障'))?.outlinePath
 * // ['2022年重点任务', '加快建设未来科学城,更好发挥北京国际科创中心枢纽型主平台作用', '支撑构建国家战略科技力量']
 */
export function extractTasks(
  text: string,
  outline: Heading[],
  zones: Zone[],
  items: Item[],
  projects: Project[],
  paragraphs: Paragraph[] = listParagraphs(text),
): Task[] {
  const plans = zones.filter((z) => z.role === 'plan');
  if (!plans.length) return [];
  // Plans after the closing appeal are attached lists ("附件1 十件民生实事"): outside every chapter.
  const attachedFrom = zones.find((z) => z.role === 'closing' || z.role === 'appendix')?.span[0] ?? Infinity;
  // Only the plan's paragraphs hold tasks: split those alone (zones and paragraphs are in order).
  const inPlan: Paragraph[] = [];
  let zp = 0;
  for (const p of paragraphs) {
    while (zp < plans.length && (plans[zp]?.span[1] ?? 0) <= p.span[0]) zp++;
    const zone = plans[zp];
    if (zone && zone.span[0] < p.span[1]) inPlan.push(p);
  }
  const sentences = listSentences(text, inPlan, true);
  const headings = [...outline].sort((a, b) => a.span[0] - b.span[0]);
  const itemsIn = makeSweep(items);
  const projectsIn = makeSweep(projects);
  const targets = items.map((it) => it.kind === 'target');
  const tasks: Task[] = [];

  let chapter: Heading | undefined;
  let section: Heading | undefined;
  let lead: Heading | undefined;
  let leadParagraph = -1;
  let h = 0;
  let z = 0;
  for (const s of sentences) {
    // Headings that start before this sentence set the path (GUIDE.md §3 levels).
    while (h < headings.length && (headings[h]?.span[0] ?? Infinity) < s.span[1]) {
      const heading = headings[h++] as Heading;
      if (heading.level === 1) [chapter, section, lead] = [heading, undefined, undefined];
      else if (heading.level === 2) [section, lead] = [heading, undefined];
      else {
        lead = heading;
        leadParagraph = s.paragraph;
      }
    }
    while (z < plans.length && (plans[z]?.span[1] ?? 0) <= s.span[0]) z++;
    const zone = plans[z];
    if (!zone || s.span[0] < zone.span[0]) continue;
    if (isHeading(s, headings, h)) continue;
    const itemIndexes = itemsIn(s.span);
    if (
      !isCommitment(
        s.text,
        itemIndexes.some((i) => targets[i]),
      )
    )
      continue;
    const path =
      s.span[0] >= attachedFrom
        ? []
        : [chapter, section, lead && leadParagraph === s.paragraph ? lead : undefined];
    tasks.push({
      span: [...s.span],
      text: s.text,
      outlinePath: path.filter((x): x is Heading => x !== undefined).map((x) => x.title),
      itemIndexes,
      projectIndexes: projectsIn(s.span),
    });
  }
  return tasks;
}

/** A sentence that is itself a heading: it begins at, or right after the numeral of, a heading's title. */
function isHeading(s: Sentence, headings: Heading[], next: number): boolean {
  for (let i = Math.max(0, next - 3); i < next; i++) {
    const heading = headings[i];
    if (!heading) continue;
    if (heading.span[0] >= s.span[0] && heading.span[1] <= s.span[1] && heading.span[0] - s.span[0] <= 6) {
      // The heading covers the sentence but for its final punctuation.
      if (s.span[1] - heading.span[1] <= 2) return true;
    }
  }
  return false;
}
