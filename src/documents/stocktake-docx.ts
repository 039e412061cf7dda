/**
 * The stocktake pack (盘点材料) as a Word document: a cover page with the tally, then one page
 * per commitment of the leader's portfolio, worst first — the promise (original and current),
 * the trajectory (a target's months, a task's progress against 序时进度), the confidence of the
 * lead unit and of the 督查室, the issues, and the decisions needed. A4 like a government paper
 * (GB/T 9704 margins, 仿宋 body, 黑体 headings); each commitment starts a new page and its tables
 * are kept small enough for one. Pure data in (src/verdicts `StocktakePack`), bytes out.
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
import {
  CONFIDENCE_LABELS,
  describeDecision,
  describeIssue,
  formatChineseDate,
  HEALTH_LABELS,
} from '../verdicts/index.js';
import type { ConfidenceAssessment, StocktakePack, StocktakePage } from '../verdicts/index.js';
import { chineseNumber } from './ledger.js';
import { GOVERNMENT_FONTS } from './review-docx.js';
import type { ReviewFonts } from './review-docx.js';
import { packOfficialPage } from './official-page.js';

const SIZE_2 = 44; // 二号
const SIZE_3 = 32; // 三号
const SIZE_4 = 28; // 四号
const SIZE_SMALL_4 = 24; // 小四
const SIZE_5 = 21; // 五号

export interface StocktakeDocxOptions {
  /** Default: "{leader}分管工作盘点材料". */
  title?: string;
  /** The plan's title, under the document's title. */
  planTitle?: string;
  fonts?: Partial<ReviewFonts>;
}

const TYPE_WORDS = { task: '重点任务', target: '目标指标' } as const;

function number(n: number | null): string {
  return n === null ? '—' : String(Math.round(n * 100) / 100);
}

function confidenceText(a: ConfidenceAssessment | null): string {
  if (!a) return '未报';
  return `${CONFIDENCE_LABELS[a.level].name}${a.comment ? `（${a.comment}）` : ''}`;
}

/** Writes the pack as .docx bytes. */
export async function writeStocktakeDocx(
  pack: StocktakePack,
  options: StocktakeDocxOptions = {},
): Promise<Buffer> {
  const fonts = { ...GOVERNMENT_FONTS, ...options.fonts };
  const run = (text: string, font: string, size: number, bold = false) =>
    new TextRun({
      text,
      bold,
      size,
      font: { ascii: fonts.latin, hAnsi: fonts.latin, eastAsia: font, cs: font },
    });
  const para = (text: string, font = fonts.body, size = SIZE_4, pageBreakBefore = false) =>
    new Paragraph({
      children: [run(text, font, size)],
      spacing: { line: 400, lineRule: LineRuleType.EXACT },
      alignment: AlignmentType.JUSTIFIED,
      pageBreakBefore,
    });
  const heading = (text: string) =>
    new Paragraph({
      children: [run(text, fonts.heading1, SIZE_4)],
      spacing: { before: 120, line: 400, lineRule: LineRuleType.EXACT },
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
  const cell = (text: string, header = false, width?: number, size = SIZE_5) =>
    new TableCell({
      children: [
        new Paragraph({
          children: [run(text, header ? fonts.heading1 : fonts.body, size)],
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
        }),
      ],
      verticalAlign: VerticalAlign.CENTER,
      ...(width ? { width: { size: width, type: WidthType.PERCENTAGE } } : {}),
    });
  const table = (rows: { cells: string[]; header?: boolean }[], widths?: number[]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders,
      rows: rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.cells.map((c, i) => cell(c, r.header ?? false, widths?.[i])),
          }),
      ),
    });
  const pairs = (list: [string, string][]) =>
    table(
      list.map(([k, v]) => ({ cells: [k, v] })),
      [22, 78],
    );

  const title = options.title ?? `${pack.leader}分管工作盘点材料`;
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      children: [run(title, fonts.title, SIZE_2)],
      alignment: AlignmentType.CENTER,
      spacing: { after: 240, line: 700, lineRule: LineRuleType.EXACT },
    }),
    new Paragraph({
      children: [run(`（截至${formatChineseDate(pack.asOf)}）`, fonts.heading2, SIZE_3)],
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
    }),
  ];
  if (options.planTitle) children.push(para(`依据：${options.planTitle}`));
  const h = pack.tally.byHealth;
  children.push(
    para(
      `${pack.leader}分管承诺事项共${pack.tally.items}项，其中正常推进${h.on_track ?? 0}项、预警${h.at_risk ?? 0}项、滞后${h.behind ?? 0}项、已完成${h.done ?? 0}项、尚无数据${(h.no_data ?? 0) + (h.not_started ?? 0)}项；需领导研究决策事项${pack.tally.decisions}项。以下按问题轻重排列，每项一页。`,
    ),
  );
  children.push(
    table(
      [
        { cells: ['序号', '事项', '健康度', '需决策'], header: true },
        ...pack.pages.map((p, i) => ({
          cells: [
            String(i + 1),
            p.input.item.promise,
            HEALTH_LABELS[p.input.health.health],
            String(p.decisions.length),
          ],
        })),
      ],
      [8, 64, 14, 14],
    ),
  );
  pack.pages.forEach((page, i) => children.push(...pageOf(page, i)));

  function pageOf(page: StocktakePage, i: number): (Paragraph | Table)[] {
    const { item, promise, verdict, confidence } = page.input;
    const out: (Paragraph | Table)[] = [
      new Paragraph({
        children: [run(`${chineseNumber(i + 1)}、${item.promise}`, fonts.heading1, SIZE_3)],
        spacing: { after: 120, line: 480, lineRule: LineRuleType.EXACT },
        pageBreakBefore: true,
        keepNext: true,
      }),
    ];
    const facts: [string, string][] = [
      ['类别', `${TYPE_WORDS[item.type]}${item.chapter ? `（${item.chapter}）` : ''}`],
      [
        '责任单位',
        `${item.leadUnit ?? '未明确'}${item.coUnits.length > 0 ? `；配合：${item.coUnits.join('、')}` : ''}`,
      ],
    ];
    if (promise.deadline) {
      const d = promise.deadline;
      facts.push([
        '完成时限',
        d.days === 0
          ? formatChineseDate(d.current)
          : `原定${formatChineseDate(d.original)}，现为${formatChineseDate(d.current)}（${d.days > 0 ? '推迟' : '提前'}${Math.abs(d.days)}天）`,
      ]);
      if (d.overdue) facts.push(['逾期', '已超过完成时限，尚未完成']);
    }
    if (promise.value) {
      const v = promise.value;
      facts.push([
        '目标值',
        v.rebaselines === 0
          ? `${v.current}${v.unit}`
          : `原定${v.original}${v.unit}，现为${v.current}${v.unit}`,
      ]);
    }
    facts.push(['健康度', HEALTH_LABELS[page.input.health.health]]);
    if (verdict) facts.push(['公开评估', `${verdict.label}${verdict.note ? `（${verdict.note}）` : ''}`]);
    out.push(heading('一、承诺'), pairs(facts));

    out.push(heading('二、走势'));
    const t = page.input.trajectory;
    if (t) {
      out.push(
        table([
          { cells: ['月份', ...t.points.map((p) => `${Number(p.month.slice(5))}月`)], header: true },
          { cells: ['应达', ...t.points.map((p) => number(p.expected))] },
          { cells: ['实际', ...t.points.map((p) => number(p.actual))] },
        ]),
        para(
          `单位：${t.unit}。目标${t.target}${t.unit}；${t.projected === null ? '尚无数据，无法推算全年' : `按当前进度推算全年约${number(t.projected)}${t.unit}`}。`,
          fonts.body,
          SIZE_SMALL_4,
        ),
      );
    } else if (page.input.progress.length > 0) {
      const rows = page.input.progress.slice(-6);
      out.push(
        table([
          { cells: ['期次', ...rows.map((r) => r.label)], header: true },
          { cells: ['序时进度', ...rows.map((r) => `${number(r.expected)}%`)] },
          {
            cells: [
              '实际进度',
              ...rows.map((r) => (r.progress === null ? '未报' : `${number(r.progress)}%`)),
            ],
          },
        ]),
      );
    } else out.push(para('暂无报送数据。'));

    out.push(
      heading('三、完成把握'),
      pairs([
        ['牵头单位自评', confidenceText(confidence.unit)],
        ['督查室评估', confidenceText(confidence.independent)],
      ]),
    );
    out.push(heading('四、存在问题'));
    if (page.issues.length === 0) out.push(para('无。'));
    page.issues.forEach((issue, k) => out.push(para(`${k + 1}. ${describeIssue(issue)}`)));
    out.push(heading('五、需领导研究决策事项'));
    if (page.decisions.length === 0) out.push(para('无。'));
    page.decisions.forEach((d, k) => out.push(para(`${k + 1}. ${describeDecision(d)}`)));
    return out;
  }

  return packOfficialPage({ title, font: { latin: fonts.latin, body: fonts.body, size: SIZE_4 }, children });
}
