/**
 * An office document sent as the caller chose it (issues 14 and 19): the .docx as written, or
 * its PDF (documents/pdf.ts). A route names the format by its path (`review.pdf`) or by
 * `?format=` and `Accept: application/pdf` (the stocktake pack).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendFile } from '../document-data.js';
import type { ServerContext } from '../context.js';

export type OfficeFormat = 'docx' | 'pdf';

/** `?format=` when given; else PDF when Accept prefers application/pdf to the .docx type. */
export function officeFormat(request: FastifyRequest, asked: OfficeFormat | undefined): OfficeFormat {
  if (asked) return asked;
  const accept = request.headers.accept ?? '';
  const weight = (type: string) => {
    const part = accept
      .split(',')
      .map((p) => p.trim())
      .find((p) => p.toLowerCase().startsWith(type));
    if (part === undefined) return -1;
    const q = /;\s*q=([\d.]+)/.exec(part);
    return q ? Number(q[1]) : 1;
  };
  const pdf = weight('application/pdf');
  return pdf > 0 && pdf > weight('application/vnd.openxmlformats-officedocument.wordprocessingml')
    ? 'pdf'
    : 'docx';
}

/** Sends the .docx bytes as `base.docx`, or their PDF as `base.pdf`. */
export async function sendOffice(
  ctx: ServerContext,
  reply: FastifyReply,
  base: string,
  format: OfficeFormat,
  docx: Buffer,
): Promise<FastifyReply> {
  if (format === 'docx') return sendFile(reply, base, 'docx', docx);
  return sendFile(reply, base, 'pdf', await ctx.pdf.docxToPdf(docx));
}
