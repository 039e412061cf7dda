/**
 * Messaging and the monthly 通报 (issue 18): each person's notification settings, each unit's
 * (its group robots and leader; admins and the office), the delivery log and resend (admins),
 * and the 通报 — drafts and preview for the office, issued revisions for every unit they name,
 * as .docx and .xlsx.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  buildBulletin,
  getIssuedBulletin,
  issueBulletin,
  listIssuedBulletins,
  loadDraft,
  saveDraft,
} from '../../commands/bulletins.js';
import {
  loadUnitSettings,
  loadUserSettings,
  ownerOf,
  resendMessage,
  saveSettings,
  saveUnitSettings,
} from '../../commands/notify.js';
import {
  Bulletin,
  BulletinDraft,
  BulletinDraftAnswer,
  BulletinFormat,
  ErrorBody,
  Id,
  IssueBulletinBody,
  IssuedBulletin,
  IssuedBulletinSummary,
  Month,
  OutboxPage,
  OutboxQuery,
  SettingsAnswer,
  UnitNotifySettings,
  UserNotifySettings,
} from '../../contract/index.js';
import { writeBulletinDocx } from '../../documents/bulletin-docx.js';
import { writeBulletinXlsx } from '../../documents/bulletin-xlsx.js';
import type { Bulletin as BulletinData } from '../../documents/bulletin.js';
import { AppError } from '../../errors.js';
import { deriveActor } from '../../plan/audit.js';
import { maskRobotUrl, maskSecret } from '../../notify/settings.js';
import type { UnitNotifySettings as StoredUnitSettings } from '../../notify/settings.js';
import { allow, requireUser, signedIn } from '../auth/actor.js';
import type { ApiApp, ServerContext } from '../context.js';
import { sendFile } from '../document-data.js';
import { sendOffice } from './office-format.js';

const tags = ['notify'];
const version = z.int().min(0);
const CONFLICTS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } as const;

export function notifyRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    settingsRoutes(app, ctx);
    outboxRoutes(app, ctx);
    bulletinDraftRoutes(app, ctx);
    bulletinRoutes(app, ctx);
  };
}

/** A unit's settings as an admin reads them again: tokens and secrets masked. */
function masked(settings: StoredUnitSettings): StoredUnitSettings {
  return {
    ...settings,
    robots: settings.robots.map((r) => ({ ...r, url: maskRobotUrl(r.url), secret: maskSecret(r.secret) })),
  };
}

/** A robot sent back masked keeps its stored URL and secret (matched by name). */
function unmasked(next: StoredUnitSettings, saved: StoredUnitSettings): StoredUnitSettings {
  return {
    ...next,
    robots: next.robots.map((r) => {
      const old = saved.robots.find((o) => o.name === r.name && o.channel === r.channel);
      if (!old) return r;
      return {
        ...r,
        url: r.url === maskRobotUrl(old.url) ? old.url : r.url,
        secret: r.secret !== null && r.secret === maskSecret(old.secret) ? old.secret : r.secret,
      };
    }),
  };
}

function settingsRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  const MyAnswer = SettingsAnswer(UserNotifySettings);
  const UnitAnswer = SettingsAnswer(UnitNotifySettings);
  app.get(
    '/notify/settings/me',
    {
      onRequest: signedIn,
      schema: { tags, summary: 'My notification settings', response: { 200: MyAnswer } },
    },
    async (request) => {
      const user = requireUser(request);
      return { ...(await loadUserSettings(store, user)), channels: ctx.notify.channels };
    },
  );
  app.put(
    '/notify/settings/me',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Save my notification settings',
        body: z.object({ data: UserNotifySettings, version }),
        response: { 200: MyAnswer, ...CONFLICTS },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { data, version: expected } = request.body;
      // A person's settings are kept in their own jurisdiction, whichever they work in.
      const saved = await saveSettings(
        store,
        user.jurisdictionId,
        `user:${user.id}`,
        data,
        expected,
        deriveActor(user),
        ctx.now().toISOString(),
      );
      return { data, version: saved.version, channels: ctx.notify.channels };
    },
  );
  const UnitParams = z.object({ unitId: Id });
  app.get(
    '/units/:unitId/notify-settings',
    {
      onRequest: allow('unit:manage'),
      schema: {
        tags,
        summary: 'A unit’s group robots and leader (tokens masked)',
        params: UnitParams,
        response: { 200: UnitAnswer, 404: ErrorBody },
      },
    },
    async (request) => {
      // Another jurisdiction's unit is not found (guardPathObjects): the unit's own settings.
      const unit = await store.units.get(request.params.unitId);
      const saved = await loadUnitSettings(store, { id: unit.id, jurisdictionId: ownerOf(unit) });
      return { data: masked(saved.data), version: saved.version, channels: ctx.notify.channels };
    },
  );
  app.put(
    '/units/:unitId/notify-settings',
    {
      onRequest: allow('unit:manage'),
      schema: {
        tags,
        summary: 'Save a unit’s group robots and leader (a masked token sent back is kept)',
        description:
          '400 (`body.data.leaderUserId`) when the leader is no person of the unit’s jurisdiction.',
        params: UnitParams,
        body: z.object({ data: UnitNotifySettings, version }),
        response: { 200: UnitAnswer, ...CONFLICTS },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { unitId } = request.params;
      const unit = { id: unitId, jurisdictionId: ownerOf(await store.units.get(unitId)) };
      const current = await loadUnitSettings(store, unit);
      const data = unmasked(request.body.data, current.data);
      const saved = await saveUnitSettings(
        store,
        unit,
        data,
        request.body.version,
        deriveActor(user),
        ctx.now().toISOString(),
      );
      return { data: masked(data), version: saved.version, channels: ctx.notify.channels };
    },
  );
}

function outboxRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/notify/outbox',
    {
      onRequest: allow('user:manage'),
      schema: {
        tags,
        summary: 'The delivery log: every message, its channel and what became of it',
        querystring: OutboxQuery,
        response: { 200: OutboxPage, 400: ErrorBody },
      },
    },
    async (request) => {
      const q = request.query;
      return store.outbox.list({
        jurisdictionId: request.scope.jurisdictionId,
        ...(q.status ? { status: q.status } : {}),
        ...(q.channel ? { channel: q.channel } : {}),
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.unitId ? { recipientUnitId: q.unitId } : {}),
        limit: q.limit,
        offset: q.offset,
      });
    },
  );
  app.post(
    '/notify/outbox/:id/resend',
    {
      onRequest: allow('user:manage'),
      schema: {
        tags,
        summary: 'Send a failed message again',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 204: z.null(), ...CONFLICTS },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const mine = await store.outbox.list({
        jurisdictionId: request.scope.jurisdictionId,
        id: request.params.id,
        limit: 1,
        offset: 0,
      });
      if (mine.total === 0) throw new AppError('NOT_FOUND', `no message ${request.params.id}`);
      await resendMessage(store, request.params.id, deriveActor(user), ctx.now().toISOString());
      return reply.code(204).send(null);
    },
  );
}

const MonthParams = z.object({ month: Month });

function bulletinDraftRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/bulletins/drafts/:month',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'The month’s 通报 draft (empty, version 0, until saved)',
        params: MonthParams,
        response: { 200: BulletinDraftAnswer, 400: ErrorBody },
      },
    },
    async (request) => ({
      month: request.params.month,
      ...(await loadDraft(store, request.scope.jurisdictionId, request.params.month)),
    }),
  );
  app.put(
    '/bulletins/drafts/:month',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'Save the month’s 通报 draft: 文号, title, leaders’ comments, requirements',
        params: MonthParams,
        body: z.object({ data: BulletinDraft, version }),
        response: { 200: BulletinDraftAnswer, ...CONFLICTS },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { month } = request.params;
      const saved = await saveDraft(
        store,
        request.scope.jurisdictionId,
        month,
        request.body.data,
        request.body.version,
        deriveActor(user),
        ctx.now().toISOString(),
      );
      return { month, data: request.body.data, version: saved.version };
    },
  );
  app.get(
    '/bulletins/drafts/:month/preview',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'The month’s 通报 as it would be issued now',
        params: MonthParams,
        response: { 200: Bulletin, 400: ErrorBody },
      },
    },
    async (request) =>
      buildBulletin(
        store,
        request.scope.jurisdictionId,
        await ctx.requests.setup(request.scope.jurisdictionId),
        request.params.month,
        ctx.now().toISOString(),
      ),
  );
  app.post(
    '/bulletins/drafts/:month/issue',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'Issue the month’s 通报 from its saved draft (a new revision; the units named are told)',
        params: MonthParams,
        body: IssueBulletinBody,
        response: { 201: IssuedBulletinSummary, ...CONFLICTS },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const issued = await issueBulletin(
        store,
        request.scope.jurisdictionId,
        await ctx.requests.setup(request.scope.jurisdictionId),
        request.params.month,
        request.body.version,
        { publicUrl: ctx.notify.publicUrl },
        deriveActor(user),
        ctx.now().toISOString(),
      );
      const { snapshot: _snapshot, ...summary } = issued;
      return reply.code(201).send(summary);
    },
  );
}

function bulletinRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/bulletins',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Issued 通报 (a unit: those naming it)',
        response: { 200: z.array(IssuedBulletinSummary) },
      },
    },
    async (request) => {
      return listIssuedBulletins(store, request.scope.jurisdictionId, requireUser(request));
    },
  );
  app.get(
    '/bulletins/:id',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'One issued 通报',
        params: z.object({ id: Id }),
        response: { 200: IssuedBulletin, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { snapshot: _snapshot, ...issued } = await getIssuedBulletin(
        store,
        request.scope.jurisdictionId,
        request.params.id,
        requireUser(request),
      );
      return issued;
    },
  );
  app.get(
    '/bulletins/:id/file.:format',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'An issued 通报 as .docx (red header), its PDF, or .xlsx',
        params: z.object({ id: Id, format: BulletinFormat }),
        response: { 503: ErrorBody },
      },
    },
    async (request, reply) => {
      const { bulletin, number, revision } = await getIssuedBulletin(
        store,
        request.scope.jurisdictionId,
        request.params.id,
        requireUser(request),
      );
      const data = bulletin as BulletinData;
      const { format } = request.params;
      const base = `${number}${revision > 1 ? `（第${revision}版）` : ''}${data.title}`;
      if (format === 'xlsx') return sendFile(reply, base, 'xlsx', await writeBulletinXlsx(data));
      return sendOffice(ctx, reply, base, format, await writeBulletinDocx(data));
    },
  );
}
