import { Document, LevelFormat, Packer, Paragraph } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import { addListLabels, extractDocxText } from './docx.js';
import { formatCounter, listLabelledParagraphs } from './docx-numbering.js';
import { listLines, loadExampleReport } from './test-fixtures.js';
import { DOCX_ZIP_CAPS } from './limits.js';
import { inflateZip } from './zip.js';

const CHAPTER = /^([一二三四五六七八九十]+)、/;
const SECTION = /^\(([一二三四五六七八九十]+)\)/;

/** The report as a Word author would number it: chapters and sections by Word's lists. */
async function makeAutoNumberedDocx(lines: string[]): Promise<Uint8Array> {
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'outline',
          levels: [
            { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、' },
            { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '(%2)' },
          ],
        },
      ],
    },
    sections: [
      {
        children: lines.map((line) => {
          if (CHAPTER.test(line)) {
            return new Paragraph({
              text: line.replace(CHAPTER, ''),
              numbering: { reference: 'outline', level: 0 },
            });
          }
          if (SECTION.test(line)) {
            return new Paragraph({
              text: line.replace(SECTION, ''),
              numbering: { reference: 'outline', level: 1 },
            });
          }
          return new Paragraph(line);
        }),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

let lines: string[] = [];
beforeAll(async () => {
  lines = listLines(await loadExampleReport());
});

describe('formatCounter', () => {
  it('writes counters the way Word does for Chinese and Latin formats', () => {
    const chinese = [1, 2, 10, 11, 12, 20, 21, 100, 105].map((n) => formatCounter(n, 'chineseCounting'));
    expect(chinese).toEqual(['一', '二', '十', '十一', '十二', '二十', '二十一', '一百', '一百零五']);
    expect([1, 3, 10].map((n) => formatCounter(n, 'ideographTraditional'))).toEqual(['甲', '丙', '癸']);
    expect([4, 9, 14].map((n) => formatCounter(n, 'upperRoman'))).toEqual(['IV', 'IX', 'XIV']);
    expect([1, 26, 27].map((n) => formatCounter(n, 'lowerLetter'))).toEqual(['a', 'z', 'aa']);
    expect([3, 12].map((n) => formatCounter(n, 'decimalEnclosedCircle'))).toEqual(['③', '⑫']);
    expect(formatCounter(7, 'decimal')).toBe('7');
  });
});

describe('listLabelledParagraphs', () => {
  const numbering = `<w:numbering>
    <w:abstractNum w:abstractNumId="0">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
    </w:abstractNum>
    <w:abstractNum w:abstractNumId="1">
      <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
    </w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
    <w:num w:numId="3"><w:abstractNumId w:val="0"/>
      <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
  </w:numbering>`;
  const styles = `<w:styles><w:style w:type="paragraph" w:styleId="Chapter"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`;
  const p = (text: string, pPr = '') =>
    `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`;
  const num = (id: number, level = 0) =>
    `<w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${id}"/></w:numPr>`;

  it('numbers by paragraph and by style, nests levels, writes legal levels in decimal, skips bullets, restarts on startOverride', () => {
    const document = [
      p('回顾', num(1)),
      p('一项', num(1, 1)),
      p('两项', num(1, 1)),
      p('细项', num(1, 2)),
      p('要点', num(2)),
      p('目标', '<w:pStyle w:val="Chapter"/>'),
      p('任务', num(1, 1)),
      p('附件', num(3)),
      p('R&amp;D 投入'),
      `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">${p('框内')}</mc:Choice><mc:Fallback>${p('框内')}</mc:Fallback></mc:AlternateContent></w:r></w:p>`,
    ].join('');
    expect(listLabelledParagraphs(`<w:body>${document}</w:body>`, numbering, styles)).toEqual([
      { text: '回顾', label: '一、' },
      { text: '一项', label: '一.1' },
      { text: '两项', label: '一.2' },
      { text: '细项', label: '1.2.1' },
      { text: '要点', label: '' },
      { text: '目标', label: '二、' },
      { text: '任务', label: '二.1' },
      { text: '附件', label: '五、' },
      { text: 'R&D 投入', label: '' },
      { text: '', label: '' },
      { text: '框内', label: '' },
    ]);
  });

  it('labels nothing without numbering.xml', () => {
    expect(listLabelledParagraphs(p('回顾', num(1)), undefined, undefined)).toEqual([
      { text: '回顾', label: '' },
    ]);
  });
});

describe('extractDocxText with Word list numbering', () => {
  it('gives back the chapter and section numbers that Word draws, restarting sections per chapter', async () => {
    const numbered = lines.filter((l) => CHAPTER.test(l) || SECTION.test(l));
    expect(numbered.length).toBeGreaterThan(5);
    const { text, warnings } = await extractDocxText(await makeAutoNumberedDocx(lines));
    expect(warnings).toEqual([]);
    expect(text).toBe(lines.join('\n'));
  });

  it('leaves the numbers out, with a warning, when the paragraphs do not line up with the text', async () => {
    const docx = await makeAutoNumberedDocx(lines);
    const raw = `${lines.slice(1).join('\n\n')}\n\n`;
    const out = addListLabels(raw, (await inflateZip(docx, DOCX_ZIP_CAPS)).entries);
    expect(out.text).toBe(raw);
    expect(out.warnings.map((w) => w.code)).toEqual(['DOCX_LIST_NUMBERS_LEFT_OUT']);
  });
});
