/**
 * Review of an extraction by the plan office (admin, supervisor; issue 5 报告 review mode):
 * correct a target's or achievement's figure, add a missed item from a span of the report,
 * delete a wrong one, split or merge tasks. Every change is audited in its own transaction
 * (src/commands/review.ts). Other roles get 403; the public gets 404 (review does not
 * exist for it).
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, isAppError } from '../../errors.js';
import type { User } from '../../plan/types.js';
import { checkSpan } from '../../plan/review.js';
import { can } from '../auth/policy.js';
import { userOf } from '../auth/actor.js';
import { changeMeta, getVisiblePlan } from '../context.js';
import type { ApiApp, ServerContext } from '../context.js';
import { presentTarget, presentTask } from '../presenters.js';
import {
  ErrorBody,
  FieldsPatch,
  Id,
  MergeBody,
  NewItem,
  ReviewAchievement,
  SplitBody,
  Target,
  Task,
} from '../../contract/index.js';
import {
  addAchievement,
  addTarget,
  correctAchievement,
  correctTarget,
  deleteReviewItem,
  getAchievementVersion,
  mergeTasks,
  splitTask,
} from '../../commands/review.js';

const PlanParams = z.object({ planId: Id });
const ItemParams = z.object({ planId: Id, itemId: Id });
const TaskParams = z.object({ planId: Id, taskId: Id });

const tags = ['review'];

/** The reviewer: the public learns nothing (404), other roles 403. Runs before validation. */
function reviewer(request: FastifyRequest): User {
  const user = userOf(request);
  if (user === undefined) throw new AppError('NOT_FOUND', 'not found');
  if (!can(user, 'plan:update')) {
    throw new AppError('FORBIDDEN', `your role (${user.role}) may not review the plan`);
  }
  return user;
}

/** Store errors name fields as the store sees them ("at"); answers name them in the body. */
async function inBody<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isAppError(error) && error.code === 'BAD_INPUT') {
      throw new AppError(
        'BAD_INPUT',
        error.message,
        error.details.map((d) => ({ ...d, path: d.path.startsWith('body.') ? d.path : `body.${d.path}` })),
      );
    }
    throw error;
  }
}

function fieldsOf(body: z.infer<typeof FieldsPatch>) {
  const { version: _version, reason: _reason, ...fields } = body;
  void _version;
  void _reason;
  return fields;
}

/** The review routes' guard: it answers before validation (reviewer). */
const guard = {
  onRequest: async (request: FastifyRequest) => {
    reviewer(request);
  },
};

/** The change's meta for its audit event: who, when, the action and the reason given. */
function metaOf(ctx: ServerContext, user: User, action: string, reason?: string) {
  return { ...changeMeta(ctx, user), action, reason: reason ?? null };
}

export function reviewRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    correctionRoutes(app, ctx);
    itemRoutes(app, ctx);
    taskReviewRoutes(app, ctx);
  };
}

function correctionRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;

  app.patch(
    '/plans/:planId/targets/:itemId/fields',
    {
      ...guard,
      schema: {
        tags,
        summary: "Correct a target's value, unit, comparator, period or metric",
        params: ItemParams,
        body: FieldsPatch,
        response: { 200: Target, 409: ErrorBody },
      },
    },
    async (request) => {
      const user = reviewer(request);
      const { planId, itemId } = request.params;
      await getVisiblePlan(store, user, planId);
      const target = await inBody(() =>
        correctTarget(
          store,
          planId,
          itemId,
          fieldsOf(request.body),
          request.body.version,
          metaOf(ctx, user, 'target.correct', request.body.reason),
        ),
      );
      return presentTarget(target, user);
    },
  );

  app.get(
    '/plans/:planId/achievements/:itemId/review',
    {
      ...guard,
      schema: {
        tags,
        summary: 'An achievement with its review version (for a correction)',
        params: ItemParams,
        response: { 200: ReviewAchievement },
      },
    },
    async (request) => {
      const user = reviewer(request);
      const { planId, itemId } = request.params;
      await getVisiblePlan(store, user, planId);
      const achievement = await store.achievements.get(planId, itemId);
      return { ...achievement, version: await getAchievementVersion(store, planId, itemId) };
    },
  );

  app.patch(
    '/plans/:planId/achievements/:itemId/fields',
    {
      ...guard,
      schema: {
        tags,
        summary: "Correct an achievement's value, unit, comparator, period or metric",
        params: ItemParams,
        body: FieldsPatch,
        response: { 200: ReviewAchievement, 409: ErrorBody },
      },
    },
    async (request) => {
      const user = reviewer(request);
      const { planId, itemId } = request.params;
      await getVisiblePlan(store, user, planId);
      return inBody(() =>
        correctAchievement(
          store,
          planId,
          itemId,
          fieldsOf(request.body),
          request.body.version,
          metaOf(ctx, user, 'achievement.correct', request.body.reason),
        ),
      );
    },
  );
}

function itemRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;

  for (const kind of ['target', 'achievement'] as const) {
    app.post(
      `/plans/:planId/${kind}s`,
      {
        ...guard,
        schema: {
          tags,
          summary: `Add a missed ${kind} from a span of the plan's text (quote = text.slice(span))`,
          params: PlanParams,
          body: NewItem,
          response: { 201: kind === 'target' ? Target : ReviewAchievement },
        },
      },
      async (request, reply) => {
        const user = reviewer(request);
        const { planId } = request.params;
        await getVisiblePlan(store, user, planId);
        const { reason, ...input } = request.body;
        const text = await store.plans.getText(planId);
        const problems = checkSpan(input.span, text.length, 'body.span');
        if (problems.length) throw new AppError('BAD_INPUT', problems[0]!.message, problems);
        const action = `${kind}.add`;
        const item = await inBody(() =>
          kind === 'target'
            ? addTarget(store, planId, input, metaOf(ctx, user, action, reason)).then((t) =>
                presentTarget(t, user),
              )
            : addAchievement(store, planId, input, metaOf(ctx, user, action, reason)),
        );
        return reply.code(201).send(item);
      },
    );

    app.delete(
      `/plans/:planId/${kind}s/:itemId`,
      {
        ...guard,
        schema: {
          tags,
          summary: `Delete a wrongly extracted ${kind}`,
          params: ItemParams,
          response: { 204: z.null().describe('deleted') },
        },
      },
      async (request, reply) => {
        const user = reviewer(request);
        const { planId, itemId } = request.params;
        await getVisiblePlan(store, user, planId);
        await deleteReviewItem(store, planId, kind, itemId, metaOf(ctx, user, `${kind}.delete`));
        return reply.code(204).send(null);
      },
    );
  }
}

function taskReviewRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;

  app.post(
    '/plans/:planId/tasks/:taskId/split',
    {
      ...guard,
      schema: {
        tags,
        summary: 'Split a task in two at an offset of the plan text inside its span (owners copied)',
        params: TaskParams,
        body: SplitBody,
        response: { 200: z.object({ tasks: z.tuple([Task, Task]) }), 409: ErrorBody },
      },
    },
    async (request) => {
      const user = reviewer(request);
      const { planId, taskId } = request.params;
      await getVisiblePlan(store, user, planId);
      const [a, b] = await inBody(() =>
        splitTask(
          store,
          planId,
          taskId,
          request.body.at,
          request.body.version,
          metaOf(ctx, user, 'task.split'),
        ),
      );
      return { tasks: [presentTask(a, user), presentTask(b, user)] as [Task, Task] };
    },
  );

  app.post(
    '/plans/:planId/tasks/merge',
    {
      ...guard,
      schema: {
        tags,
        summary: 'Merge two adjacent tasks of one outline node into one',
        params: PlanParams,
        body: MergeBody,
        response: { 200: Task },
      },
    },
    async (request) => {
      const user = reviewer(request);
      const { planId } = request.params;
      await getVisiblePlan(store, user, planId);
      const task = await inBody(() =>
        mergeTasks(store, planId, request.body.taskIds, metaOf(ctx, user, 'task.merge')),
      );
      return presentTask(task, user);
    },
  );
}
