/**
 * The year-end review as a Word document laid out like a government paper (GB/T 9704-2012
 * 党政机关公文格式, as far as a generated draft goes): A4, margins 37/35/28/26 mm, title in
 * 方正小标宋简体 二号, first-level headings 一、 in 黑体 三号, second-level （一） in 楷体_GB2312,
 * body 仿宋_GB2312 三号 with a two-character first-line indent and 28 pt lines, bordered
 * tables, and "— 1 —" page numbers at the foot. Font names are set as offices use them;
 * where a machine lacks them, Word and LibreOffice substitute.
 */
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Review } from './review.js';
import { TARGET_VERDICT_LABELS } from './review.js';
import { chineseNumber } from './ledger.js';
import { packOfficialPage } from './official-page.js';

/** Font names; override where an office standardises on others (e.g. 仿宋 instead of 仿宋_GB2312). */
export interface ReviewFonts {
  title: string;
  heading1: string;
  heading2: string;
  body: string;
  latin: string;
}

export const GOVERNMENT_FONTS: ReviewFonts = {
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  body: '仿宋_GB2312',
  latin: 'Times New Roman',
};

const SIZE_2 = 44; // 二号 22 pt, in half-points
const SIZE_3 = 32; // 三号 16 pt
const SIZE_TABLE = 24; // 小四 12 pt

export interface ReviewDocxOptions {
  /** Document title (default: "{plan title}落实情况报告"). */
  title?: string;
  fonts?: Partial<ReviewFonts>;
}

/** Writes the review as .docx bytes. */
export async function writeReviewDocx(review: Review, options: ReviewDocxOptions = {}): Promise<Buffer> {
  const fonts = { ...GOVERNMENT_FONTS, ...options.fonts };
  const run = (text: string, font: string, size: number, bold = false) =>
    new TextRun({
      text,
      bold,
      size,
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
  const h1 = (text: string) =>
    new Paragraph({
      children: [run(text, fonts.heading1, SIZE_3)],
      indent: { firstLine: 640 },
      spacing: line,
      keepNext: true,
    });
  const h2 = (text: string) =>
    new Paragraph({
      children: [run(text, fonts.heading2, SIZE_3)],
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
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
        }),
      ],
      verticalAlign: VerticalAlign.CENTER,
      ...(width ? { width: { size: width, type: WidthType.PERCENTAGE } } : {}),
    });
  const table = (headers: [string, number][], rows: string[][]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders,
      rows: [
        new TableRow({ tableHeader: true, children: headers.map(([h, w]) => cell(h, true, w)) }),
        ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v) => cell(v)) })),
      ],
    });
  const gap = () => new Paragraph({ children: [], spacing: { after: 120 } });

  const title = options.title ?? `${review.plan.title}落实情况报告`;
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      children: [run(title, fonts.title, SIZE_2)],
      alignment: AlignmentType.CENTER,
      spacing: { after: 240, line: 700, lineRule: LineRuleType.EXACT },
    }),
    new Paragraph({
      children: [run(`（截至${review.asOf}）`, fonts.heading2, SIZE_3)],
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
    }),
  ];
  let n = 0;
  const section = (name: string) => h1(`${chineseNumber(++n)}、${name}`);

  children.push(section('总体情况'));
  for (const s of review.summary) children.push(body(s.text));

  if (review.targets.length > 0) {
    children.push(section('主要指标完成情况'));
    children.push(
      table(
        [
          ['序号', 6],
          ['指标', 26],
          ['目标', 16],
          ['基数', 14],
          ['实际', 14],
          ['结果', 10],
          ['牵头单位', 14],
        ],
        review.targets.map((r, i) => [
          String(i + 1),
          r.metric,
          r.promise,
          r.baseline ? `${r.baseline.value}${r.baseline.unit}（${r.baseline.period}）` : '—',
          r.achieved === null ? '—' : `${r.achieved}${r.achievedUnit ?? ''}`,
          TARGET_VERDICT_LABELS[r.verdict],
          r.leadUnit ?? '—',
        ]),
      ),
    );
    children.push(gap());
  }

  if (review.tasks.length > 0) {
    children.push(section('重点任务推进情况'));
    const c = review.taskCounts;
    children.push(
      table(
        [
          ['任务总数', 20],
          ['已完成', 20],
          ['超进度', 20],
          ['达进度', 20],
          ['欠进度', 20],
        ],
        [[String(c.total), String(c.已完成), String(c.超进度), String(c.达进度), String(c.欠进度)]],
      ),
    );
    children.push(gap());
    review.chapters.forEach((ch, i) => {
      children.push(h2(`（${chineseNumber(i + 1)}）${ch.title}`));
      children.push(body(ch.paragraph.map((s) => s.text).join('')));
    });
  }

  if (review.projectLists.length > 0) {
    children.push(section('重点项目推进情况'));
    children.push(
      table(
        [
          ['承诺环节', 18],
          ['承诺数', 14],
          ['在库跟踪', 14],
          ['已达到', 14],
          ['是否完成', 14],
          ['项目（部分）', 26],
        ],
        review.projectLists.map((l) => [
          l.stage,
          String(l.promised),
          String(l.tracked),
          String(l.reached),
          l.met ? '完成' : '未完成',
          l.names.slice(0, 3).join('、') || '—',
        ]),
      ),
    );
    children.push(gap());
  }

  if (review.carryOver.length > 0) {
    children.push(section('结转下一年度任务'));
    children.push(
      table(
        [
          ['序号', 6],
          ['任务内容', 54],
          ['牵头单位', 16],
          ['进度', 10],
          ['完成时限', 14],
        ],
        review.carryOver.map((r, i) => [
          String(i + 1),
          r.text,
          r.leadUnit ?? '—',
          `${r.progress}%`,
          r.deadline ?? '—',
        ]),
      ),
    );
  }

  return packOfficialPage({ title, font: { latin: fonts.latin, body: fonts.body, size: SIZE_3 }, children });
}
