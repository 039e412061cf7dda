/** Tasks (重点任务): list with filters, one, and updates (assignment, or a reporter's state and progress). */
import { PERSONAL_PLAN_READ } from '../plan-reads.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { allow, requireUser, userOf } from '../auth/actor.js';
import { canReportOn } from '../auth/policy.js';
import { changeMeta, getVisiblePlan } from '../context.js';
import type { ServerContext } from '../context.js';
import { presentPage, presentTask } from '../presenters.js';
import { ErrorBody, Id, Task, TaskPatch, TaskQuery, pageOf } from '../../contract/index.js';
import { checkAssignment, moveNoteOf, pickAssignment } from './assignment.js';
import { updateTask } from '../../commands/items.js';

const PlanParams = z.object({ planId: Id });
const TaskParams = z.object({ planId: Id, taskId: Id });

const tags = ['tasks'];

export function taskRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    app.get(
      '/plans/:planId/tasks',
      {
        config: PERSONAL_PLAN_READ,
        schema: {
          tags,
          summary: 'Tasks, filtered by unit, state, outline node, overdue date or text',
          params: PlanParams,
          querystring: TaskQuery,
          response: { 200: pageOf(Task) },
        },
      },
      async (request) => {
        const viewer = userOf(request);
        await getVisiblePlan(store, viewer, request.params.planId);
        const page = await store.tasks.list(request.params.planId, request.query);
        return presentPage(page, (task) => presentTask(task, viewer));
      },
    );

    app.get(
      '/plans/:planId/tasks/:taskId',
      {
        config: PERSONAL_PLAN_READ,
        schema: { tags, summary: 'One task', params: TaskParams, response: { 200: Task } },
      },
      async (request) => {
        const viewer = userOf(request);
        const { planId, taskId } = request.params;
        await getVisiblePlan(store, viewer, planId);
        return presentTask(await store.tasks.get(planId, taskId), viewer);
      },
    );

    app.patch(
      '/plans/:planId/tasks/:taskId',
      {
        onRequest: allow('item:report'),
        schema: {
          tags,
          summary: 'Assign a task, or report its state and progress (reporters: own units only)',
          params: TaskParams,
          body: TaskPatch,
          response: { 200: Task, 409: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { planId, taskId } = request.params;
        const { state, progress, version } = request.body;
        const plan = await getVisiblePlan(store, user, planId);
        const current = await store.tasks.get(planId, taskId);
        if (!canReportOn(user, current)) {
          throw new AppError('FORBIDDEN', 'this task belongs to none of your units');
        }
        const patch = pickAssignment(request.body);
        await checkAssignment(store, user, patch, plan.jurisdictionId);
        const task = await updateTask(
          store,
          planId,
          taskId,
          {
            ...patch,
            ...(state === undefined ? {} : { state }),
            ...(progress === undefined ? {} : { progress }),
            ...moveNoteOf(request.body),
          },
          version,
          changeMeta(ctx, user),
        );
        return presentTask(task, user);
      },
    );
  };
}
