/**
 * The year-end review as an .xlsx workbook: the 对照表 of targets, the task counts and rows,
 * the project lists, the carry-over, and the draft text with each sentence's sources.
 */
import type { Review, ReviewRef } from './review.js';
import { TARGET_VERDICT_LABELS } from './review.js';
import { addTable, newWorkbook, workbookBuffer } from './xlsx.js';

const REF_WORDS: Record<ReviewRef['kind'], string> = {
  target: '指标',
  task: '任务',
  projectList: '项目清单',
  project: '项目',
  outline: '章节',
};

/** "指标201、任务101": a sentence's sources, in words. */
export function formatRefs(refs: ReviewRef[]): string {
  return refs.map((r) => `${REF_WORDS[r.kind]}${r.id}`).join('、');
}

export async function writeReviewXlsx(review: Review): Promise<Buffer> {
  const wb = newWorkbook();
  const title = review.plan.title;
  const subtitle = `截至${review.asOf}`;

  addTable(wb.addWorksheet('指标对照表'), {
    title: `${title}主要指标对照表`,
    subtitle,
    columns: [
      { header: '序号', width: 6, center: true },
      { header: '指标', width: 24 },
      { header: '目标', width: 14, center: true },
      { header: '基数', width: 14, center: true },
      { header: '实际', width: 12, center: true },
      { header: '结果', width: 10, center: true },
      { header: '判定依据', width: 30 },
      { header: '牵头单位', width: 16 },
      { header: '指标ID', width: 8, center: true },
    ],
    rows: review.targets.map((r, i) => [
      i + 1,
      r.metric,
      r.promise,
      r.baseline ? `${r.baseline.value}${r.baseline.unit}（${r.baseline.period}）` : null,
      r.achieved === null ? null : `${r.achieved}${r.achievedUnit ?? ''}`,
      TARGET_VERDICT_LABELS[r.verdict],
      r.rule,
      r.leadUnit,
      r.targetId,
    ]),
  });

  const c = review.taskCounts;
  addTable(wb.addWorksheet('任务进度'), {
    title: `${title}重点任务进度统计（任务总数${c.total}项：已完成${c.已完成}项，超进度${c.超进度}项，达进度${c.达进度}项，欠进度${c.欠进度}项）`,
    subtitle,
    columns: [
      { header: '序号', width: 6, center: true },
      { header: '任务内容', width: 60 },
      { header: '牵头单位', width: 16 },
      { header: '完成时限', width: 12, center: true },
      { header: '进度(%)', width: 9, center: true },
      { header: '序时进度(%)', width: 10, center: true },
      { header: '判定', width: 9, center: true },
      { header: '任务ID', width: 8, center: true },
    ],
    rows: review.tasks.map((r, i) => [
      i + 1,
      r.text,
      r.leadUnit,
      r.deadline,
      r.progress,
      r.expected,
      r.class,
      r.taskId,
    ]),
  });

  addTable(wb.addWorksheet('项目清单'), {
    title: `${title}重点项目清单完成情况`,
    subtitle,
    columns: [
      { header: '承诺环节', width: 12, center: true },
      { header: '承诺数', width: 9, center: true },
      { header: '在库跟踪', width: 9, center: true },
      { header: '已达到', width: 9, center: true },
      { header: '是否完成', width: 9, center: true },
      { header: '项目', width: 60 },
    ],
    rows: review.projectLists.map((l) => [
      l.stage,
      l.promised,
      l.tracked,
      l.reached,
      l.met ? '完成' : '未完成',
      l.names.join('、'),
    ]),
  });

  addTable(wb.addWorksheet('结转任务'), {
    title: `${title}结转下一年度任务`,
    subtitle,
    columns: [
      { header: '序号', width: 6, center: true },
      { header: '任务内容', width: 60 },
      { header: '牵头单位', width: 16 },
      { header: '责任领导', width: 10 },
      { header: '进度(%)', width: 9, center: true },
      { header: '完成时限', width: 12, center: true },
      { header: '任务ID', width: 8, center: true },
    ],
    rows: review.carryOver.map((r, i) => [
      i + 1,
      r.text,
      r.leadUnit,
      r.leader,
      r.progress,
      r.deadline,
      r.taskId,
    ]),
  });

  const textRows: (string | null)[][] = [
    ...review.summary.map((s) => ['总体情况', s.text, formatRefs(s.refs)]),
    ...review.chapters.flatMap((ch) => ch.paragraph.map((s) => [ch.heading, s.text, formatRefs(s.refs)])),
  ];
  addTable(wb.addWorksheet('文字稿'), {
    title: `${title}落实情况文字稿（每句注明数据来源）`,
    subtitle,
    columns: [
      { header: '部分', width: 18 },
      { header: '内容', width: 70 },
      { header: '数据来源', width: 30 },
    ],
    rows: textRows,
  });
  return workbookBuffer(wb);
}
