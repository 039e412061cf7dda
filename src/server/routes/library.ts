/**
 * The 项目库 (issue 17) under /api/v1/library: the board by stage with the promised counts, the
 * 三未 and stale lists, projects with their lamps, a project's detail and its life (stages,
 * monthly investment, 形象进度, 出库), the 项目库台账 out and in, a plan's matches to the library
 * with their review, and the public's numbers under /api/v1/public/library.
 *
 * Who: staff read; a unit's user (reporter) sees the projects its units lead and reports their
 * investment and 形象进度; the office (admin, supervisor) writes everything else. The public sees
 * counts only.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addLibraryProgress,
  createLibraryProject,
  exitLibraryProject,
  loadLibrarySetup,
  moveLibraryProject,
  recordLibraryInvestments,
  updateLibraryProject,
} from '../../commands/library.js';
import { decideLibraryMatch, matchPlanToLibrary } from '../../commands/library-match.js';
import {
  loadIdleList,
  loadLibraryBoardOfYear,
  loadLibraryMap,
  loadLibraryProjectDetail,
  loadPlanLibraryMatches,
  loadPublicLibraryView,
  loadStaleList,
} from '../../commands/library-queries.js';
import { exportLibraryLedger, importLibraryLedger } from '../../commands/office-ledgers.js';
import { boundaryRoute } from './library-boundary.js';
import { libraryActionRoutes } from './library-actions.js';
import { libraryCallRoutes } from './library-calls.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../plan/audit.js';
import type { User } from '../../plan/types.js';
import { deriveLamps } from '../../projects/index.js';
import { beijingDate } from '../../requests/index.js';
import { inJurisdiction } from '../../store/library-scope.js';
import type { Store } from '../../store/types.js';
import { allow, requireUser, signedIn } from '../auth/actor.js';
import { can } from '../auth/policy.js';
import type { ApiApp, ServerContext } from '../context.js';
import { getVisiblePlan } from '../context.js';
import { readOneFile, sendFile } from '../document-data.js';
import {
  ExitBody,
  Id,
  IDLE_KIND_VALUES,
  IdleList,
  InvestmentsBody,
  IsoDate,
  LedgerImportResult,
  LibraryBoard,
  LibraryListQuery,
  LibraryMap,
  LibraryMatchDecided,
  LibraryMatchRun,
  PlanLibraryMatches,
  LibraryProject,
  LibraryProjectCreate,
  LibraryProjectDetail,
  LibraryProjectPatch,
  MatchDecisionBody,
  ProgressBody,
  PublicLibraryView,
  StageChangeBody,
  StaleList,
  pageOf,
} from '../../contract/index.js';

const tags = ['library'];
const ProjectParams = z.object({ id: Id });
const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/** The units whose projects a user sees: all for staff other than a unit's user. */
export function libraryUnits(user: User): readonly number[] | undefined {
  return user.role === 'reporter' ? user.unitIds : undefined;
}

/** The store as the request's jurisdiction's library sees it. */
export function storeOf(ctx: ServerContext, request: FastifyRequest): Store {
  return inJurisdiction(ctx.store, request.scope.jurisdictionId);
}

/** The store as the library of a plan's jurisdiction sees it, once the user may see the plan. */
export async function planStore(ctx: ServerContext, request: FastifyRequest, planId: number): Promise<Store> {
  const plan = await getVisiblePlan(ctx.store, requireUser(request), planId);
  return inJurisdiction(ctx.store, plan.jurisdictionId ?? request.scope.jurisdictionId);
}

export function actorOf(user: User): Actor {
  return { userId: user.id, role: user.role, unitIds: [...user.unitIds] };
}

/** NOT_FOUND unless the user sees the project (a unit's user: one its units lead). */
async function visibleProject(store: Store, user: User, id: number) {
  const project = await store.library.getRecord(id);
  const units = libraryUnits(user);
  if (units && (project.leadUnitId === null || !units.includes(project.leadUnitId)))
    throw new AppError('NOT_FOUND', `no library project with id ${id}`);
  return project;
}

/** The office, or a unit's user for a project its unit leads (investment, 形象进度). */
export async function reportableProject(store: Store, user: User, id: number) {
  await visibleProject(store, user, id);
  if (!can(user, 'item:report')) throw new AppError('FORBIDDEN', `your role (${user.role}) may not report`);
}

const ListItem = LibraryProject.pick({
  id: true,
  version: true,
  name: true,
  library: true,
  class: true,
  leadUnitId: true,
  totalInvestment: true,
}).extend({
  stage: z.string(),
  stageDate: IsoDate,
  exited: z.boolean(),
  lamps: z.object({
    start: z.string(),
    pace: z.string(),
    funds: z.string(),
    stats: z.string(),
    overall: z.string(),
  }),
});

export function libraryRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    listRoutes(app, ctx);
    projectRoutes(app, ctx);
    lifeRoutes(app, ctx);
    ledgerRoutes(app, ctx);
    boundaryRoute(app, ctx);
    libraryActionRoutes(app, ctx);
    libraryCallRoutes(app, ctx);
  };
}

function listRoutes(app: ApiApp, ctx: ServerContext): void {
  const now = () => ctx.now().toISOString();
  const today = () => beijingDate(now());
  app.get(
    '/library/board',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Projects by library and stage, and the counts the year’s plans promise against the library',
        description:
          'Projects by stage as of `date` (default today); the promises of plan year `year` (default: the ' +
          'latest year of the jurisdiction’s plans) as of `promisesAsOf`, the year’s last day once past. ' +
          '`years` lists the years of its plans.',
        querystring: z.object({
          date: IsoDate.optional(),
          year: z.coerce.number().int().min(1900).max(2200).optional(),
        }),
        response: { 200: LibraryBoard },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const board = await loadLibraryBoardOfYear(store, today(), request.query);
      if (!libraryUnits(user)) return board;
      // A unit's user reads the counts, not which projects of other units are counted.
      return { ...board, promises: board.promises.map((p) => ({ ...p, projectIds: [] })) };
    },
  );

  app.get(
    '/library/projects',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Library projects with their stage and lamps (a unit’s user: its own units’ projects)',
        querystring: LibraryListQuery.extend({
          q: z.string().max(100).optional(),
          stage: z.string().optional(),
        }),
        response: { 200: pageOf(ListItem) },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const { limit, offset, library, unitId, q, stage } = request.query;
      const date = request.query.date ?? today();
      const units = libraryUnits(user);
      if (units && unitId !== undefined && !units.includes(unitId)) return { items: [], total: 0 };
      // A unit's user sees the projects any of its units leads (or the one unit it names).
      const leadUnitIds = unitId === undefined ? units : undefined;
      const page = await store.library.list({
        limit,
        offset,
        library,
        stage,
        q,
        leadUnitId: unitId,
        leadUnitIds,
      });
      const [setup, investments] = await Promise.all([
        loadLibrarySetup(store),
        store.library.listInvestments(page.items.map((p) => p.id)),
      ]);
      return {
        total: page.total,
        items: page.items.map((p) => {
          const lamps = deriveLamps(
            { ...p, investments: investments.get(p.id) ?? [] },
            setup.model,
            date,
            setup.lampRules,
          );
          const last = p.history.at(-1)!;
          return {
            ...p,
            stage: last.stage,
            stageDate: last.date,
            exited: p.exited !== null,
            lamps: {
              start: lamps.start.color,
              pace: lamps.pace.color,
              funds: lamps.funds.color,
              stats: lamps.stats.color,
              overall: lamps.overall,
            },
          };
        }),
      };
    },
  );

  app.get(
    '/library/idle/:kind',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '三未: approved not started, started not in construction, in construction not finished',
        params: z.object({ kind: z.enum(IDLE_KIND_VALUES) }),
        querystring: LibraryListQuery,
        response: { 200: IdleList },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const { date, unitId, ...filter } = request.query;
      const units = libraryUnits(user);
      const unitIds = unitId === undefined ? units : (units ?? [unitId]).filter((u) => u === unitId);
      return loadIdleList(store, date ?? today(), request.params.kind, { ...filter, unitIds });
    },
  );
}

function projectRoutes(app: ApiApp, ctx: ServerContext): void {
  const now = () => ctx.now().toISOString();
  const today = () => beijingDate(now());
  app.get(
    '/library/stale',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Projects under way with no progress in `months` months',
        querystring: LibraryListQuery.extend({ months: z.coerce.number().int().min(1).max(60).default(3) }),
        response: { 200: StaleList },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const { date, unitId, months, ...filter } = request.query;
      const units = libraryUnits(user);
      const unitIds = unitId === undefined ? units : (units ?? [unitId]).filter((u) => u === unitId);
      return loadStaleList(store, date ?? today(), months, { ...filter, unitIds });
    },
  );

  app.get(
    '/library/map',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Located projects over the jurisdiction’s boundary (a unit’s user: its own units’ projects)',
        response: { 200: LibraryMap },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const units = libraryUnits(requireUser(request));
      const map = await loadLibraryMap(store);
      if (!units) return map;
      return {
        ...map,
        points: map.points.filter((p) => p.leadUnitId !== null && units.includes(p.leadUnitId)),
      };
    },
  );

  app.get(
    '/library/projects/:id',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'A project: lamps, its years (targets and verdicts), investment, the reports that named it',
        params: ProjectParams,
        querystring: z.object({ date: IsoDate.optional() }),
        response: { 200: LibraryProjectDetail },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      await visibleProject(store, user, request.params.id);
      return loadLibraryProjectDetail(store, request.params.id, request.query.date ?? today());
    },
  );

  app.post(
    '/library/projects',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'A new library project',
        body: LibraryProjectCreate,
        response: { 200: LibraryProject },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const { stage, stageDate, ...fields } = request.body;
      return createLibraryProject(
        store,
        {
          ...fields,
          history: [{ stage, date: stageDate }],
          investments: [],
          targets: [],
          progress: [],
          exited: null,
        },
        actorOf(user),
        now(),
      );
    },
  );

  app.patch(
    '/library/projects/:id',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Edit a project’s record',
        params: ProjectParams,
        body: LibraryProjectPatch,
        response: { 200: LibraryProject },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const { version, ...patch } = request.body;
      return updateLibraryProject(store, request.params.id, patch, version, actorOf(user), now());
    },
  );
}

function lifeRoutes(app: ApiApp, ctx: ServerContext): void {
  const now = () => ctx.now().toISOString();
  const today = () => beijingDate(now());
  app.post(
    '/library/projects/:id/stage',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Move a project to a stage on a day (a move back needs its reason)',
        params: ProjectParams,
        body: StageChangeBody,
        response: { 200: LibraryProject },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const { version, ...change } = request.body;
      return moveLibraryProject(store, request.params.id, change, version, actorOf(user), now());
    },
  );

  app.post(
    '/library/projects/:id/exit',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Take a project out of the library (出库)',
        params: ProjectParams,
        body: ExitBody,
        response: { 200: LibraryProject },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const { version, ...exit } = request.body;
      return exitLibraryProject(store, request.params.id, exit, version, actorOf(user), now());
    },
  );

  app.post(
    '/library/projects/:id/investments',
    {
      onRequest: allow('item:report'),
      schema: {
        tags,
        summary: 'Record investment completed by month, 万元 (a unit’s user: projects its unit leads)',
        params: ProjectParams,
        body: InvestmentsBody,
        response: { 200: LibraryProject },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      await reportableProject(store, user, request.params.id);
      const { figures, reason, version } = request.body;
      return recordLibraryInvestments(
        store,
        request.params.id,
        figures,
        actorOf(user),
        now(),
        reason ?? null,
        version,
      );
    },
  );

  app.post(
    '/library/projects/:id/progress',
    {
      onRequest: allow('item:report'),
      schema: {
        tags,
        summary: 'Add a 形象进度 report (a unit’s user: projects its unit leads)',
        params: ProjectParams,
        body: ProgressBody,
        response: { 200: LibraryProject },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      await reportableProject(store, user, request.params.id);
      const { version, ...report } = request.body;
      return addLibraryProgress(store, request.params.id, report, actorOf(user), now(), version);
    },
  );

  app.get(
    '/library/ledger.xlsx',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'The 项目库台账 (.xlsx) of the library',
        querystring: YearQuery.extend({ date: IsoDate.optional() }),
      },
    },
    async (request, reply) => {
      const store = storeOf(ctx, request);
      const date = request.query.date ?? today();
      const year = request.query.year ?? Number(date.slice(0, 4));
      const title = `${year}年项目库台账`;
      return sendFile(reply, title, 'xlsx', await exportLibraryLedger(store, { title, year, asOf: date }));
    },
  );
}

function ledgerRoutes(app: ApiApp, ctx: ServerContext): void {
  const now = () => ctx.now().toISOString();
  const today = () => beijingDate(now());
  app.post(
    '/library/ledger',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Import an edited 项目库台账: every row applied, or nothing',
        description:
          'multipart/form-data `file` (.xlsx). Any bad cell answers 400 listing each ("项目库台账!F7"); ' +
          'a stage moved back is refused at its cell (make it in Luoshi with its reason).',
        consumes: ['multipart/form-data'],
        response: { 200: LedgerImportResult },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const { file } = await readOneFile(request, z.object({}), '项目库台账（.xlsx）');
      return importLibraryLedger(store, file.bytes, file.fileName, actorOf(user), now());
    },
  );

  app.get(
    '/plans/:planId/library-matches',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'The plan’s named projects matched to the library, with the review, and its promised counts',
        params: z.object({ planId: Id }),
        querystring: z.object({ date: IsoDate.optional() }),
        response: { 200: PlanLibraryMatches },
      },
    },
    async (request) => {
      const store = await planStore(ctx, request, request.params.planId);
      return loadPlanLibraryMatches(store, request.params.planId, request.query.date ?? today());
    },
  );

  app.post(
    '/plans/:planId/library-matches',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Match the plan’s named projects to the library (keeps decided reviews)',
        params: z.object({ planId: Id }),
        response: { 200: LibraryMatchRun },
      },
    },
    async (request) => {
      const store = await planStore(ctx, request, request.params.planId);
      return matchPlanToLibrary(store, request.params.planId, actorOf(requireUser(request)), now());
    },
  );

  app.post(
    '/plans/:planId/library-matches/:matchId',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Decide a doubtful match: confirm (as an alias), create a new project, or reject',
        params: z.object({ planId: Id, matchId: Id }),
        body: MatchDecisionBody,
        response: { 200: LibraryMatchDecided },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { planId, matchId } = request.params;
      const store = await planStore(ctx, request, planId);
      return decideLibraryMatch(store, planId, matchId, request.body, actorOf(user), now());
    },
  );

  app.get(
    '/public/library',
    {
      schema: {
        tags,
        summary:
          'The library in numbers for the public: projects by stage, published promises against the library',
        querystring: YearQuery,
        response: { 200: PublicLibraryView },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const date = today();
      return loadPublicLibraryView(store, request.query.year ?? Number(date.slice(0, 4)), date);
    },
  );
}
