import type { Span } from './types.js';

/** A line of the report (one paragraph or heading in the usual layouts), without its line end. */
export interface Paragraph {
  span: Span;
  text: string;
}

/** A sentence, ended by 。！？；!? (kept inside the span) or by the end of its paragraph. */
export interface Sentence {
  span: Span;
  text: string;
  /** Index of the paragraph that holds it. */
  paragraph: number;
}

const SENTENCE_END = /[。！？；!?;]+[”’」』"]?/g;
// Full stops only: a task is a whole sentence, its semicolon-separated measures kept together.
const FULL_STOP = /[。！？!?]+[”’」』"]?/g;

/**
 * Splits the text into non-blank lines with spans into the text.
 * @example listParagraphs('一、回顾\n过去五年。') // [{span:[0,4],…}, {span:[5,10],…}]
 */
export function listParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const n = text.length;
  let i = 0;
  // One pass with indexes (no regex per line): the reader must stay linear and fast (issue 2).
  while (i < n) {
    let end = i;
    while (end < n && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    let a = i;
    let b = end;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (b > a) out.push({ span: [a, b], text: text.slice(a, b) });
    i = end + 1;
  }
  return out;
}

/** The characters String.prototype.trim removes (ECMAScript WhiteSpace and line terminators). */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Splits each paragraph into sentences; a closing quote after 。 stays with its sentence. With
 * `fullStops`, only 。！？ end a sentence (semicolons stay inside).
 * @example listSentences('加快建设;推进\n第二段').map((s) => s.text) // ['加快建设;', '推进', '第二段']
 */
export function listSentences(
  text: string,
  paragraphs: Paragraph[] = listParagraphs(text),
  fullStops = false,
): Sentence[] {
  const out: Sentence[] = [];
  const ends = fullStops ? FULL_STOP : SENTENCE_END;
  paragraphs.forEach((p, index) => {
    let from = 0;
    for (const m of p.text.matchAll(ends)) {
      const to = m.index + m[0].length;
      push(p, index, from, to);
      from = to;
    }
    if (from < p.text.length) push(p, index, from, p.text.length);
  });
  return out;

  function push(p: Paragraph, index: number, from: number, to: number) {
    const piece = p.text.slice(from, to);
    const lead = piece.length - piece.trimStart().length;
    const body = piece.trim();
    if (!body) return;
    const start = p.span[0] + from + lead;
    out.push({ span: [start, start + body.length], text: body, paragraph: index });
  }
}
