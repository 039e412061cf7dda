/**
 * A 督办单 to print or file (issue 14): GET /plans/:planId/notices/:noticeId.docx. Supervisors,
 * leaders and admins read any; a reporter only those sent to their units.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deriveActor } from '../../plan/audit.js';
import { loadNoticeSheet } from '../../commands/notice-sheet.js';
import { writeNoticeDocx } from '../../documents/notice-docx.js';
import { requireUser, signedIn } from '../auth/actor.js';
import { getVisiblePlan } from '../context.js';
import type { ServerContext } from '../context.js';
import { sendFile } from '../document-data.js';
import { ErrorBody, Id } from '../../contract/index.js';

export function noticePrintRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/plans/:planId/notices/:noticeId.docx',
      {
        onRequest: signedIn,
        schema: {
          tags: ['supervision'],
          summary: 'A 督办单 as a Word document (督办通知单) with its 文号',
          params: z.object({ planId: Id, noticeId: Id }),
          response: { 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const { planId, noticeId } = request.params;
        await getVisiblePlan(ctx.store, user, planId);
        const sheet = await loadNoticeSheet(ctx.store, planId, noticeId, deriveActor(user));
        return sendFile(reply, `督办通知单${sheet.number}`, 'docx', await writeNoticeDocx(sheet));
      },
    );
  };
}
