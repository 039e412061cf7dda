import { findLeadPhrases } from './leads.js';
export { findLeadPhrase } from './leads.js';
import { listParagraphs } from './sentences.js';
import type { Paragraph } from './sentences.js';
import type { Heading, Span, Warning } from './types.js';

/** What a chapter is about, read from its title (GUIDE.md §3 chapters; zones decide kind and period). */
export type ChapterRole = 'review' | 'outlook' | 'plan';

/** A level-1 chapter with where its heading line starts, so zones can begin at the numeral. */
export interface Chapter {
  heading: Heading;
  /** Index into the paragraphs of the heading's line. */
  paragraph: number;
  /** Offset where the heading's line starts (before "一、"). */
  start: number;
  role: ChapterRole;
}

/** Everything the outline scan finds: headings, chapters, where the body ends, problems. */
export interface OutlineScan {
  headings: Heading[];
  chapters: Chapter[];
  paragraphs: Paragraph[];
  /** Offset where appendices (附件, 名词解释, notes) begin; text length when there are none. */
  appendixStart: number;
  /**
   * Where an untitled first chapter begins, when the report opens straight into its review and
   * the first numbered chapter is 二 (GUIDE.md §3); undefined otherwise.
   */
  untitledReviewStart?: number;
  warnings: Warning[];
}

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/**
 * Reads a Chinese numeral up to 99 ("十一" → 11, "二十" → 20); undefined when it is not one.
 * @example parseChineseNumeral('十四') // 14
 */
export function parseChineseNumeral(s: string): number | undefined {
  if (!s || s.length > 3) return undefined;
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 ? DIGITS[s] : undefined;
  const tens = ten === 0 ? 1 : DIGITS[s.slice(0, ten)];
  const rest = s.slice(ten + 1);
  const ones = rest ? DIGITS[rest] : 0;
  if (tens === undefined || ones === undefined || ten > 1) return undefined;
  return tens * 10 + ones;
}

// "一、2018年工作回顾" — a chapter numeral followed by 、 (or a half-width comma or dot in some texts).
const CHAPTER =
  /^(?:第([一二三四五六七八九十]{1,3})(?:部分|章)\s*[、，,．.：:]?|([一二三四五六七八九十]{1,3})\s*[、，,．.])\s*/;
// "第一部分 过去五年工作回顾", "第三章 …": chapters named as parts.
const PART = /^第[一二三四五六七八九十]{1,3}(?:部分|章)/;
// Under such chapters, "一、加快…" is a section.
const SECTION_UNDER_PART = /^([一二三四五六七八九十]{1,3})\s*[、，,．.]\s*/;
// "（一）继续创新…" / "(一)加快建设…" — a section numeral in full- or half-width brackets.
const SECTION = /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*/;
// Appendix markers on their own short line: 附件1, 附录, 名词解释, 注释; notes that open with ［1］ or 注：.
const APPENDIX =
  /^(附件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?|附\s*[:：]|附录|附表|(?:本报告|报告)?(?:相关|有关)?名词解释|注释|[［[【]\s*1\s*[］\]】]|[①⑴]|注\s*[:：])/;
const TRAILING_PUNCT = /[\s。．.，,：:；;！!？?、]+$/;
const SENTENCE_STOP = /[。！？!?]/;

/** Title of a heading line: up to the first sentence end, without final punctuation (GUIDE.md §3). */
function titleOf(body: string): string {
  const stop = body.search(SENTENCE_STOP);
  const head = stop >= 0 ? body.slice(0, stop) : body;
  return head.replace(TRAILING_PUNCT, '');
}

/**
 * Full-width digits as ASCII, one code unit for one ("２０２２年" → "2022年"), so offsets hold.
 * @example asciiDigits('２０２２年重点任务') // '2022年重点任务'
 */
export function asciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/**
 * Classifies a chapter by its title: the past (回顾), the five-year outlook (今后五年, 十五五), or
 * the year's plan (2022年重点任务, 政府工作任务); undefined when the title says none of these.
 * @example classifyChapter('2025年和“十四五”时期工作回顾') // 'review'
 */
export function classifyChapter(written: string): ChapterRole | undefined {
  const title = asciiDigits(written);
  if (/回顾|总结|过去[一五]年|工作成绩|主要成就/.test(title)) return 'review';
  if (
    /今后五年|未来五年|十[一二三四五六七八九]?五.{0,2}(时期|规划)|五年规划|规划纲要|远景目标|今后一个时期/.test(
      title,
    )
  ) {
    return 'outlook';
  }
  if (/\d{4}\s*年|今年|明年|任务|工作安排|总体要求|预期目标|政府自身建设|政府治理/.test(title)) return 'plan';
  return undefined;
}

/**
 * True when a paragraph opens an appendix part: a short marker line ("附件1", "名词解释") or a note
 * that opens with its marker ("［1］…", "注：…", "①…").
 * @example isAppendixMarker('附件2') // true
 */
export function isAppendixMarker(text: string): boolean {
  return APPENDIX.test(text) && (text.length <= 20 || /^[［[【注①⑴]/.test(text));
}

/** Finds the first paragraph that opens an appendix after `from`; the text's length when none does. */
function findAppendix(text: string, paragraphs: Paragraph[], from: number): number {
  for (let i = from; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    if (!p) continue;
    // A marker line is short: "附件1", "名词解释", "［1］…" notes may run longer but open the line.
    if (isAppendixMarker(p.text)) return p.span[0];
  }
  return text.length;
}

function chapterNumeral(line: string | undefined): string | undefined {
  const m = CHAPTER.exec(line ?? '');
  return m?.[1] ?? m?.[2];
}

/** A heading title has words: at least two Han characters besides numerals ("二、三" is a list). */
function isTitle(title: string, max: number): boolean {
  if (title.length > max) return false;
  let words = 0;
  for (const ch of title)
    if (/[\u4e00-\u9fa5]/.test(ch) && !'一二三四五六七八九十'.includes(ch) && ++words >= 2) return true;
  return false;
}

/**
 * Offset where the line holding `offset` starts, so a zone begins at a chapter's numeral.
 * @example lineStart('一、回顾\n二、2022年重点任务', 8) // 5
 */
export function lineStart(text: string, offset: number): number {
  const nl = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1));
  return nl + 1;
}

// Where a chapter title run into its line ends: a section mark, a "——" statement or a wide space.
const RUN_IN_END = /\s*[（(][一二三四五六七八九十]{1,3}[）)]|\s+——|\s{2,}|\u3000/;
// Lines that stand alone but head no chapter: the title block, the date, the address.
const NOT_CHAPTER = /政府工作报告|各位代表|代表大会|会议上|人民政府|^[—－-]|^[（(]|^附/;

/**
 * The title of a chapter written on a line of its own without numeral ("“十四五”时期主要成就回顾",
 * "2022年工作安排"), or of a numbered line; undefined when the line is no chapter title.
 * @example unnumberedChapterTitle('“十五五”时期的总体考虑') // '“十五五”时期的总体考虑'
 */
export function unnumberedChapterTitle(line: string): string | undefined {
  const numbered = CHAPTER.exec(line);
  const title = numbered ? line.slice(numbered[0].length) : line;
  if (title.length > 30 || /[。，,：:！!？?；;]/.test(title) || NOT_CHAPTER.test(title)) return undefined;
  return classifyChapter(title) && isTitle(title, 30) ? title : undefined;
}

/** A section run into the line of its chapter: "一、过去5年工作回顾 (一)实施…,经济发展态势良好 ——…". */
function readRunInSection(rest: string, from: number, offset: number): Heading | undefined {
  const m = /^\s*[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*/.exec(rest.slice(from));
  if (!m) return undefined;
  const at = from + m[0].length;
  const body = rest.slice(at);
  const stop = body.search(/\s+——|\s{2,}|。/);
  const title = (stop > 0 ? body.slice(0, stop) : titleOf(body)).replace(TRAILING_PUNCT, '');
  return isTitle(title, 80)
    ? { level: 2, title, span: [offset + at, offset + at + title.length], doubts: ['RUN_IN'] }
    : undefined;
}

/**
 * Scans the report's lines for chapters, sections and lead phrases, and where appendices begin.
 * Linear in the text: one pass over the lines, fixed-size regexes anchored at line starts.
 * Never throws; odd numbering becomes a warning with the numeral's span.
 * @example scanOutline('一、2025年工作回顾\n…\n附件1\n2026年省十件民生实事').appendixStart // offset of "附件1"
 */
export function scanOutline(text: string): OutlineScan {
  const paragraphs = listParagraphs(text);
  const warnings: Warning[] = [];
  const chapters: Chapter[] = [];
  const sections = new Map<number, Heading>();
  const runInSections = new Map<number, Heading>();

  // Chapters: "一、…" lines numbered in order. A numbering that restarts (一、 again) or jumps back
  // belongs to an appendix list such as 十件民生实事 (GUIDE.md §3; see 2026-guangdong.txt).
  let expected = 1;
  let body = paragraphs.length;
  // Reports whose chapters are "第一部分"/"第一章" number their sections "一、" (the layout of many
  // county reports): then only the 第…部分 lines are chapters, and "一、" lines are sections.
  let parts = 0;
  for (const p of paragraphs) if (PART.test(p.text) && ++parts >= 2) break;
  const partStyle = parts >= 2;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    if (!p) continue;
    const m = CHAPTER.exec(p.text);
    const numeral = partStyle ? m?.[1] : (m?.[1] ?? m?.[2]);
    if (!m || !numeral) continue;
    const n = parseChineseNumeral(numeral);
    const rest = p.text.slice(m[0].length);
    // A chapter heading stands on its own line; one run into its paragraph (as in a page that lost
    // its line breaks: "一、过去5年政府工作回顾 (一)实施…") ends at a section mark or a wide space, and
    // must say what it is; "一、…" inside prose is a list.
    const cut = rest.search(RUN_IN_END);
    const title = cut > 0 && cut < titleOf(rest).length ? rest.slice(0, cut) : titleOf(rest);
    const runIn = rest.length > title.length + 2;
    if (n === undefined || !isTitle(title, 60) || (runIn && (title.length > 30 || !classifyChapter(title))))
      continue;
    if (runIn) {
      const section = readRunInSection(rest, title.length, p.span[0] + m[0].length);
      if (section) runInSections.set(i, section);
    }
    if (n !== expected) {
      if (chapters.length > 0 && n <= chapters.length) {
        const span: Span = [p.span[0], p.span[0] + m[0].length];
        if (n === 1) {
          body = i;
          break;
        }
        warnings.push({
          code: 'DUPLICATE_CHAPTER_NUMBER',
          message: `chapter number ${numeral} appears again after chapter ${chapters.length}; the line is not read as a chapter`,
          span,
        });
        continue;
      }
      // The first chapters may carry no numeral ("“十四五”时期主要成就回顾" on its own line, then
      // "三、2026年工作安排"): a later numeral may come first when its title says what it is.
      if (chapters.length === 0 && n !== 2 && (n > 6 || !classifyChapter(title))) continue;
      // The first chapter may carry no numeral ("opens straight into its review"), so 二 may come
      // first; a later gap is kept as a chapter, with a warning, since the line is still a heading.
      if (chapters.length > 0) {
        warnings.push({
          code: 'CHAPTER_NUMBER_SKIPPED',
          message: `chapter ${numeral} follows chapter ${chapters.length}: a chapter heading may be missing`,
          span: [p.span[0], p.span[0] + m[0].length],
        });
      }
    }
    const start = p.span[0] + m[0].length;
    chapters.push({
      heading: {
        level: 1,
        title,
        span: [start, start + title.length],
        ...(runIn ? { doubts: ['RUN_IN'] } : {}),
      },
      paragraph: i,
      start: p.span[0],
      role: 'plan',
    });
    expected = n + 1;
  }
  // No numbered chapters: headings may stand alone unnumbered ("过去五年工作回顾", "2022年工作安排"),
  // as when a page's bold headings lost their numbers; they must read as review, outlook or plan.
  if (!chapters.length) {
    for (let i = 0; i < paragraphs.length; i++) {
      const p = paragraphs[i];
      const title = p ? unnumberedChapterTitle(p.text) : undefined;
      if (!p || title === undefined) continue;
      const start = p.span[1] - title.length;
      chapters.push({
        heading: { level: 1, title, span: [start, p.span[1]], doubts: ['NO_NUMERAL'] },
        paragraph: i,
        start: p.span[0],
        role: 'plan',
      });
    }
    // One chapter alone is a report's only when it follows the address and reviews or looks ahead
    // (an opening page: "各位代表：…\n“十一五”经济社会发展回顾\n…").
    const only = chapters[0];
    const addressed = only && paragraphs.slice(0, only.paragraph).some((p) => /各位代表/.test(p.text));
    const single = chapters.length === 1 && addressed && classifyChapter(only.heading.title) !== 'plan';
    if (chapters.length < 2 && !single) chapters.length = 0;
  }
  // Appendices (附件, 名词解释, notes) follow the last chapter; a marker between chapters is not one.
  const last = chapters[chapters.length - 1];
  if (last) {
    const marker = findAppendix(text, paragraphs, last.paragraph + 1);
    const at = paragraphs.findIndex((p, i) => i > last.paragraph && p.span[0] >= marker);
    if (at >= 0 && at < body) body = at;
  }
  const appendixStart = body < paragraphs.length ? (paragraphs[body]?.span[0] ?? text.length) : text.length;

  // Chapters without numeral before the first numbered one: "三、…" first means two chapters came
  // before it, titled on lines of their own ("“十四五”时期主要成就回顾"); 二 first may mean one.
  const first = chapters[0];
  const firstNumber = first
    ? parseChineseNumeral(chapterNumeral(paragraphs[first.paragraph]?.text) ?? '')
    : undefined;
  if (first && firstNumber && firstNumber > 1) {
    const found: Chapter[] = [];
    for (let i = first.paragraph - 1; i >= 0 && found.length < firstNumber - 1; i--) {
      const p = paragraphs[i];
      const title = p ? unnumberedChapterTitle(p.text) : undefined;
      if (!p || title === undefined) continue;
      found.unshift({
        heading: { level: 1, title, span: [...p.span], doubts: ['NO_NUMERAL'] },
        paragraph: i,
        start: p.span[0],
        role: 'plan',
      });
    }
    chapters.unshift(...found);
  }
  // No title at all: the untitled review begins after the address that opens the report.
  let untitled: number | undefined;
  const numbered = chapters[0];
  if (
    numbered &&
    numbered.heading.level === 1 &&
    chapterNumeral(paragraphs[numbered.paragraph]?.text) === '二'
  ) {
    untitled = 0;
    for (let i = 0; i < Math.min(numbered.paragraph, 8); i++) {
      const t = paragraphs[i]?.text ?? '';
      if (/请予审议|向大会报告|提出意见|^各位代表[：:!！，,]?$/.test(t)) untitled = i + 1;
    }
    if (untitled >= numbered.paragraph) untitled = undefined;
  }
  assignRoles(chapters);

  // Sections: "（一）…" on their own line or run into a paragraph, inside the body chapters.
  const bodyFrom = untitled ?? chapters[0]?.paragraph ?? paragraphs.length;
  for (let i = bodyFrom; i < body; i++) {
    const p = paragraphs[i];
    if (!p) continue;
    const m = SECTION.exec(p.text) ?? (partStyle ? SECTION_UNDER_PART.exec(p.text) : null);
    if (!m?.[1] || parseChineseNumeral(m[1]) === undefined) continue;
    const title = titleOf(p.text.slice(m[0].length));
    if (!isTitle(title, 80)) continue;
    const start = p.span[0] + m[0].length;
    sections.set(i, { level: 2, title, span: [start, start + title.length] });
  }

  // Lead phrases open the paragraphs of work for the coming year, so only plan chapters have them
  // (GUIDE.md §3: paragraphs of the review and "——" goal statements are not headings).
  const headings: Heading[] = [];
  let c = 0;
  let standalone = false;
  for (let i = bodyFrom; i < body; i++) {
    while (c + 1 < chapters.length && (chapters[c + 1]?.paragraph ?? Infinity) <= i) c++;
    const chapter = chapters[c];
    if (!chapter) break;
    // Before the first numbered chapter lies the untitled review: sections, but no lead phrases.
    const untitledPart = i < chapter.paragraph && c === 0;
    if (chapter.paragraph === i) {
      headings.push(chapter.heading);
      const inner = runInSections.get(i);
      if (inner) headings.push(inner);
      continue;
    }
    const section = sections.get(i);
    if (section) {
      headings.push(section);
      continue;
    }
    if (chapter.role !== 'plan' || untitledPart) continue;
    const p = paragraphs[i];
    if (!p) continue;
    // A subheading on its own line ("1.全力稳定经济增长") heads the paragraph after it: that
    // paragraph's first sentence is its body, not another heading.
    const leads = findLeadPhrases(p, standalone);
    standalone = leads.length === 1 && leads[0]?.span[1] === p.span[1];
    headings.push(...leads);
  }
  const untitledReviewStart = untitled !== undefined ? paragraphs[untitled]?.span[0] : undefined;
  return {
    headings,
    chapters,
    paragraphs,
    appendixStart,
    warnings,
    ...(untitledReviewStart !== undefined ? { untitledReviewStart } : {}),
  };
}

/**
 * The role of each chapter in order: by its title, where a year before the report's ("2021年的工作"
 * beside "2022年工作安排") marks the past; an unclassified first chapter is the review, any other
 * one a plan (the past comes first, then plans).
 * @example deriveChapterRoles(['2021年的工作', '2022年工作安排']) // ['review', 'plan']
 */
export function deriveChapterRoles(titles: string[], year?: number): ChapterRole[] {
  const years = titles.map((t) => Number(/(\d{4})\s*年/.exec(asciiDigits(t))?.[1]) || 0);
  const latest = year ?? Math.max(0, ...years);
  let seenReview = false;
  return titles.map((title, index) => {
    let role = classifyChapter(title);
    const y = years[index] ?? 0;
    if (role === 'plan' && y && y < latest && !/今后|未来|到\d{4}/.test(title)) role = 'review';
    const out = role ?? (index === 0 && !seenReview ? 'review' : 'plan');
    if (out === 'review') seenReview = true;
    return out;
  });
}

/** Gives each chapter its role (see deriveChapterRoles). */
function assignRoles(chapters: Chapter[]): void {
  const roles = deriveChapterRoles(chapters.map((c) => c.heading.title));
  chapters.forEach((c, i) => {
    c.role = roles[i] ?? 'plan';
  });
}

/**
 * Chapters, sections and lead phrases in text order (GUIDE.md §3). Appendices (附件, 名词解释,
 * notes, lists whose numbering restarts at 一、) produce no headings. Never throws.
 * @example extractOutline('一、过去五年工作回顾\n过去五年，…')[0] // { level: 1, title: '过去五年工作回顾', span: [2, 10] }
 */
export function extractOutline(text: string): Heading[] {
  return scanOutline(text).headings;
}
