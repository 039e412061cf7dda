/**
 * A 督办单 printed as offices file it (督办通知单): its 文号, the unit it is sent to, the task it is
 * about, what to do and by when, with the unit's answer and the closing note once there. Laid
 * out in the fonts of the year-end review (review-docx.ts) on its official page (official-page.ts).
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
  WidthType,
} from 'docx';
import { packOfficialPage } from './official-page.js';
import { GOVERNMENT_FONTS } from './review-docx.js';

export interface NoticeSheet {
  /** 文号: "督办〔2022〕3号". */
  number: string;
  /** Who sends it (the 督查室's name as users know it). */
  issuer: string;
  unitName: string;
  /** The task or target, named as the report names it. */
  subject: string;
  /** 红色/黄色/蓝色督办 in words. */
  urgency: string;
  content: string;
  /** Dates as offices write them ("2022年7月8日"). */
  issuedOn: string;
  dueOn: string;
  /** 已下发 / 已答复 / 已办结 / 已升级 in words. */
  state: string;
  answer: string | null;
  answeredOn: string | null;
  closingNote: string | null;
}

const SIZE_2 = 44;
const SIZE_3 = 32;
const SIZE_4 = 28;

/** Writes the 督办单 as .docx bytes, on the official A4 page (page numbers at the foot). */
export function writeNoticeDocx(sheet: NoticeSheet): Promise<Buffer> {
  const fonts = GOVERNMENT_FONTS;
  const run = (text: string, font: string, size: number) =>
    new TextRun({ text, size, font: { ascii: fonts.latin, hAnsi: fonts.latin, eastAsia: font, cs: font } });
  const centered = (text: string, font: string, size: number) =>
    new Paragraph({
      children: [run(text, font, size)],
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
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
  const cell = (text: string, width: number, label = false) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      children: text.split('\n').map(
        (line) =>
          new Paragraph({
            children: [run(line, label ? fonts.heading1 : fonts.body, SIZE_4)],
            alignment: label ? AlignmentType.CENTER : AlignmentType.LEFT,
            spacing: { line: 440, lineRule: LineRuleType.EXACT },
          }),
      ),
    });
  const row = (label: string, value: string) =>
    new TableRow({ children: [cell(label, 22, true), cell(value || '—', 78)] });
  const rows = [
    row('文　　号', sheet.number),
    row('督办单位', sheet.issuer),
    row('承办单位', sheet.unitName),
    row('督办事项', sheet.subject),
    row('督办等级', sheet.urgency),
    row('督办要求', sheet.content),
    row('下发日期', sheet.issuedOn),
    row('答复期限', sheet.dueOn),
    row('办理状态', sheet.state),
    row(
      '办理情况',
      sheet.answer ? `${sheet.answer}${sheet.answeredOn ? `\n（${sheet.answeredOn}答复）` : ''}` : '',
    ),
    row('办结意见', sheet.closingNote ?? ''),
  ];
  return packOfficialPage({
    title: `督办通知单${sheet.number}`,
    font: { latin: fonts.latin, body: fonts.body, size: SIZE_4 },
    children: [
      centered('督办通知单', fonts.title, SIZE_2),
      centered(sheet.number, fonts.body, SIZE_3),
      new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE }, borders }),
    ],
  });
}
