/**
 * The monthly 通报 as a Word document in the layout a 督查室 issues (GB/T 9704-2012 党政机关公文
 * 格式 as far as a generated document goes): the red 发文机关标志 (红头) and the 文号 above a
 * red rule, the title in 小标宋 二号, the 主送 line, the body in 仿宋 三号 with 一、 headings in
 * 黑体, bordered tables per unit, the 红黑榜, the overdue items, the leaders' comments, what
 * the office asks next, then the office's name and the date, and "— 1 —" page numbers.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Bulletin } from './bulletin.js';
import { percent } from './bulletin.js';
import { chineseNumber } from './ledger.js';
import { GOVERNMENT_FONTS } from './review-docx.js';
import type { ReviewFonts } from './review-docx.js';

const MM = 56.7;
/** A4 less the 28 mm and 26 mm side margins, in twips. */
const TEXT_WIDTH = Math.round(156 * MM);
const RED = 'E60000';
const SIZE_HEAD = 72; // 发文机关标志: 36 pt
const SIZE_2 = 44;
const SIZE_3 = 32;
const SIZE_TABLE = 21; // 五号 10.5 pt

/**
 * An ISO date as the 成文日期 is written (Arabic numerals, GB/T 9704-2012 §7.3.5.3).
 * @example
 * documentDate('2024-06-05') // '2024年6月5日'
 */
export function documentDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/**
 * A month as written in a title: 2024年5月.
 * @example
 * monthWords('2024-05') // '2024年5月'
 */
export function monthWords(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** Writes the bulletin as .docx bytes. */
export async function writeBulletinDocx(
  bulletin: Bulletin,
  options: { fonts?: Partial<ReviewFonts> } = {},
): Promise<Buffer> {
  const fonts = { ...GOVERNMENT_FONTS, ...options.fonts };
  const run = (text: string, font: string, size: number, extra: { bold?: boolean; color?: string } = {}) =>
    new TextRun({
      text,
      size,
      ...extra,
      font: { ascii: fonts.latin, hAnsi: fonts.latin, eastAsia: font, cs: font },
    });
  const line = { line: 560, lineRule: LineRuleType.EXACT };
  const body = (text: string) =>
    new Paragraph({
      children: [run(text, fonts.body, SIZE_3)],
      indent: { firstLine: 640 },
      spacing: line,
      alignment: AlignmentType.JUSTIFIED,
    });
  let n = 0;
  const h1 = (text: string) =>
    new Paragraph({
      children: [run(`${chineseNumber(++n)}、${text}`, fonts.heading1, SIZE_3)],
      indent: { firstLine: 640 },
      spacing: line,
      keepNext: true,
    });
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = {
    top: border,
    bottom: border,
    left: border,
    right: border,
    insideHorizontal: border,
    insideVertical: border,
  };
  const cell = (text: string, header = false, width?: number) =>
    new TableCell({
      children: [
        new Paragraph({
          children: [run(text, header ? fonts.heading1 : fonts.body, SIZE_TABLE)],
          alignment: header || /^[\d.%/—\s]*$/.test(text) ? AlignmentType.CENTER : AlignmentType.LEFT,
        }),
      ],
      verticalAlign: VerticalAlign.CENTER,
      ...(width ? { width: { size: Math.round((TEXT_WIDTH * width) / 100), type: WidthType.DXA } } : {}),
    });
  const table = (headers: [string, number][], rows: string[][]) =>
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      // Fixed widths in twips: LibreOffice ignores percentage widths on cells.
      layout: TableLayoutType.FIXED,
      columnWidths: headers.map(([, w]) => Math.round((TEXT_WIDTH * w) / 100)),
      borders,
      rows: [
        new TableRow({ tableHeader: true, children: headers.map(([h, w]) => cell(h, true, w)) }),
        ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v) => cell(v)) })),
      ],
    });
  const gap = () => new Paragraph({ children: [], spacing: { after: 120 } });

  const children: (Paragraph | Table)[] = [
    // 红头: the issuer's mark in red, the 文号, a red rule.
    new Paragraph({
      children: [run(bulletin.header, fonts.title, SIZE_HEAD, { color: RED })],
      alignment: AlignmentType.CENTER,
      spacing: { before: 400, after: 300 },
    }),
    new Paragraph({
      children: [run(bulletin.number, fonts.body, SIZE_3)],
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.THICK, size: 18, color: RED, space: 8 } },
      spacing: { after: 480 },
    }),
    new Paragraph({
      children: [run(bulletin.title, fonts.title, SIZE_2)],
      alignment: AlignmentType.CENTER,
      spacing: { after: 480, line: 700, lineRule: LineRuleType.EXACT },
    }),
    new Paragraph({ children: [run(`${bulletin.addressees}：`, fonts.body, SIZE_3)], spacing: line }),
    body(`现将${monthWords(bulletin.month)}份重点工作落实情况通报如下：`),
    h1('总体情况'),
    body(bulletin.summary),
  ];
  if (bulletin.bySource.length > 1) {
    children.push(
      body(
        bulletin.bySource
          .map((s) => `${s.label}到期${s.due}项、按期完成${s.doneOnTime}项、逾期未完成${s.overdue}项`)
          .join('；') + '。',
      ),
    );
  }
  children.push(
    h1('各单位落实情况'),
    body('各单位本月落实情况见下表（逾期未完成含以前月份到期、截至月底仍未完成的事项）。'),
  );
  const rows = bulletin.rows.map((r, i) => [
    String(i + 1),
    r.unitName,
    String(r.due),
    String(r.doneOnTime),
    String(r.doneLate),
    String(r.overdue),
    percent(r.onTimeRate),
    `${r.noticesReceived}/${r.noticesAnswered}`,
    r.requests ? percent(r.requests.response) : '—',
    r.requests ? percent(r.requests.resolution) : '—',
    r.requests ? percent(r.requests.satisfaction) : '—',
  ]);
  const t = bulletin.totals;
  rows.push([
    '',
    '合计',
    String(t.due),
    String(t.doneOnTime),
    String(t.doneLate),
    String(t.overdue),
    percent(t.onTimeRate),
    `${t.noticesReceived}/${t.noticesAnswered}`,
    '',
    '',
    '',
  ]);
  children.push(
    table(
      [
        ['序号', 5],
        ['单位', 16],
        ['本月到期', 8],
        ['按期完成', 8],
        ['逾期完成', 8],
        ['逾期未完成', 9],
        ['按期完成率', 10],
        ['督办单（收到/答复）', 12],
        ['响应率', 8],
        ['解决率', 8],
        ['满意率', 8],
      ],
      rows,
    ),
    gap(),
  );
  children.push(h1('红黑榜'));
  const listed = (label: string, units: Bulletin['red']) =>
    units.length === 0
      ? [body(`${label}：本月无。`)]
      : [
          body(`${label}：`),
          table(
            [
              ['单位', 30],
              ['情况', 70],
            ],
            units.map((u) => [u.unitName, u.reasons.join('；')]),
          ),
          gap(),
        ];
  children.push(...listed('红榜', bulletin.red), ...listed('黑榜', bulletin.black));
  if (bulletin.overdueItems.length > 0) {
    children.push(
      h1('逾期未完成事项'),
      table(
        [
          ['序号', 6],
          ['单位', 18],
          ['事项', 46],
          ['来源', 14],
          ['办理时限', 16],
        ],
        bulletin.overdueItems.map((o, i) => [
          String(i + 1),
          o.unitName,
          o.title,
          o.source,
          documentDate(o.dueOn),
        ]),
      ),
      gap(),
    );
  }
  if (bulletin.comments.length > 0) {
    children.push(h1('领导点评'));
    for (const c of bulletin.comments) children.push(body(`${c.leader}：${c.text}`));
  }
  if (bulletin.requirements.length > 0) {
    children.push(h1('下步工作要求'));
    bulletin.requirements.forEach((r, i) => children.push(body(`${i + 1}. ${r}`)));
  }
  // 落款 and 成文日期, right-aligned with four characters' space (GB/T 9704 §7.3.5.1).
  const sign = (text: string, before = 0) =>
    new Paragraph({
      children: [run(text, fonts.body, SIZE_3)],
      alignment: AlignmentType.RIGHT,
      indent: { right: 1280 },
      spacing: { ...line, before },
    });
  children.push(sign(bulletin.office, 640), sign(documentDate(bulletin.issuedOn)));

  const doc = new Document({
    creator: 'Luoshi 落实',
    title: bulletin.title,
    styles: { default: { document: { run: { font: fonts.body, size: SIZE_3 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 210 * MM, height: 297 * MM },
            margin: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    size: 28,
                    font: { ascii: fonts.latin, eastAsia: fonts.latin },
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
