/** Named projects and the lists they came from ("等40个项目签约落地"); stage updates. */
import { PLAN_READ } from '../plan-reads.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { Project as StoredProject, User } from '../../plan/types.js';
import type { Store } from '../../store/types.js';
import { allow, requireUser, userOf } from '../auth/actor.js';
import { can, canReportOn } from '../auth/policy.js';
import { changeMeta, getVisiblePlan } from '../context.js';
import type { ServerContext } from '../context.js';
import { presentPage, presentProject, presentProjectList } from '../presenters.js';
import {
  ErrorBody,
  Id,
  Project,
  ProjectList,
  ProjectPatch,
  ProjectQuery,
  pageOf,
} from '../../contract/index.js';
import { updateProject } from '../../commands/items.js';

const PlanParams = z.object({ planId: Id });
const ProjectParams = z.object({ planId: Id, projectId: Id });

const tags = ['projects'];

export function projectRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    app.get(
      '/plans/:planId/project-lists',
      {
        config: PLAN_READ,
        schema: {
          tags,
          summary: 'Project lists with the count each promises',
          params: PlanParams,
          response: { 200: pageOf(ProjectList) },
        },
      },
      async (request) => {
        await getVisiblePlan(store, userOf(request), request.params.planId);
        const lists = await store.projects.listLists(request.params.planId);
        return { items: lists.map(presentProjectList), total: lists.length };
      },
    );

    app.get(
      '/plans/:planId/project-lists/:listId',
      {
        config: PLAN_READ,
        schema: {
          tags,
          summary: 'One project list',
          params: z.object({ planId: Id, listId: Id }),
          response: { 200: ProjectList },
        },
      },
      async (request) => {
        const { planId, listId } = request.params;
        await getVisiblePlan(store, userOf(request), planId);
        const list = (await store.projects.listLists(planId)).find((l) => l.id === listId);
        if (list === undefined)
          throw new AppError('NOT_FOUND', `project list ${listId} not found in plan ${planId}`);
        return presentProjectList(list);
      },
    );

    app.get(
      '/plans/:planId/projects',
      {
        config: PLAN_READ,
        schema: {
          tags,
          summary: 'Named projects, filtered by list or text',
          params: PlanParams,
          querystring: ProjectQuery,
          response: { 200: pageOf(Project) },
        },
      },
      async (request) => {
        await getVisiblePlan(store, userOf(request), request.params.planId);
        const { limit, offset, listId, q } = request.query;
        const page = await store.projects.list(request.params.planId, {
          limit,
          offset,
          ...(listId === undefined ? {} : { listId }),
          ...(q === undefined ? {} : { q }),
        });
        return presentPage(page, presentProject);
      },
    );

    app.get(
      '/plans/:planId/projects/:projectId',
      {
        config: PLAN_READ,
        schema: { tags, summary: 'One project', params: ProjectParams, response: { 200: Project } },
      },
      async (request) => {
        const { planId, projectId } = request.params;
        await getVisiblePlan(store, userOf(request), planId);
        return presentProject(await store.projects.get(planId, projectId));
      },
    );

    app.patch(
      '/plans/:planId/projects/:projectId',
      {
        onRequest: allow('item:report'),
        schema: {
          tags,
          summary: 'Move a project along 储备 → 签约 → 开工 → 建成投用 (reporters: own units only)',
          params: ProjectParams,
          body: ProjectPatch,
          response: { 200: Project, 409: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { planId, projectId } = request.params;
        const { version, ...patch } = request.body;
        await getVisiblePlan(store, user, planId);
        const current = await store.projects.get(planId, projectId);
        if (!(await canReportOnProject(store, user, current))) {
          throw new AppError('FORBIDDEN', 'this project belongs to none of your units');
        }
        return presentProject(
          await updateProject(store, planId, projectId, patch, version, changeMeta(ctx, user)),
        );
      },
    );
  };
}

/** A project belongs to the units of the task it sits in; one outside any task, to assigners. */
async function canReportOnProject(store: Store, user: User, project: StoredProject): Promise<boolean> {
  if (can(user, 'item:assign')) return true;
  if (project.taskId === null) return false;
  return canReportOn(user, await store.tasks.get(project.planId, project.taskId));
}
