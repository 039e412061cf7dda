/**
 * Wall screen links (issue 19): the plan office opens, lists and revokes read-only kiosk
 * links; a screen sends its token in `x-kiosk-token` and reads the wall without signing in.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { issueKiosk, openWall, presentKiosk, revokeKiosk } from '../../commands/kiosk.js';
import { AppError } from '../../errors.js';
import { deriveActor } from '../../plan/audit.js';
import { allow, requireUser } from '../auth/actor.js';
import { getVisiblePlan } from '../context.js';
import type { ServerContext } from '../context.js';
import { ErrorBody, Id, KioskBody, KioskIssued, KioskLink, KioskList, Wall } from '../../contract/index.js';

const PlanParams = z.object({ planId: Id });
const tags = ['cockpit'];
export const KIOSK_HEADER = 'x-kiosk-token';

export function kioskRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const { store } = ctx;
    app.post(
      '/plans/:planId/kiosks',
      {
        onRequest: allow('plan:update'),
        schema: {
          tags,
          summary: 'Open a wall screen link (the token is shown once)',
          params: PlanParams,
          body: KioskBody,
          response: { 201: KioskIssued, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const { planId } = request.params;
        await getVisiblePlan(store, user, planId);
        const b = request.body;
        const { kiosk, token } = await issueKiosk(
          store,
          planId,
          {
            label: b.label,
            views: b.views,
            ...(b.days === undefined ? {} : { days: b.days }),
            ...(b.rotateSeconds === undefined ? {} : { rotateSeconds: b.rotateSeconds }),
          },
          deriveActor(user),
          ctx.now().toISOString(),
        );
        return reply
          .code(201)
          .send({ kiosk: presentKiosk(kiosk), token, path: `/wall/${planId}#token=${token}` });
      },
    );

    app.get(
      '/plans/:planId/kiosks',
      {
        onRequest: allow('plan:update'),
        schema: {
          tags,
          summary: 'The plan’s wall screen links',
          params: PlanParams,
          response: { 200: KioskList, 401: ErrorBody, 403: ErrorBody },
        },
      },
      async (request) => {
        const items = (await store.comments.listKiosks(request.params.planId)).map(presentKiosk);
        return { items, total: items.length };
      },
    );

    app.delete(
      '/plans/:planId/kiosks/:id',
      {
        onRequest: allow('plan:update'),
        schema: {
          tags,
          summary: 'Revoke a wall screen link',
          params: PlanParams.extend({ id: Id }),
          response: { 200: KioskLink, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const { planId, id } = request.params;
        const kiosk = await revokeKiosk(
          store,
          planId,
          id,
          deriveActor(requireUser(request)),
          ctx.now().toISOString(),
        );
        return presentKiosk(kiosk);
      },
    );

    app.get(
      '/wall/:planId',
      {
        schema: {
          tags,
          summary: 'The wall screen, read with a kiosk token in x-kiosk-token (no sign-in)',
          params: PlanParams,
          response: { 200: Wall, 401: ErrorBody },
        },
      },
      async (request) => {
        const token = request.headers[KIOSK_HEADER];
        if (typeof token !== 'string' || token.length === 0) {
          throw new AppError('UNAUTHENTICATED', `A wall screen needs its link's token in ${KIOSK_HEADER}`);
        }
        // The wall reads the 12345 figures of the plan's own jurisdiction.
        const plan = await store.plans.find(request.params.planId);
        return openWall(
          store,
          ctx.health,
          await ctx.requests.setup(plan?.jurisdictionId ?? request.scope.jurisdictionId),
          request.params.planId,
          token,
          ctx.now().toISOString(),
        );
      },
    );
  };
}
