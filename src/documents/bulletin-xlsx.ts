/**
 * The monthly 通报 as an .xlsx workbook: the units' table with totals, the 红黑榜, the overdue
 * items and the work by source — the same figures as the .docx, for offices that file them.
 */
import type { Bulletin } from './bulletin.js';
import { documentDate, monthWords } from './bulletin-docx.js';
import { addTable, newWorkbook, workbookBuffer } from './xlsx.js';

/** Rates as numbers with a percent format, so the sheet can be sorted and summed. */
const PCT = '0.0%';

export async function writeBulletinXlsx(bulletin: Bulletin): Promise<Buffer> {
  const wb = newWorkbook();
  const subtitle = `${bulletin.number}\u3000${documentDate(bulletin.issuedOn)}`;
  const month = monthWords(bulletin.month);
  const t = bulletin.totals;
  addTable(wb.addWorksheet('各单位情况'), {
    title: `${month}份各单位重点工作落实情况`,
    subtitle,
    columns: [
      { header: '序号', width: 6, center: true },
      { header: '单位', width: 22 },
      { header: '本月到期', width: 9, center: true },
      { header: '按期完成', width: 9, center: true },
      { header: '逾期完成', width: 9, center: true },
      { header: '逾期未完成', width: 10, center: true },
      { header: '按期完成率', width: 10, center: true, numFmt: PCT },
      { header: '收到督办单', width: 10, center: true },
      { header: '已答复督办单', width: 11, center: true },
      { header: '督办单逾期未答复', width: 12, center: true },
      { header: '响应率', width: 9, center: true, numFmt: PCT },
      { header: '解决率', width: 9, center: true, numFmt: PCT },
      { header: '满意率', width: 9, center: true, numFmt: PCT },
    ],
    rows: [
      ...bulletin.rows.map((r, i) => [
        i + 1,
        r.unitName,
        r.due,
        r.doneOnTime,
        r.doneLate,
        r.overdue,
        r.onTimeRate,
        r.noticesReceived,
        r.noticesAnswered,
        r.noticesUnanswered,
        r.requests?.response ?? null,
        r.requests?.resolution ?? null,
        r.requests?.satisfaction ?? null,
      ]),
      [
        null,
        '合计',
        t.due,
        t.doneOnTime,
        t.doneLate,
        t.overdue,
        t.onTimeRate,
        t.noticesReceived,
        t.noticesAnswered,
        t.noticesUnanswered,
        null,
        null,
        null,
      ],
    ],
    groupRows: new Set([bulletin.rows.length]),
  });
  addTable(wb.addWorksheet('红黑榜'), {
    title: `${month}份红黑榜`,
    subtitle,
    portrait: true,
    columns: [
      { header: '榜单', width: 8, center: true },
      { header: '单位', width: 22 },
      { header: '情况', width: 60 },
    ],
    rows: [
      ...bulletin.red.map((u) => ['红榜', u.unitName, u.reasons.join('；')]),
      ...bulletin.black.map((u) => ['黑榜', u.unitName, u.reasons.join('；')]),
    ],
  });
  addTable(wb.addWorksheet('逾期事项'), {
    title: `截至${month}底逾期未完成事项`,
    subtitle,
    columns: [
      { header: '序号', width: 6, center: true },
      { header: '单位', width: 22 },
      { header: '事项', width: 60 },
      { header: '来源', width: 14, center: true },
      { header: '办理时限', width: 14, center: true },
    ],
    rows: bulletin.overdueItems.map((o, i) => [i + 1, o.unitName, o.title, o.source, o.dueOn]),
  });
  addTable(wb.addWorksheet('分来源统计'), {
    title: `${month}份各类事项落实情况`,
    subtitle,
    portrait: true,
    columns: [
      { header: '来源', width: 16 },
      { header: '本月到期', width: 10, center: true },
      { header: '按期完成', width: 10, center: true },
      { header: '逾期未完成', width: 12, center: true },
    ],
    rows: bulletin.bySource.map((s) => [s.label, s.due, s.doneOnTime, s.overdue]),
  });
  if (bulletin.comments.length > 0) {
    addTable(wb.addWorksheet('领导点评'), {
      title: '领导点评',
      portrait: true,
      columns: [
        { header: '领导', width: 16 },
        { header: '点评', width: 80 },
      ],
      rows: bulletin.comments.map((c) => [c.leader, c.text]),
    });
  }
  return workbookBuffer(wb);
}
