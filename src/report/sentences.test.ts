import { describe, expect, it } from 'vitest';
import { listParagraphs, listSentences } from './sentences.js';

describe('listParagraphs', () => {
  it('gives each non-blank line with its span into the text', () => {
    const text = '一、过去五年工作回顾\r\n\n  过去五年,是极不平凡的五年。\n';
    const paragraphs = listParagraphs(text);
    expect(paragraphs.map((p) => p.text)).toEqual(['一、过去五年工作回顾', '过去五年,是极不平凡的五年。']);
    for (const p of paragraphs) expect(text.slice(...p.span)).toBe(p.text);
  });
});

describe('listSentences', () => {
  it('splits on 。；！？ and keeps a closing quote with its sentence', () => {
    const text = '支撑构建国家战略科技力量。坚决保障“核心区建设。”加快建设;推进\n第二段';
    const sentences = listSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      '支撑构建国家战略科技力量。',
      '坚决保障“核心区建设。”',
      '加快建设;',
      '推进',
      '第二段',
    ]);
    for (const s of sentences) expect(text.slice(...s.span)).toBe(s.text);
    expect(sentences[4]?.paragraph).toBe(1);
  });
});
