/**
 * One A4 official document (GB/T 9704 page: margins 37/35/28/26 mm, page numbers "— N —" in 宋体
 * at the foot) packed as .docx bytes: the page every office document of Luoshi is printed on
 * (the year-end review, the stocktake pack).
 */
import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { FileChild } from 'docx';

const MM = 56.7; // twips per millimetre
const SIZE_4 = 28; // 四号 14 pt, in half-points

export interface OfficialPage {
  title: string;
  /** The default run's Latin and East Asian fonts and size in half-points. */
  font: { latin: string; body: string; size: number };
  children: FileChild[];
}

export function packOfficialPage({ title, font, children }: OfficialPage): Promise<Buffer> {
  const doc = new Document({
    creator: 'Luoshi 落实',
    title,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: font.latin, hAnsi: font.latin, eastAsia: font.body },
            size: font.size,
            // Chinese text is Chinese to whatever lays it out (LibreOffice picks SC glyphs by it).
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: {
              top: Math.round(37 * MM),
              bottom: Math.round(35 * MM),
              left: Math.round(28 * MM),
              right: Math.round(26 * MM),
              footer: Math.round(20 * MM),
            },
            pageNumbers: { start: 1 },
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
                    size: SIZE_4,
                    font: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' },
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
  return Packer.toBuffer(doc);
}
