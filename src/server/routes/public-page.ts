/**
 * The public plan page's data as one answer (issue 15): the plan's summary, outline, targets,
 * tasks, projects, achievements, the units, the report's text and every item's health at the
 * page's as-of date — what the page asked in ten requests. Held by the plan's revision like
 * the other plan reads (plan-reads.ts: ETag, 304, compressed once), so it is built once per
 * revision and day. Each part is the public's own answer of its route, asked inside the
 * server (the same guards, presenters and held answers), so this answer never shows more than
 * those routes show the public, whoever asks.
 */
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { dateOf } from '../../plan/dates.js';
import type { ItemHealthPage, PlanSummary } from '../../contract/index.js';
import { ErrorBody, Id, IsoDate, PublicPlanPage } from '../../contract/index.js';
import type { ServerContext } from '../context.js';
import { PLAN_READ } from '../plan-reads.js';

const V1 = '/api/v1';
/** Rows per page asked of a list (its routes' most). */
const PAGE = 500;

/** The plan year's last day when it is past, else today (the public page's default as-of date). */
export function defaultAsOf(year: number, today: string): string {
  const end = `${year}-12-31`;
  return today > end ? end : today;
}

/** The public's answer of `url` (no session, token or key); NOT_FOUND/other errors as they are. */
async function ask<T>(server: FastifyInstance, url: string): Promise<T> {
  const response = await server.inject({ method: 'GET', url });
  if (response.statusCode === 404) throw new AppError('NOT_FOUND', `${url} not found`);
  if (response.statusCode !== 200) throw new AppError('INTERNAL', `${url} answered ${response.statusCode}`);
  return JSON.parse(response.body) as T;
}

/** Every row of a public list, page by page. */
async function askAll<T>(server: FastifyInstance, url: string): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const sep = url.includes('?') ? '&' : '?';
    const page = await ask<{ items: T[]; total: number }>(
      server,
      `${url}${sep}limit=${PAGE}&offset=${items.length}`,
    );
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

export function publicPageRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/public/plans/:planId/page',
      {
        config: PLAN_READ,
        schema: {
          tags: ['public'],
          summary: 'Everything the public plan page shows, in one answer (held by the plan’s version)',
          params: z.object({ planId: Id }),
          querystring: z.object({
            date: IsoDate.optional().describe(
              'health as of this date (default: the plan year’s last day when past, else today)',
            ),
          }),
          response: { 200: PublicPlanPage, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const { planId } = request.params;
        const server = request.server;
        const plan = `${V1}/plans/${planId}`;
        const summary = await ask<z.infer<typeof PlanSummary>>(server, plan);
        if (summary.plan.state !== 'published') throw new AppError('NOT_FOUND', `plan ${planId} not found`);
        const date = request.query.date ?? defaultAsOf(summary.plan.year, dateOf(ctx.now().toISOString()));
        const [outline, targets, tasks, projects, achievements, units, text, health] = await Promise.all([
          ask<{ items: unknown[] }>(server, `${plan}/outline`).then((page) => page.items),
          askAll(server, `${plan}/targets`),
          askAll(server, `${plan}/tasks`),
          askAll(server, `${plan}/projects`),
          askAll(server, `${plan}/achievements`),
          askAll(server, `${V1}/units`),
          ask<{ text: string }>(server, `${plan}/text`).then((answer) => answer.text),
          ask<z.infer<typeof ItemHealthPage>>(server, `${plan}/health/items?date=${date}`),
        ]);
        return {
          summary,
          outline,
          targets,
          tasks,
          projects,
          achievements,
          units,
          text,
          health,
        } as PublicPlanPage;
      },
    );
  };
}
