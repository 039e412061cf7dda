/**
 * A 督办单 to print or file (issue 14): GET /plans/:planId/notices/:noticeId.docx, or .pdf
 * (the same document printed by LibreOffice). Supervisors, leaders and admins read any; a
 * reporter only those sent to their units.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deriveActor } from '../../plan/audit.js';
import { loadNoticeSheet } from '../../commands/notice-sheet.js';
import { writeNoticeDocx } from '../../documents/notice-docx.js';
import { requireUser, signedIn } from '../auth/actor.js';
import { getVisiblePlan } from '../context.js';
import type { ServerContext } from '../context.js';
import { MIME } from '../document-data.js';
import { sendOffice } from './office-format.js';
import { ErrorBody, Id } from '../../contract/index.js';

export function noticePrintRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    for (const format of ['docx', 'pdf'] as const) {
      app.get(
        `/plans/:planId/notices/:noticeId.${format}`,
        {
          onRequest: signedIn,
          schema: {
            tags: ['supervision'],
            summary:
              format === 'docx'
                ? 'A 督办单 as a Word document (督办通知单) with its 文号'
                : 'A 督办单 as PDF (the Word document printed by LibreOffice), A4 with page numbers',
            params: z.object({ planId: Id, noticeId: Id }),
            produces: [MIME[format]],
            response: { 404: ErrorBody, 503: ErrorBody },
          },
        },
        async (request, reply) => {
          const user = requireUser(request);
          const { planId, noticeId } = request.params;
          await getVisiblePlan(ctx.store, user, planId);
          const sheet = await loadNoticeSheet(ctx.store, planId, noticeId, deriveActor(user));
          return sendOffice(ctx, reply, `督办通知单${sheet.number}`, format, await writeNoticeDocx(sheet));
        },
      );
    }
  };
}
