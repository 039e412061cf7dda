/**
 * Word's automatic list numbers ("一、", "（一）", "1.") are not text in a .docx: Word draws them
 * from numbering.xml. Mammoth's raw text leaves them out, and a report whose headings are
 * numbered by Word would lose its outline. This module computes each paragraph's label.
 *
 * It follows Word's rules in their common form: a paragraph is numbered by its own w:numPr or by
 * its paragraph style's; counters run per abstract list, a level's counter restarts after a
 * higher level moves on, `w:startOverride` restarts a list; `w:lvlText` ("%1、", "（%2）") is
 * filled with each level's counter in its `w:numFmt` (decimal under `w:isLgl`). Bullets are not
 * labels.
 */

/** One paragraph of word/document.xml, in document order: its visible text and list label. */
export interface LabelledParagraph {
  text: string;
  /** "一、", "（二）", "3." — or "" when the paragraph is not in a numbered list. */
  label: string;
}

interface Level {
  start: number;
  format: string;
  text: string;
  /** w:isLgl: every level's number in this label is written in decimal ("1.2", not "一.2"). */
  legal: boolean;
}

interface NumPr {
  numId?: string;
  ilvl?: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name] ?? whole;
  });
}

function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return match?.[1] === undefined ? undefined : decodeXml(match[1]);
}

const DIGITS = '零一二三四五六七八九';
const LEGAL = '零壹贰叁肆伍陆柒捌玖';
const STEMS = '甲乙丙丁戊己庚辛壬癸';
const BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9,999). */
function chineseCounting(n: number, digits = DIGITS, units = ['', '十', '百', '千']): string {
  if (n <= 0 || n > 9999) return String(n);
  const parts: string[] = [];
  const s = String(n);
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const unit = units[s.length - 1 - i] ?? '';
    if (d === 0) {
      zero = parts.length > 0;
      continue;
    }
    if (zero) parts.push(digits[0] ?? '');
    zero = false;
    // 十二, not 一十二, for the tens when they lead.
    parts.push(d === 1 && unit === units[1] && i === 0 ? unit : `${digits[d] ?? ''}${unit}`);
  }
  return parts.join('');
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [value, symbol] of table) {
    while (n >= value) {
      out += symbol;
      n -= value;
    }
  }
  return out;
}

function letters(n: number): string {
  // Word repeats the letter: a … z, aa … zz.
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

/** A counter in a w:numFmt; unknown formats read as decimal. */
export function formatCounter(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseCounting(n);
    case 'chineseLegalSimplified':
      return chineseCounting(n, LEGAL, ['', '拾', '佰', '仟']);
    case 'ideographTraditional':
      return STEMS[(n - 1) % 10] ?? String(n);
    case 'ideographZodiac':
      return BRANCHES[(n - 1) % 12] ?? String(n);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerLetter':
      return letters(n);
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    default:
      return String(n);
  }
}

/** Numbering definitions of numbering.xml: abstract lists' levels, and list instances. */
function readNumbering(xml: string) {
  const abstracts = new Map<string, Map<number, Level>>();
  for (const m of xml.matchAll(/<w:abstractNum\b([^>]*)>([\s\S]*?)<\/w:abstractNum>/g)) {
    const id = attr(m[1] ?? '', 'w:abstractNumId');
    if (id === undefined) continue;
    const levels = new Map<number, Level>();
    for (const l of (m[2] ?? '').matchAll(/<w:lvl\b([^>]*)>([\s\S]*?)<\/w:lvl>/g)) {
      const body = l[2] ?? '';
      const tagOf = (name: string) => new RegExp(`<${name}\\b[^>]*>`).exec(body)?.[0] ?? '';
      levels.set(Number(attr(l[1] ?? '', 'w:ilvl') ?? 0), {
        start: Number(attr(tagOf('w:start'), 'w:val') ?? 1),
        format: attr(tagOf('w:numFmt'), 'w:val') ?? 'decimal',
        text: attr(tagOf('w:lvlText'), 'w:val') ?? '',
        legal: tagOf('w:isLgl') !== '' && !/w:val="(?:0|false)"/.test(tagOf('w:isLgl')),
      });
    }
    abstracts.set(id, levels);
  }
  const nums = new Map<string, { abstractId: string; starts: Map<number, number> }>();
  for (const m of xml.matchAll(/<w:num\b([^>]*)>([\s\S]*?)<\/w:num>/g)) {
    const id = attr(m[1] ?? '', 'w:numId');
    const abstractId = attr(/<w:abstractNumId\b[^>]*>/.exec(m[2] ?? '')?.[0] ?? '', 'w:val');
    if (id === undefined || abstractId === undefined) continue;
    const starts = new Map<number, number>();
    for (const o of (m[2] ?? '').matchAll(/<w:lvlOverride\b([^>]*)>([\s\S]*?)<\/w:lvlOverride>/g)) {
      const start = attr(/<w:startOverride\b[^>]*>/.exec(o[2] ?? '')?.[0] ?? '', 'w:val');
      if (start !== undefined) starts.set(Number(attr(o[1] ?? '', 'w:ilvl') ?? 0), Number(start));
    }
    nums.set(id, { abstractId, starts });
  }
  return { abstracts, nums };
}

/** Paragraph styles that carry a list (styles.xml w:numPr). */
function readStyleNumbering(xml: string): Map<string, NumPr> {
  const styles = new Map<string, NumPr>();
  for (const m of xml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const id = attr(m[1] ?? '', 'w:styleId');
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(m[2] ?? '')?.[1];
    if (id === undefined || numPr === undefined) continue;
    styles.set(id, {
      numId: attr(/<w:numId\b[^>]*>/.exec(numPr)?.[0] ?? '', 'w:val'),
      ilvl: attr(/<w:ilvl\b[^>]*>/.exec(numPr)?.[0] ?? '', 'w:val'),
    });
  }
  return styles;
}

interface Paragraph {
  text: string;
  numPr: NumPr;
  style?: string;
}

/** The tags that matter, and the text of each w:t; mc:Choice duplicates mc:Fallback and is skipped. */
const TOKENS =
  /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<(\/?)(w:p|w:numId|w:ilvl|w:pStyle|mc:Choice)\b([^>]*?)(\/?)>/g;

function readParagraphs(xml: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const open: Paragraph[] = [];
  let choice = 0;
  for (const m of xml.matchAll(TOKENS)) {
    const [, text, closing, name, attrs = '', selfClosing] = m;
    if (name === 'mc:Choice') {
      if (!selfClosing) choice += closing ? -1 : 1;
      continue;
    }
    if (choice > 0) continue;
    const current = open.at(-1);
    if (text !== undefined) {
      if (current) current.text += decodeXml(text);
    } else if (name === 'w:p') {
      if (closing) open.pop();
      else {
        const paragraph: Paragraph = { text: '', numPr: {} };
        paragraphs.push(paragraph);
        if (!selfClosing) open.push(paragraph);
      }
    } else if (current && !closing) {
      const value = attr(attrs, 'w:val');
      if (name === 'w:numId') current.numPr.numId = value;
      else if (name === 'w:ilvl') current.numPr.ilvl = value;
      else if (name === 'w:pStyle') current.style = value;
    }
  }
  return paragraphs;
}

/**
 * Every paragraph of word/document.xml in document order with its automatic list label
 * ("" for none). Without numbering.xml no paragraph has a label.
 */
export function listLabelledParagraphs(
  documentXml: string,
  numberingXml: string | undefined,
  stylesXml: string | undefined,
): LabelledParagraph[] {
  const paragraphs = readParagraphs(documentXml);
  if (!numberingXml) return paragraphs.map((p) => ({ text: p.text, label: '' }));
  const { abstracts, nums } = readNumbering(numberingXml);
  const styles = stylesXml ? readStyleNumbering(stylesXml) : new Map<string, NumPr>();
  const counters = new Map<string, Map<number, number>>();
  const started = new Set<string>();
  return paragraphs.map((p) => {
    const fromStyle = p.style === undefined ? undefined : styles.get(p.style);
    const numId = p.numPr.numId ?? fromStyle?.numId;
    const ilvl = Number(p.numPr.ilvl ?? fromStyle?.ilvl ?? 0);
    const num = numId === undefined || numId === '0' ? undefined : nums.get(numId);
    const levels = num && abstracts.get(num.abstractId);
    const level = levels?.get(ilvl);
    if (!num || !levels || !level || level.format === 'bullet' || level.format === 'none') {
      return { text: p.text, label: '' };
    }
    let counter = counters.get(num.abstractId);
    if (!counter || (numId !== undefined && !started.has(numId) && num.starts.size > 0)) {
      counter = new Map();
      counters.set(num.abstractId, counter);
    }
    if (numId !== undefined) started.add(numId);
    const startOf = (k: number) => num.starts.get(k) ?? levels.get(k)?.start ?? 1;
    counter.set(ilvl, (counter.get(ilvl) ?? startOf(ilvl) - 1) + 1);
    for (const k of [...counter.keys()]) if (k > ilvl) counter.delete(k);
    const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      const format = level.legal ? 'decimal' : (levels.get(k)?.format ?? 'decimal');
      return formatCounter(counter.get(k) ?? startOf(k), format);
    });
    return { text: p.text, label };
  });
}
