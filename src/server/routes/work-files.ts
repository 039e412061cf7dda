/**
 * The files of the other sources of work (issue 18): the office uploads a 批示件's scan before
 * registering it (PDF, JPEG, PNG), the 主办 unit a 建议/提案's answer letter (.docx) before
 * answering; whoever may see an item downloads its files. Each upload is checked on the server
 * (type, size, first bytes) and refused with what is wrong; see src/commands/work-files.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readWorkFile, uploadAnswerLetter, uploadInstructionScan } from '../../commands/work-files.js';
import { ErrorBody, EvidenceFileInfo, ForJurisdiction, Id } from '../../contract/index.js';
import { AppError } from '../../errors.js';
import { deriveActor } from '../../plan/audit.js';
import { allow, requireUser, signedIn } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import { contentDisposition } from '../document-data.js';
import { readUpload } from '../report-upload.js';
import { visibleItem } from './work.js';
import { workJurisdiction } from './work-scope.js';

const tags = ['work'];
const UPLOAD_ERRORS = {
  400: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
} as const;
const NoFields = z.object({});
const ScanFields = z.object(ForJurisdiction);

/** A PDF or a photo opens in the browser (it is shown); other files download. */
function disposition(name: string, inline: boolean): string {
  const header = contentDisposition(name);
  return inline ? header.replace(/^attachment/, 'inline') : header;
}

export function workFileRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    app.post(
      '/work/instructions/scans',
      {
        onRequest: allow('item:assign'),
        schema: {
          tags,
          summary: 'Upload the scan of a 批示件 before registering it (PDF, JPEG, PNG; 20 MiB at most)',
          description:
            'multipart/form-data: `file`, and `jurisdictionId` when registering for a jurisdiction below. Send the answer’s `id` as `scanFileId`.',
          consumes: ['multipart/form-data'],
          response: { 201: EvidenceFileInfo, ...UPLOAD_ERRORS },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const { file, fields } = await readUpload(request, ScanFields);
        const info = await uploadInstructionScan(
          store,
          { name: file.fileName, mimeType: file.mimeType, bytes: file.bytes },
          deriveActor(user),
          ctx.now().toISOString(),
          await workJurisdiction(ctx, request, fields.jurisdictionId),
        );
        return reply.code(201).send(info);
      },
    );

    app.post(
      '/work/proposals/:id/letters',
      {
        onRequest: allow('item:report'),
        schema: {
          tags,
          summary: 'Upload the answer letter (答复函, .docx) of a 建议/提案 before answering it',
          description: 'multipart/form-data: `file`. Send the answer’s `id` as `letterFileId`.',
          consumes: ['multipart/form-data'],
          params: z.object({ id: Id }),
          response: { 201: EvidenceFileInfo, ...UPLOAD_ERRORS },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const item = await visibleItem(ctx, request, request.params.id);
        if (
          user.role === 'reporter' &&
          (item.leadUnitId === null || !user.unitIds.includes(item.leadUnitId))
        ) {
          throw new AppError('FORBIDDEN', 'only the 主办 unit answers a 建议/提案');
        }
        const { file } = await readUpload(request, NoFields);
        const info = await uploadAnswerLetter(
          store,
          item.id,
          { name: file.fileName, mimeType: file.mimeType, bytes: file.bytes },
          deriveActor(user),
          ctx.now().toISOString(),
        );
        return reply.code(201).send(info);
      },
    );

    app.get(
      '/work/items/:id/files/:fileId',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: 'Download a file of an item of work (a 批示件’s scan, an answer letter)',
          params: z.object({ id: Id, fileId: Id }),
        },
      },
      async (request, reply) => {
        const item = await visibleItem(ctx, request, request.params.id);
        const file = await readWorkFile(store, item, request.params.fileId);
        const inline = file.mimeType === 'application/pdf' || file.mimeType.startsWith('image/');
        return reply
          .header('content-type', file.mimeType)
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', disposition(file.name, inline))
          .send(Buffer.from(file.bytes));
      },
    );
  };
}
