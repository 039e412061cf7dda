/**
 * The commands of 接诉即办 (issue 7) for the HTTP routes: load → domain step (src/requests) →
 * store (store/requests-store.ts), one transaction per write. Also the setup the domain needs
 * from the store: the units of the jurisdiction with the areas they govern (created once, from
 * CHANGPING_UNITS, with the first catalogue version, whose unit ids are mapped to the store's)
 * and the first scoring scheme.
 */
import { AppError } from '../errors.js';
import type { Role, UnitKind, User } from '../plan/types.js';
import {
  CHANGPING,
  CHANGPING_CATALOGUE,
  CHANGPING_UNITS,
  DEFAULT_SCHEMES,
  applyEvent,
  deriveDedupeKey,
  deriveDispatchEvent,
  deriveUnitView,
  evaluateClassifier,
  trainCategoryModel,
  getCatalogueVersion,
  getScoringScheme,
  receiveOrder,
  redactText,
  suggestCategories,
  suggestDispatch,
} from '../requests/index.js';
import type {
  Catalogue,
  CategoryModel,
  CatalogueRow,
  DispatchOverride,
  OrderEventInput,
  OrderIntake,
  OwnerRule,
  RequestActor,
  RequestUnit,
  SchemeHistory,
  UnitMonthScore,
  WorkCalendar,
  WorkOrder,
} from '../requests/index.js';
import { openRequestStore } from '../store/requests-store.js';
import { loadWorkCalendar } from './requests-calendar.js';
import type { RequestStore, UnitMonthCounts } from '../store/requests-store.js';
import type { Store } from '../store/types.js';

/** What the routes need: the store of requests and the jurisdiction's setup, resolved once. */
export interface RequestsSetup {
  requests: RequestStore;
  units: RequestUnit[];
  catalogue: Catalogue;
  schemes: SchemeHistory;
  /** chinese-days with the official tables the centre loaded on top: every deadline uses it. */
  calendar: WorkCalendar;
}

const setups = new WeakMap<Store, Promise<RequestsSetup>>();

/**
 * The setup of requests on `store`, made on first use and cached until resetRequestsSetup: the
 * units as the store holds them (each street or town office with its area), the catalogue and
 * the schemes. On the very first use (no catalogue version yet) it first creates the
 * jurisdiction's units and catalogue version 1; scheme 1 when there is no scheme.
 */
export function getRequestsSetup(store: Store): Promise<RequestsSetup> {
  let setup = setups.get(store);
  if (setup === undefined) {
    setup = makeSetup(store);
    setups.set(store, setup);
    setup.catch(() => setups.delete(store));
  }
  return setup;
}

/** Forgets the cached setup (after a change of units, the catalogue or the schemes). */
export function resetRequestsSetup(store: Store): void {
  setups.delete(store);
}

async function makeSetup(store: Store): Promise<RequestsSetup> {
  const requests = openRequestStore(store);
  let versions = await requests.listCatalogueVersions();
  if (versions.length === 0) {
    // Never set up: the jurisdiction's units, then the catalogue naming them. Once a version
    // exists units are the admins' to rename, merge or delete, and are never looked up by name.
    const idByDomainId = await createJurisdictionUnits(store);
    for (const version of CHANGPING_CATALOGUE.versions) {
      await requests
        .addCatalogueVersion({ ...version, rows: version.rows.map((row) => remapRow(row, idByDomainId)) })
        .catch(ignoreConflict);
    }
    versions = await requests.listCatalogueVersions();
  }
  const units: RequestUnit[] = (await store.listUnits()).map(({ id, name, kind, area }) =>
    area === undefined ? { id, name, kind } : { id, name, kind, area },
  );
  let schemes = await requests.listScoringSchemes();
  if (schemes.length === 0) {
    for (const scheme of DEFAULT_SCHEMES.schemes)
      await requests.addScoringScheme(scheme).catch(ignoreConflict);
    schemes = await requests.listScoringSchemes();
  }
  const calendar = await loadWorkCalendar(store);
  return { requests, units, catalogue: { versions }, schemes: { schemes }, calendar };
}

/**
 * The first setup's units: each of CHANGPING_UNITS, created with its area, or (a plan imported
 * first may have made it) the unit of that name, given its area when it is a street or town
 * office without one. An area another unit already governs stays with that unit. Returns the
 * store's id of each domain id, for the catalogue's rows.
 */
async function createJurisdictionUnits(store: Store): Promise<Map<number, number>> {
  const idByDomainId = new Map<number, number>();
  const governed = new Set((await store.listUnits()).flatMap((unit) => (unit.area ? [unit.area] : [])));
  for (const unit of CHANGPING_UNITS) {
    const area = unit.area !== undefined && !governed.has(unit.area) ? unit.area : undefined;
    const found =
      (await store.findUnitByName(unit.name)) ??
      (await createUnitOnce(store, { name: unit.name, kind: unit.kind, area }));
    if (
      area !== undefined &&
      found.area === undefined &&
      (found.kind === 'street' || found.kind === 'town')
    ) {
      await store
        .updateUnit(found.id, { area }, found.version, {
          actor: null,
          at: new Date().toISOString(),
          reason: '接诉即办 setup: the office governs its area',
        })
        // Changed meanwhile (another process setting up): it keeps what it has.
        .catch(ignoreConflict);
    }
    if (area !== undefined) governed.add(area);
    idByDomainId.set(unit.id, found.id);
  }
  return idByDomainId;
}

async function createUnitOnce(store: Store, input: { name: string; kind: UnitKind; area?: string }) {
  try {
    return await store.createUnit(input);
  } catch (error) {
    // Another process setting up at the same moment created it first.
    const found = await store.findUnitByName(input.name);
    if (found) return found;
    throw error;
  }
}

function ignoreConflict(error: unknown): void {
  if (!(error instanceof AppError && error.code === 'CONFLICT') && !/unique|duplicate/i.test(String(error))) {
    throw error;
  }
}

function remapRow(row: CatalogueRow, ids: Map<number, number>): CatalogueRow {
  const id = (domainId: number) => ids.get(domainId) ?? domainId;
  const owner: OwnerRule =
    row.owner.by === 'unit'
      ? { by: 'unit', unitId: id(row.owner.unitId) }
      : row.owner.by === 'area'
        ? {
            by: 'area',
            units: Object.fromEntries(Object.entries(row.owner.units).map(([area, u]) => [area, id(u)])),
            fallbackUnitId: id(row.owner.fallbackUnitId),
          }
        : row.owner;
  return { ...row, owner };
}

/** The plan roles as the domain's actors: admin/supervisor are the 12345 centre, reporters units. */
export function toRequestActor(user: User | undefined): RequestActor | undefined {
  if (user === undefined) return undefined;
  const role: Record<Role, RequestActor['role'] | undefined> = {
    admin: 'center',
    supervisor: 'center',
    reporter: 'unit',
    leader: undefined,
  };
  const mapped = role[user.role];
  if (mapped === undefined) return undefined;
  return { userId: user.id, role: mapped, unitIds: mapped === 'unit' ? user.unitIds : [] };
}

/** True when the unit user's units hold the order (as lead or co-unit). */
export function holdsOrder(order: WorkOrder, unitIds: readonly number[]): boolean {
  const mine = new Set(unitIds);
  return (
    (order.leadUnitId !== null && mine.has(order.leadUnitId)) ||
    order.coUnits.some((co) => mine.has(co.unitId))
  );
}

/**
 * Takes a request in: the duplicate check against the last second, receiveOrder, insert; then,
 * when asked, the automatic dispatch by catalogue and place. Returns the stored order: still
 * `received` when no unit covers its category and place (a territorial area without office).
 */
export async function intakeOrder(
  setup: RequestsSetup,
  intake: OrderIntake,
  actor: RequestActor,
  now: string,
  options: { autoDispatch: boolean },
): Promise<WorkOrder> {
  const { requests, catalogue, units } = setup;
  const received = await requests.receiveNewOrder({
    dedupeKey: deriveDedupeKey(intake),
    since: new Date(Date.parse(now) - 1000).toISOString(),
    build: (recent, id) =>
      receiveOrder(intake, { id, now, actor, catalogue, jurisdiction: CHANGPING, recent }),
  });
  if (!options.autoDispatch) return received;
  let suggestion: ReturnType<typeof suggestDispatch>;
  try {
    suggestion = suggestDispatch(
      { category: received.category, area: received.location.area },
      catalogue,
      units,
      now,
    );
  } catch (error) {
    // No unit for it (an area whose office an admin has not named yet): the order is taken and
    // waits in the queue for the operator, as suggestFor leaves it.
    if (error instanceof AppError && error.code === 'BAD_INPUT') return received;
    throw error;
  }
  const system: RequestActor = { userId: actor.userId, role: 'system', unitIds: [] };
  return actOnOrder(setup, received.id, deriveDispatchEvent(suggestion), system, now);
}

/** Applies one event to an order and stores it; CONFLICT when someone else acted first. */
export async function actOnOrder(
  setup: RequestsSetup,
  orderId: number,
  input: OrderEventInput,
  actor: RequestActor,
  now: string,
): Promise<WorkOrder> {
  const order = await setup.requests.getOrder(orderId);
  if (actor.role === 'unit' && !holdsOrder(order, actor.unitIds)) {
    throw new AppError('FORBIDDEN', `工单 ${orderId} 不在本单位办理`, [
      { path: 'id', message: 'your unit does not hold this order' },
    ]);
  }
  const { order: next, event } = applyEvent(order, input, actor, now, { calendar: setup.calendar });
  await setup.requests.appendEvent(next, event, order.version);
  return next;
}

/** The centre's dispatch: the catalogue's choice, or the operator's override with a reason. */
export function deriveCentreDispatch(
  setup: RequestsSetup,
  order: WorkOrder,
  override: DispatchOverride | undefined,
  now: string,
): Extract<OrderEventInput, { type: 'dispatched' }> {
  const suggestion = suggestDispatch(
    { category: override?.category ?? order.category, area: order.location.area },
    setup.catalogue,
    setup.units,
    now,
  );
  return deriveDispatchEvent(suggestion, override, {
    catalogue: setup.catalogue,
    units: setup.units,
    now,
    area: order.location.area,
  });
}

/** Suggestions for the dispatcher's queue: categories from the text, and the catalogue's unit. */
export function suggestFor(setup: RequestsSetup, order: WorkOrder, now: string, model?: CategoryModel) {
  const version = getCatalogueVersion(setup.catalogue, now);
  const categories = suggestCategories(order.text, version.rows, model).slice(0, 3);
  let dispatch: ReturnType<typeof suggestDispatch> | null;
  try {
    dispatch = suggestDispatch(
      { category: order.category, area: order.location.area },
      setup.catalogue,
      setup.units,
      now,
    );
  } catch {
    // An order whose category or place no longer dispatches: the operator chooses by hand.
    dispatch = null;
  }
  return { categories, dispatch };
}

/** What the public may see of an order: no contact, no names, no media, text redacted. */
export function presentPublicOrder(order: WorkOrder) {
  return {
    id: order.id,
    category: order.category,
    area: order.location.area,
    text: redactText(order.text, order.contact?.name ? [order.contact.name] : []),
    status: order.status,
    receivedAt: order.receivedAt,
    closedAt: order.closedAt,
    publicNote: order.publicNote,
    leadUnitId: order.leadUnitId,
  };
}

/** What a viewer may see of a full order: the centre everything, a unit its view (deriveUnitView). */
export function presentOrderFor(order: WorkOrder, actor: RequestActor | undefined, role: Role | undefined) {
  if (actor?.role === 'center' || role === 'leader') return order;
  if (actor?.role === 'unit') return deriveUnitView(order);
  return presentPublicOrder(order);
}

const round = (v: number): number => Math.round(v * 1e6) / 1e6;
const pct = (v: number | null): string => (v === null ? '—' : `${(Math.round(v * 10000) / 100).toFixed(2)}%`);

/**
 * 三率 from the SQL counts (RequestStore.countMonthlyFollowUps), under the scheme in force in
 * `month`: the same figures as computeMonthlyScores, without the per-order list (the counts
 * stay in SQL for millions of orders), with the explanation in words.
 */
export function deriveScoresFromCounts(
  counts: readonly UnitMonthCounts[],
  month: string,
  history: SchemeHistory,
): UnitMonthScore[] {
  const scheme = getScoringScheme(history, month);
  const credit = scheme.satisfactionCredit;
  const w = scheme.weights;
  return counts.map((c) => {
    const rate = (numerator: number, denominator: number) => ({
      numerator: round(numerator),
      denominator,
      value: denominator ? round(numerator / denominator) : null,
      orders: [],
    });
    const r = rate(c.contactedYes, c.contactedAnswered);
    const s = rate(c.resolvedYes, c.resolvedAnswered);
    const m = rate(
      c.satisfied * credit['满意'] +
        c.basicallySatisfied * credit['基本满意'] +
        c.dissatisfied * credit['不满意'],
      c.satisfied + c.basicallySatisfied + c.dissatisfied,
    );
    const overall =
      r.value === null || s.value === null || m.value === null
        ? null
        : Math.round((w.response * r.value + w.resolution * s.value + w.satisfaction * m.value) * 10000) /
          100;
    const excluded = c.excludedSources + c.excludedExempt;
    return {
      unitId: c.unitId,
      month,
      schemeVersion: scheme.version,
      volume: c.volume,
      response: r,
      resolution: s,
      satisfaction: m,
      overall,
      excluded: [],
      explanation:
        `${month} 按评分方案第${scheme.version}版：计入 ${c.volume} 件（已回访到市民的诉求，不含未诉先办和免责工单）。` +
        `响应率 ${r.numerator}/${r.denominator} = ${pct(r.value)}；解决率 ${s.numerator}/${s.denominator} = ${pct(s.value)}；` +
        `满意率 ${m.numerator}/${m.denominator} = ${pct(m.value)}（基本满意按${credit['基本满意']}计）；` +
        `综合 = ${w.response}×响应率 + ${w.resolution}×解决率 + ${w.satisfaction}×满意率 = ${overall ?? '—'}` +
        (excluded
          ? `；未计入 ${excluded} 件（未诉先办 ${c.excludedSources}，免责 ${c.excludedExempt}）`
          : ''),
    };
  });
}

/** The name the category model is stored under. */
export const CATEGORY_MODEL = 'category';

/**
 * Trains the category model on the latest `limit` dispatched orders (their category as the
 * dispatcher confirmed it), holding back every fifth for the accuracy figures, then retrains on
 * all of them and stores the model. Returns the held-back figures, without and with the model.
 */
export async function trainStoredModel(setup: RequestsSetup, now: string, limit = 20_000) {
  const page = await setup.requests.listOrders({
    status: ['dispatched', 'signed', 'objecting', 'replied', 'closed'],
    limit,
    offset: 0,
  });
  const samples = page.items.map((order) => ({ text: order.text, category: order.category }));
  if (samples.length < 10) {
    throw new AppError(
      'UNPROCESSABLE',
      `only ${samples.length} dispatched orders: at least 10 are needed to train`,
    );
  }
  const heldBack = samples.filter((_, i) => i % 5 === 0);
  const training = samples.filter((_, i) => i % 5 !== 0);
  const rows = getCatalogueVersion(setup.catalogue, now).rows;
  const rulesOnly = evaluateClassifier(heldBack, rows);
  const withModel = evaluateClassifier(heldBack, rows, trainCategoryModel(training));
  const model = trainCategoryModel(samples);
  await setup.requests.saveModel(CATEGORY_MODEL, model, now);
  return { trainedOn: samples.length, heldBack: heldBack.length, rulesOnly, withModel, trainedAt: now };
}
