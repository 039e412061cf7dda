/**
 * Tiny evidence files that carry who made them, generated for the tests of the public copy
 * (issue 19.4): a PDF with an Info author and an XMP packet, a .docx with its creator, last
 * editor and a comment, an .xlsx with its creator, company and a cell comment. Each
 * carries a line of text to scan.
 */
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  Packer,
  Paragraph,
  TextRun,
} from 'docx';
import ExcelJS from 'exceljs';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';

export const PDF_TYPE = 'application/pdf';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The bytes of a PDF string as pdf-lib writes a text (UTF-16BE hex), to look for in a file. */
export function pdfHex(text: string): string {
  const utf16 = Buffer.from(text, 'utf16le').swap16();
  return `FEFF${utf16.toString('hex')}`.toUpperCase();
}

/** A one-page PDF by `author`, with an XMP packet naming them, its page reading `text`. */
export async function pdfBy(author: string, text: string): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setAuthor(author);
  doc.setCreator(`${author}的电脑`);
  const page = doc.addPage([300, 200]);
  page.drawText(text, { x: 20, y: 100, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>${author}</dc:creator></x:xmpmeta>`;
  const stream = doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A .docx by `creator` with a comment by them, its body reading `text`. */
export async function docxBy(creator: string, text: string): Promise<Buffer> {
  const doc = new Document({
    creator,
    lastModifiedBy: creator,
    comments: {
      children: [{ id: 0, author: creator, initials: 'WJ', children: [new Paragraph('请核实')] }],
    },
    sections: [
      {
        children: [
          new Paragraph({
            children: [
              new CommentRangeStart(0),
              new TextRun(text),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
            ],
          }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

/** An .xlsx by `creator` of `company`, its A1 cell holding `value`, B1 a comment by them. */
export async function xlsxBy(creator: string, company: string, value: string | number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = creator;
  wb.lastModifiedBy = creator;
  wb.company = company;
  const ws = wb.addWorksheet('汇总');
  ws.getCell('A1').value = value;
  ws.getCell('B1').value = '完成';
  ws.getCell('B1').note = `${creator}：请核实`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
