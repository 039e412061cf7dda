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

describe('listSentences with full stops only', () => {
  it('keeps semicolon-separated measures in one sentence', () => {
    const text = '实现三期产业用地等地块供应;抓紧推进马池口工业区一期等项目开发。加快建设。';
    expect(listSentences(text, undefined, true).map((s) => s.text)).toEqual([
      '实现三期产业用地等地块供应;抓紧推进马池口工业区一期等项目开发。',
      '加快建设。',
    ]);
  });
});

describe('listParagraphs and odd whitespace', () => {
  it('trims full-width spaces, tabs and a BOM as String.prototype.trim does', () => {
    const text = '\uFEFF　　一、2025年工作回顾\t\r\n\u3000\u3000（一）全力促进经济平稳健康发展\r\r\n';
    const paragraphs = listParagraphs(text);
    expect(paragraphs.map((p) => p.text)).toEqual(['一、2025年工作回顾', '（一）全力促进经济平稳健康发展']);
    for (const p of paragraphs) expect(text.slice(...p.span)).toBe(p.text);
  });
});
