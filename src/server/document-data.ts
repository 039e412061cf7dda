/**
 * What the document routes (issue 6) share: sending a file with its Chinese name and reading
 * one uploaded file. Routes stay thin: load (src/commands/plan-data.ts) → a documents
 * function → send.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import type { UploadedFile } from './context.js';

export const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
} as const;
export type FileKind = keyof typeof MIME;

/** RFC 5987 `value-chars`: percent-encode everything outside attr-char. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback name and the real (Chinese) name
 * as RFC 5987 `filename*`, which every current browser prefers.
 * @example contentDisposition('昌平区任务分解表.xlsx') // attachment; filename="____.xlsx"; filename*=UTF-8''%E6%98%8C…
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** Sends bytes or text as a download named `base.kind`. */
export function sendFile(
  reply: FastifyReply,
  base: string,
  kind: FileKind,
  body: Buffer | string,
): FastifyReply {
  const safe = base.replace(/[\\/:*?"<>|\r\n]+/g, '_').slice(0, 120) || 'luoshi';
  return reply
    .header('content-type', MIME[kind])
    .header('content-disposition', contentDisposition(`${safe}.${kind}`))
    .send(body);
}

/**
 * The one file of a multipart upload (field `file`) and its text fields, parsed by `fields`.
 * UNSUPPORTED_FORMAT when the request is not multipart; BAD_INPUT when there is no file.
 */
export async function readOneFile<F extends z.ZodType>(
  request: FastifyRequest,
  fields: F,
  what: string,
): Promise<{ file: UploadedFile; fields: z.infer<F> }> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_FORMAT', `请以multipart/form-data上传${what}，文件放在“file”字段`, [
      { path: 'headers.content-type', message: '应为multipart/form-data' },
    ]);
  }
  let file: UploadedFile | undefined;
  const raw: Record<string, unknown> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.fieldname === 'file' && file === undefined) {
        file = { bytes, fileName: part.filename, mimeType: part.mimetype };
      }
    } else {
      raw[part.fieldname] = part.value;
    }
  }
  if (file === undefined || file.bytes.length === 0) {
    throw new AppError('BAD_INPUT', `没有上传${what}`, [{ path: 'body.file', message: `请选择${what}` }]);
  }
  const parsed = fields.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: ['body', ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
    throw new AppError('BAD_INPUT', '上传时填写的信息有误', details);
  }
  return { file, fields: parsed.data as z.infer<F> };
}

/** "2022-12-31" → "2022年12月31日", as documents print dates. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
