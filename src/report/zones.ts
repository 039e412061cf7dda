import {
  asciiDigits,
  classifyChapter,
  deriveChapterRoles,
  isAppendixMarker,
  lineStart,
  scanOutline,
} from './outline.js';
import type { ChapterRole, OutlineScan } from './outline.js';
import type { Paragraph } from './sentences.js';
import type { Heading, ReportMeta, Zone } from './types.js';

// "十四五", "第十五个五年"; the earlier plans as reports of their time wrote them: "十五", "九五", "八五".
const FIVE_YEAR_PLAN =
  /十([一二三四五六七八九])五|第十([一二三四五六七八九])个五年|(?<![十一二三四五六七八九])(十|[六七八九])五(?=[”"’]?(?:计划|规划|时期|期间|期末|末|以来))/;
const NUMERAL: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/**
 * The years of the n-th five-year plan read from "十四五", "第十五个五年" or, in reports of their
 * time, "十五" and "九五": the 3rd began in 1966 and each runs five years, so 十四五 is 2021-2025;
 * undefined when the text names none.
 * @example findFiveYearPlan('“十五五”时期的主要目标和重点任务') // [2026, 2030]
 * @example findFiveYearPlan('由“十五”末的12.8亿元') // [2001, 2005]
 */
export function findFiveYearPlan(s: string): [number, number] | undefined {
  const m = FIVE_YEAR_PLAN.exec(s);
  if (!m) return undefined;
  const teen = m[1] ?? m[2];
  const n = teen ? 10 + (NUMERAL[teen] ?? 0) : NUMERAL[m[3] ?? ''];
  if (!n) return undefined;
  const start = 1966 + 5 * (n - 3);
  return [start, start + 4];
}

/** The latest plan a title names: "“十三五”时期发展成就和“十四五”时期主要目标任务" looks to 十四五. */
function findLatestFiveYearPlan(title: string): [number, number] | undefined {
  let latest: [number, number] | undefined;
  for (const m of title.matchAll(new RegExp(FIVE_YEAR_PLAN.source, 'g'))) {
    const plan = findFiveYearPlan(m[0]);
    if (plan && (!latest || plan[0] > latest[0])) latest = plan;
  }
  return latest;
}

const YEAR = /(\d{4})\s*年/;

/**
 * The year the report plans for: the meta's year, else the plan chapter's ("2019年政府工作任务"),
 * else the year after the review's ("2018年工作回顾"), else the delivery date's (a report delivered
 * in the last months of a year plans the next one); undefined when nothing says.
 * @example deriveReportYear({}, [{ level: 1, title: '2019年政府工作任务', span: [0, 0] }]) // 2019
 */
export function deriveReportYear(meta: ReportMeta, outline: Heading[], text = ''): number | undefined {
  if (meta.year) return meta.year;
  const chapters = outline.filter((h) => h.level === 1);
  for (const h of chapters) {
    const y = Number(YEAR.exec(asciiDigits(h.title))?.[1]);
    const role = classifyChapter(h.title);
    if (y && role === 'plan') return y;
    if (y && role === 'review') return y + 1;
  }
  const date = /^(\d{4})-(\d{2})/.exec(meta.deliveredOn ?? '');
  if (date) return Number(date[1]) + (Number(date[2]) >= 10 ? 1 : 0);
  return findYearInWords(text) ?? findYearFromYearsNamed(text);
}

// A year named as time, not as a goal ("到2035年", "2035年远景目标") or a span's end ("2021-2025年").
const NAMED = /(?<![到至—\-－~～0-9])([12][09]\d{2})\s*年(?!前|以前|远景|目标|规划|[0-9])/g;
// "2013年是…开局之年": the year a report opens is the year it plans for.
const OPENING_YEAR = /^(?:是|为)[^。；]{0,40}?(?:开局之年|起步之年|第一年|开局年)/;
// "2014年工作安排", "2014年主要预期目标", "2014年要…": the year written as the one being planned.
const PLANNED_YEAR =
  /^(?:的?(?:工作安排|重点工作|重点任务|主要任务|政府工作任务|主要预期目标|预期目标|工作总体要求)|要|将|我们要)/;

/**
 * The report year from the years a text names, when no title, date or chapter gives one: a year
 * it calls the opening year of something ("2013年是…开局之年") or plans for ("2014年工作安排") when
 * no later year is named; else the latest year named plus one, since a report reviews the year
 * before the one it plans for. Linear: one pass over the years named.
 * @example findYearFromYearsNamed('过去一年，全县生产总值增长9%。2016年，财政收入增长8%。') // 2017
 */
export function findYearFromYearsNamed(text: string): number | undefined {
  let latest = 0;
  let planned = 0;
  for (const m of asciiDigits(text).matchAll(NAMED)) {
    const y = Number(m[1]);
    if (y < 1949 || y > 2100) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 48);
    if (y > latest) latest = y;
    if ((OPENING_YEAR.test(after) || PLANNED_YEAR.test(after)) && y > planned) planned = y;
  }
  if (!latest) return undefined;
  return planned >= latest ? planned : latest + 1;
}

// Founding years of the anniversaries reports count from ("今年是新中国成立70周年").
const FOUNDED: [RegExp, number][] = [
  [/(?:新中国|中华人民共和国)成立/, 1949],
  [/改革开放/, 1978],
  [/(?:中国共产党|建党|党的)成立|建党/, 1921],
  [/(?:中国人民解放军|建军)/, 1927],
];
const THIS_YEAR_IS =
  /(今年|明年)是([^。；;]{0,40}?)(?:(\d{1,3})\s*周年|(十[一二三四五六七八九]五)[”"]?(?:规划)?的?(开局之年|第一年|起步之年|收官之年|最后一年))/;

/**
 * The report year from how reports speak of it when no title, date or chapter gives one: "今年是新中国
 * 成立70周年" (1949 + 70), "今年是实施“十五五”规划的开局之年" (the plan's first year); a report
 * delivered the year before says "明年" of the same year. Undefined when the text says neither.
 * @example findYearInWords('今年是新中国成立70周年，') // 2019
 */
export function findYearInWords(text: string): number | undefined {
  const m = THIS_YEAR_IS.exec(text);
  if (!m) return undefined;
  if (m[3]) {
    const founded = FOUNDED.find(([re]) => re.test(m[2] ?? ''))?.[1];
    return founded ? founded + Number(m[3]) : undefined;
  }
  const plan = findFiveYearPlan(m[4] ?? '');
  if (!plan) return undefined;
  return /开局|第一年|起步/.test(m[5] ?? '') ? plan[0] : plan[1];
}

const span = (a: number, b: number): string => `${a}-${b}`;

/** Default period of a chapter from its title, given the report year (GUIDE.md §1 periods). */
function chapterPeriod(role: ChapterRole, title: string, year: number | undefined): string {
  const y = Number(YEAR.exec(asciiDigits(title))?.[1]) || undefined;
  const plan = role === 'outlook' ? findLatestFiveYearPlan(title) : findFiveYearPlan(title);
  if (role === 'plan') return String(y ?? year ?? '');
  if (role === 'outlook') {
    if (plan) return span(...plan);
    return year ? span(year, year + 4) : '';
  }
  // A review titled with a year ("2025年和“十四五”时期工作回顾") opens on that year; its five-year
  // part is found paragraph by paragraph below.
  if (y) return String(y);
  if (plan) return span(...plan);
  if (/过去一年|一年来|上一?年|去年/.test(title)) return year ? String(year - 1) : '';
  return year ? span(year - 5, year - 1) : '';
}

/** A paragraph that opens on the report's own year: "今年…", "明年…", "2022年是…", "2022年全区…". */
function opensOnYear(head: string, year: number | undefined): boolean {
  const m = /^(?:各位代表[，,！!]?)?(?:(今年|明年)|(\d{4})\s*年(?!\d|[—-]|底|末|前|以前|以来))/.exec(head);
  if (!m) return false;
  return m[1] !== undefined || (year !== undefined && Number(m[2]) === year);
}

// Markers near a paragraph's start that switch the period of the past it talks about.
// "2025年，全省生产总值增长5.2%" opening a paragraph of a five-year review is about that year.
const PAST_YEAR = /过去一年|一年来|上一年|(\d{4})\s*年是|^(\d{4})\s*年(?:[，,]|全年)/;
// "2015年是“十二五”收官之年。五年来…": the year closes a plan, and the paragraph reviews the plan.
const PLAN_CLOSED = /(\d{4})\s*年是[^。；]{0,16}十[一二三四五六七八九]?五[^。；]{0,10}(?:收官|最后一年)/;
const PAST_FIVE =
  /过去的?[五5５]年|[五5５]年来|这五年|经过五年|(?<![来后])的五年|本届政府|十[一二三四五六七八九]?五.{0,4}(?:时期|以来|期间)/;
const PAST_FIVE_EXPLICIT =
  /过去的?[五5５]年|[五5５]年来|经过五年|十[一二三四五六七八九]?五.{0,4}(?:时期|以来|期间)/;
const MARKER_WINDOW = 60;

function firstIndex(re: RegExp, s: string): number {
  const m = re.exec(s);
  return m ? m.index : Infinity;
}

interface Piece {
  start: number;
  role: Zone['role'];
  tense: Zone['tense'];
  period: string;
}

/**
 * Splits the text into contiguous zones of one tense and period (preamble, review, outlook, plan,
 * closing, appendix) from the chapter headings, refining the past paragraph by paragraph: a
 * five-year review's "2021年是…一年来" paragraph is about 2021, a "十四五时期" paragraph inside the
 * 十五五 outlook is about 2021-2025. The zones cover [0, text.length) in order; [] for empty text.
 * @example deriveZones(text, extractOutline(text), parseReportMeta(text))[1] // { role: 'review', tense: 'past', period: '2017-2021', … }
 */
export function deriveZones(text: string, outline: Heading[], meta: ReportMeta, scan?: OutlineScan): Zone[] {
  if (!text) return [];
  const s = scan ?? scanOutline(text);
  const year = deriveReportYear(meta, outline);
  const plain = String(year ?? '');
  const chapters = outline.filter((h) => h.level === 1);
  const end = Math.min(Math.max(s.appendixStart, 0), text.length);
  const pieces: Piece[] = [];

  if (!chapters.length) {
    pieces.push({ start: 0, role: 'plan', tense: 'future', period: plain });
  } else {
    pieces.push({ start: 0, role: 'preamble', tense: 'future', period: plain });
    const paragraphs = s.paragraphs;
    const closing = findClosing(paragraphs, end);
    let p = 0;
    // A report that opens straight into its review has an untitled first chapter (GUIDE.md §3).
    const parts = chapters.map((h) => ({
      start: lineStart(text, h.span[0]),
      headingEnd: h.span[1],
      title: h.title,
      untitled: false,
    }));
    if (s.untitledReviewStart !== undefined && s.untitledReviewStart < (parts[0]?.start ?? end)) {
      parts.unshift({
        start: s.untitledReviewStart,
        headingEnd: s.untitledReviewStart,
        title: '',
        untitled: true,
      });
    }
    const roles = deriveChapterRoles(
      parts.filter((x) => !x.untitled).map((x) => x.title),
      year,
    );
    const offset = parts.length - roles.length;
    parts.forEach((h, index) => {
      const start = h.start;
      const next = parts[index + 1];
      const stop = Math.min(next ? next.start : end, closing);
      const role = h.untitled ? 'review' : (roles[index - offset] ?? 'plan');
      const base = chapterPeriod(role, h.untitled ? '过去一年' : h.title, year);
      const tense = role === 'review' ? 'past' : 'future';
      if (start >= stop) return;
      pieces.push({ start, role, tense, period: base });
      if (role === 'plan') return;
      // Refine the past: the opening words of each paragraph say which stretch of time it reviews.
      const outlookPlan = role === 'outlook' ? findLatestFiveYearPlan(h.title) : undefined;
      while (p < paragraphs.length && (paragraphs[p]?.span[0] ?? end) < stop) {
        const para = paragraphs[p++] as Paragraph;
        // The heading line itself says nothing of the period; an untitled chapter has none.
        // (an indented heading line starts after `start`, but still ends at `headingEnd`)
        if (para.span[0] < start || (!h.untitled && para.span[0] < h.headingEnd)) continue;
        const head = asciiDigits(para.text.slice(0, MARKER_WINDOW));
        // A chapter of "今后五年…和2022年工作" turns to the year's plan where a paragraph opens on it.
        if (role === 'outlook' && opensOnYear(head, year)) {
          pieces.push({ start: para.span[0], role: 'plan', tense: 'future', period: plain });
          continue;
        }
        const period = pastPeriod(
          head,
          year,
          role === 'outlook',
          outlookPlan,
          asciiDigits(para.text.slice(0, 200)),
        );
        if (period === undefined) continue;
        if (role === 'outlook') {
          const past = period !== 'future';
          pieces.push({
            start: para.span[0],
            role: past ? 'review' : 'outlook',
            tense: past ? 'past' : 'future',
            period: past ? period : base,
          });
        } else if (period !== 'future') {
          pieces.push({ start: para.span[0], role, tense, period });
        }
      }
    });
    if (closing < end) pieces.push({ start: closing, role: 'closing', tense: 'future', period: plain });
  }
  if (end < text.length) pieces.push(...appendixPieces(s.paragraphs, end, year));
  return merge(pieces, text.length);
}

/**
 * Which past a paragraph opening talks about: the past year, the past five years (or an earlier
 * five-year plan), 'future' for the outlook's own plan, undefined when it does not say.
 */
function pastPeriod(
  head: string,
  year: number | undefined,
  outlook: boolean,
  outlookPlan: [number, number] | undefined,
  more = head,
): string | undefined {
  const closed = PLAN_CLOSED.exec(head);
  if (closed && /五年|[五5]年来|期间/.test(more.slice(closed.index + closed[0].length))) {
    const plan = findFiveYearPlan(closed[0]);
    if (plan && (!year || plan[1] < year)) return span(...plan);
  }
  const one = firstIndex(PAST_YEAR, head);
  // In the outlook, "关键的五年" looks ahead: only explicit markers of the past count there.
  const pastFive = outlook ? PAST_FIVE_EXPLICIT : PAST_FIVE;
  const five = firstIndex(pastFive, head);
  const planned = findFiveYearPlan(head);
  if (
    outlookPlan &&
    planned &&
    planned[0] >= outlookPlan[0] &&
    firstIndex(FIVE_YEAR_PLAN, head) <= Math.min(one, five)
  ) {
    return 'future';
  }
  if (one < five) {
    const m = PAST_YEAR.exec(head);
    const named = Number(m?.[1] ?? m?.[2]) || undefined;
    if (named && year && named >= year) return outlook ? 'future' : undefined;
    const y = named ?? (year ? year - 1 : undefined);
    return y ? String(y) : undefined;
  }
  if (five < Infinity) {
    // "“十四五”时期" names its own years: past only when they ended before the report's year (a
    // 2022 report's "十四五时期" is its outlook); "回望这五年" means the five years before.
    const named = findFiveYearPlan(pastFive.exec(head)?.[0] ?? '');
    if (named) {
      if (!year || named[1] < year) return span(...named);
      return outlook ? 'future' : undefined;
    }
    return year ? span(year - 5, year - 1) : undefined;
  }
  return undefined;
}

// Appendix parts that explain words rather than promise or report anything.
const GLOSSARY = /名词解释|注释|说明|^注|^[［[【①⑴]/;

/**
 * The parts after the body, one per marker ("附件1", "名词解释", "［1］"). A glossary or notes explain
 * the report's words and are not read for items (role 'appendix'); an attached list such as
 * "2026年省十件民生实事" promises work like the plan chapters (GUIDE.md §1: an item is any number
 * that measures promised or achieved performance), and one titled with a past year reports it.
 */
function appendixPieces(paragraphs: Paragraph[], end: number, year: number | undefined): Piece[] {
  const plain = String(year ?? '');
  const out: Piece[] = [];
  const at = paragraphs.findIndex((p) => p.span[0] >= end);
  if (at < 0) return [{ start: end, role: 'appendix', tense: 'future', period: plain }];
  for (let i = at; i < paragraphs.length; i++) {
    const p = paragraphs[i] as Paragraph;
    if (i !== at && !isAppendixMarker(p.text)) continue;
    // The marker and the title after it ("附件1" / "2026年省十件民生实事") say what the part is.
    const title = (p.text.length <= 20 ? p.text + (paragraphs[i + 1]?.text ?? '') : p.text).slice(0, 60);
    const start = i === at ? end : p.span[0];
    if (GLOSSARY.test(title)) {
      out.push({ start, role: 'appendix', tense: 'future', period: plain });
      continue;
    }
    const named = Number(YEAR.exec(asciiDigits(title))?.[1]) || undefined;
    if (named && year && named < year)
      out.push({ start, role: 'review', tense: 'past', period: String(named) });
    else out.push({ start, role: 'plan', tense: 'future', period: plain });
  }
  return out;
}

/** Start of the closing appeal ("让我们更加紧密地团结在…"), with a bare "各位代表！" line before it. */
function findClosing(paragraphs: Paragraph[], end: number): number {
  let last = -1;
  for (let i = paragraphs.length - 1; i >= 0; i--) {
    const p = paragraphs[i];
    if (!p || p.span[0] >= end) continue;
    last = last < 0 ? i : last;
    if (last - i > 2) break;
    if (/让我们|团结在以/.test(p.text)) {
      const before = paragraphs[i - 1];
      return before && before.text.length <= 6 && before.text.startsWith('各位代表')
        ? before.span[0]
        : p.span[0];
    }
  }
  return end;
}

/** Turns ordered starts into contiguous zones, joining neighbours that say the same. */
function merge(pieces: Piece[], length: number): Zone[] {
  const sorted = pieces.filter((x) => x.start >= 0 && x.start < length).sort((a, b) => a.start - b.start);
  const zones: Zone[] = [];
  sorted.forEach((x, i) => {
    const stop = sorted[i + 1]?.start ?? length;
    if (stop <= x.start) return;
    const prev = zones[zones.length - 1];
    if (prev && prev.role === x.role && prev.period === x.period && prev.tense === x.tense) {
      prev.span[1] = stop;
      return;
    }
    if (prev) prev.span[1] = x.start;
    zones.push({ span: [x.start, stop], tense: x.tense, period: x.period, role: x.role });
  });
  const first = zones[0];
  if (first) first.span[0] = 0;
  return zones;
}
