/**
 * An uploaded report: multipart parts → file and fields, bytes → text (through the reader),
 * then the import command (src/commands/plans.ts) extracts it and refuses what is not a report.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Parser } from '../documents/parse-pool.js';
import { AppError, isAppError } from '../errors.js';
import type { UploadedFile } from './context.js';

/** The form fields an upload may carry beside its file. */
export const UploadFields = z.object({
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  place: z.string().trim().min(1).max(100).optional(),
});
export type UploadFields = z.infer<typeof UploadFields>;

/** A new version of a plan's report also names the plan version it replaces. */
export const ReimportFields = UploadFields.extend({
  version: z.coerce.number().int().min(0).describe('the plan version you read; a stale one answers 409'),
});
export type ReimportFields = z.infer<typeof ReimportFields>;

/** The multipart field that holds the report file. */
export const FILE_FIELD = 'file';

/**
 * Reads a multipart request: the one file in `file` and the text fields. Throws
 * UNSUPPORTED_FORMAT when the request is not multipart, BAD_INPUT when the file or a field is
 * wrong, and lets @fastify/multipart's 413 through when the file is over the limit.
 */
export async function readUpload<F extends z.ZodType = typeof UploadFields>(
  request: FastifyRequest,
  fieldsSchema?: F,
): Promise<{ file: UploadedFile; fields: z.infer<F> }> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_FORMAT', '请以multipart/form-data上传报告，文件放在“file”字段');
  }
  let file: UploadedFile | undefined;
  const raw: Record<string, unknown> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.fieldname === FILE_FIELD && file === undefined) {
        file = { bytes, fileName: part.filename, mimeType: part.mimetype };
      }
    } else {
      raw[part.fieldname] = part.value;
    }
  }
  if (file === undefined || file.bytes.length === 0) {
    throw new AppError('BAD_INPUT', '没有上传报告文件', [
      { path: `body.${FILE_FIELD}`, message: '请选择报告文件' },
    ]);
  }
  const parsed = (fieldsSchema ?? UploadFields).safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: ['body', ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
    throw new AppError('BAD_INPUT', '上传时填写的信息有误', details);
  }
  return { file, fields: parsed.data as z.infer<F> };
}

/**
 * The default reader: src/ingest's `readReport` (format and encoding told from the content),
 * run by `parser` (the server's worker pool: off the event loop, capped in time and memory),
 * with its errors pointed at the upload's `file` field.
 */
export async function readUploadedReport(file: UploadedFile, parser: Parser): Promise<{ text: string }> {
  try {
    return await parser.run('readReport', file.bytes, file.fileName);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const details = [{ path: `body.${FILE_FIELD}`, message: error.message }];
    throw new AppError(error.code, error.message, details);
  }
}
