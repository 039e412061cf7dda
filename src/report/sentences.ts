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

const LINE = /[^\r\n]+/g;
const SENTENCE_END = /[。！？；!?;]+[”’」』"]?/g;

/**
 * Splits the text into non-blank lines with spans into the text.
 * @example listParagraphs('一、回顾\n过去五年。') // [{span:[0,4],…}, {span:[5,10],…}]
 */
export function listParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  for (const m of text.matchAll(LINE)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = m.index + lead;
    out.push({ span: [start, start + trimmed.length], text: trimmed });
  }
  return out;
}

/** Splits each paragraph into sentences; a closing quote after 。 stays with its sentence. */
export function listSentences(text: string, paragraphs: Paragraph[] = listParagraphs(text)): Sentence[] {
  const out: Sentence[] = [];
  paragraphs.forEach((p, index) => {
    let from = 0;
    for (const m of p.text.matchAll(SENTENCE_END)) {
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
