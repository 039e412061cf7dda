/**
 * 市级派单 (issue 16.3) under /api/v1/requests: the centre hands an order down to a jurisdiction
 * below its own, and an order's page reads what it shows of a transfer (the city its district's
 * result, the district the link back). An order of a jurisdiction the caller may not see is not
 * found (scope.ts); a receiving jurisdiction that is not below the order's answers 400.
 */
import { z } from 'zod';
import { readTransferView, transferOrderDown } from '../../commands/jurisdiction-transfer.js';
import { Id, TransferOrderBody } from '../../contract/index.js';
import type { ApiApp, ServerContext } from '../context.js';
import { presentOrderFor } from '../presenters.js';
import { centreOnly, checkCanRead, requireCentre, requireStaff, signedIn, tags } from './requests-access.js';

const IdParams = z.object({ id: Id });

export function transferRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/requests/:id/transfer',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary:
          "An order's transfer between jurisdictions (市级派单): the link, the result, where it may go",
        params: IdParams,
      },
    },
    async (request) => {
      const { actor } = requireStaff(request);
      const order = await store.requests.getOrder(request.params.id);
      checkCanRead(order, actor);
      return readTransferView(store, order, { centre: actor?.role === 'center' });
    },
  );

  app.post(
    '/requests/:id/transfer',
    {
      onRequest: centreOnly,
      schema: {
        tags,
        summary: 'Hand the order down to a jurisdiction below (市级派单), with its clocks',
        description:
          'A new order of the receiving jurisdiction (its own 工单号) carries the words, place, contact and ' +
          'the original receipt, from which its deadlines count on its calendar; this order becomes 已转办 ' +
          'and shows that one’s result. 404 for a jurisdiction that does not exist, 400 for one not below ' +
          "the order's, or a place or category the receiving jurisdiction does not have.",
        params: IdParams,
        body: TransferOrderBody,
      },
    },
    async (request) => {
      const { user, actor } = requireCentre(request);
      const { original } = await transferOrderDown(
        store,
        (id) => ctx.requests.setup(id),
        {
          orderId: request.params.id,
          toJurisdictionId: request.body.jurisdictionId,
          reason: request.body.reason,
          category: request.body.category,
        },
        { user, actor },
        ctx.now().toISOString(),
      );
      return presentOrderFor(original, actor, user.role);
    },
  );
}
