import type { Paragraph } from './sentences.js';
import type { Heading } from './types.js';

/**
 * Lead phrases (GUIDE.md §3, level 3): the short sentence ending in 。 that opens a paragraph of the
 * year's work ("支撑构建国家战略科技力量。"), a numbered subheading on its own line ("1.全力稳定经济
 * 增长"), or a phrase run into a paragraph after an ordinal 要 ("…。二要加快工业转型升级。新建…"),
 * its "一要" dropped.
 */

// A first sentence with a measured quantity ("新增城镇就业9000人") is a measure, not a lead phrase.
const MEASURED =
  /\d\s*(%|％|万|亿|千|百|个|家|所|项|条|座|公里|千米|米|平方米|亩|公顷|人|户|套|张|吨|元|倍|天)/;
// "重点抓好以下几个方面工作。" introduces the list of tasks; it heads none of them.
const INTRODUCES_LIST = /以下|如下|下列|[一二三四五六七八九十两几\d]{1,3}个方面/;
// "1.", "2．", "3、", "（4）" before a lead phrase — not a decimal such as "1.5".
const LEAD_NUMBER = /^(?:\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[)）])\s*/;
// A lead phrase is short and unbroken: no comma, colon or semicolon before its 。.
const LEAD_MAX = 40;
// Context sentences, not headings: they open with a time, an address or a pronoun.
const NOT_LEAD =
  /^(今年|明年|当前|当今|目前|现在|新的一年|过去|一年来|五年来|\d{4}\s*年|各位代表|同时|此外|我们|这|其中|[一二三四五六七八九十]+是|——|—|-)/;
// "一要打好…", "要大力推进…": the ordinal and the modal are not part of the title (GUIDE.md §3).
const ORDINAL_MODAL =
  /^(?:[一二三四五六七八九十]{1,2}|第[一二三四五六七八九十]{1,2})?要(?=[\u4e00-\u9fa5]{2})/;
// …and mid-paragraph: "。二要加快工业转型升级。"
const RUN_IN_ORDINAL = /[。；;]([一二三四五六七八九十]{1,2}要)/g;
const TRAILING_PUNCT = /[\s。．.，,：:；;！!？?、]+$/;

// "X是Y" states a fact; "特别是"/"实事求是" are not the copula.
const COPULA = /(?<!特别|实事求|尤其|就|或|还|都)是/;

/** A heading title has words: at least two Han characters besides numerals ("二、三" is a list). */
function hasWords(title: string, max: number): boolean {
  if (title.length > max) return false;
  let words = 0;
  for (const ch of title)
    if (/[\u4e00-\u9fa5]/.test(ch) && !'一二三四五六七八九十'.includes(ch) && ++words >= 2) return true;
  return false;
}

/**
 * True when `title` (a sentence without its 。) can head the paragraph: short, unbroken (one ending
 * a clause in a comma is not a heading, GUIDE.md §3), no statement of fact, no measure.
 */
function isLeadTitle(title: string): boolean {
  return (
    !/[，,：:；;！!？?“”"]/.test(title.replace(/“[^”]{0,12}”/g, '')) &&
    !NOT_LEAD.test(title) &&
    !MEASURED.test(title) &&
    !INTRODUCES_LIST.test(title) &&
    !COPULA.test(title)
  );
}

/**
 * The lead phrase opening a paragraph of the year's work, as a level-3 heading: a short sentence
 * ending in 。 followed by the paragraph's measures (GUIDE.md §3); undefined otherwise.
 * @example findLeadPhrase({ text: '支撑构建国家战略科技力量。坚决保障…', span: [6505, 6825] })?.title // '支撑构建国家战略科技力量'
 */
export function findLeadPhrase(p: Paragraph): Heading | undefined {
  // Some reports number their lead phrases "1.加快…。"; the number is not part of the title.
  const numbered = LEAD_NUMBER.exec(p.text);
  let from = numbered ? numbered[0].length : 0;
  const modal = ORDINAL_MODAL.exec(p.text.slice(from));
  if (modal) from += modal[0].length;
  const text = p.text.slice(from);
  const stop = text.indexOf('。');
  if (numbered && stop < 0 && hasWords(text, LEAD_MAX)) {
    // A numbered subheading on its own line, without 。: "1.全力稳定经济增长".
    const title = text.replace(TRAILING_PUNCT, '');
    return { level: 3, title, span: [p.span[0] + from, p.span[0] + from + title.length] };
  }
  if (stop < 4 || stop > LEAD_MAX) return undefined;
  const title = text.slice(0, stop);
  if (!isLeadTitle(title)) return undefined;
  return { level: 3, title, span: [p.span[0] + from, p.span[0] + from + title.length] };
}

/**
 * Every lead phrase of a paragraph: the one opening it (unless the paragraph follows a subheading
 * standing on its own line, whose body it is) and those run in after an ordinal 要
 * ("…。二要加快工业转型升级。"). Linear in the paragraph.
 */
export function findLeadPhrases(p: Paragraph, afterStandalone = false): Heading[] {
  const out: Heading[] = [];
  const first = findLeadPhrase(p);
  // after "1.全力稳定经济增长" on its own line, "推动项目落地。新增…" is that heading's body
  if (first && !(afterStandalone && first.span[1] + 1 < p.span[1])) out.push(first);
  if (!p.text.includes('要')) return out;
  for (const m of p.text.matchAll(RUN_IN_ORDINAL)) {
    const from = m.index + 1 + (m[1]?.length ?? 0);
    const stop = p.text.indexOf('。', from);
    if (stop < 0 || stop - from < 4 || stop - from > LEAD_MAX) continue;
    const title = p.text.slice(from, stop);
    if (!isLeadTitle(title)) continue;
    out.push({ level: 3, title, span: [p.span[0] + from, p.span[0] + stop], doubts: ['RUN_IN'] });
  }
  return out;
}
