/**
 * What the 服务包 pages read (issue 17): the year's packages and commitments by unit and by
 * 服务管家 with the 兑现 count, an enterprise with its packages, commitments, requests and
 * projects, the enterprise requests with their deadlines — each narrowed to what the viewer
 * may see (a unit's user: the packages it looks after as 服务管家 and the commitments and
 * requests its units hold) — and the public counts, numbers only.
 */
import { AppError } from '../errors.js';
import type { User } from '../plan/types.js';
import {
  commitmentAsOf,
  deriveCommitmentHealth,
  deriveEnterpriseRequestOverdue,
  deriveFulfilment,
  derivePublicServiceView,
  groupCommitments,
  isButler,
  isCommitmentOverdue,
} from '../projects/index.js';
import type { Commitment, EnterpriseRequest, ServicePackage } from '../projects/index.js';
import type { Store } from '../store/types.js';
import { loadWorkCalendar } from './requests-setup.js';
import { beijingDate } from '../requests/calendar.js';

/** What of the 服务包 a user may see: everything, or the packages, commitments and requests it holds. */
export type ServiceScope = { all: true } | { all: false; butler: string; unitIds: number[] };

/** The scope of a signed-in user: the office and leaders see all; a unit's user its own. */
export function deriveServiceScope(user: User): ServiceScope {
  return user.role === 'reporter'
    ? { all: false, butler: user.displayName, unitIds: [...user.unitIds] }
    : { all: true };
}

function seesPackage(scope: ServiceScope, pkg: ServicePackage): boolean {
  return scope.all || isButler({ displayName: scope.butler }, pkg.butler);
}

function seesCommitment(scope: ServiceScope, c: Commitment, pkg: ServicePackage | undefined): boolean {
  return (
    scope.all || (pkg !== undefined && seesPackage(scope, pkg)) || scope.unitIds.includes(c.responsibleUnitId)
  );
}

function seesRequest(scope: ServiceScope, r: EnterpriseRequest): boolean {
  return (
    scope.all ||
    isButler({ displayName: scope.butler }, r.butler) ||
    (r.leadUnitId !== null && scope.unitIds.includes(r.leadUnitId))
  );
}

/** The holder's name, for staff who may see the package. */
async function holderNames(store: Store): Promise<(pkg: ServicePackage) => string> {
  const [enterprises, talents] = await Promise.all([
    store.services.listAllEnterprises(),
    store.services.listTalents(),
  ]);
  const e = new Map(enterprises.map((x) => [x.id, x.name]));
  const t = new Map(talents.map((x) => [x.id, x.name]));
  return (pkg) => (pkg.holder.kind === 'enterprise' ? e.get(pkg.holder.id) : t.get(pkg.holder.id)) ?? '';
}

/**
 * `commitments` as they stood at the end of `date` (from their events) when it is before
 * `today`; as they are, without reading an event, on `today` or later.
 */
async function commitmentsAsOf(
  store: Store,
  commitments: readonly Commitment[],
  date: string,
  today: string,
): Promise<Commitment[]> {
  if (date >= today) return [...commitments];
  const events = await store.services.listCommitmentEvents(commitments.map((c) => c.id));
  return commitments.flatMap((c) => commitmentAsOf(c, events, date) ?? []);
}

/**
 * The year's 服务包 as the viewer may see them, as of `date` (each commitment as it stood then,
 * when `date` is before `today`): the 兑现 count and commitment
 * figures, the commitments grouped by responsible unit and by 服务管家, and each package with its
 * holder, 服务管家 and figures. A unit's user sees its own packages and commitments only, and
 * the counts of those.
 */
export async function loadServiceOverview(
  store: Store,
  scope: ServiceScope,
  year: number,
  date: string,
  today: string = date,
) {
  const [packages, all, nameOf] = await Promise.all([
    store.services.listPackages({ year }),
    store.services.listCommitments({ year }),
    holderNames(store),
  ]);
  const byId = new Map(packages.map((p) => [p.id, p]));
  const commitments = await commitmentsAsOf(
    store,
    all.filter((c) => seesCommitment(scope, c, byId.get(c.packageId))),
    date,
    today,
  );
  const visible = packages.filter(
    (p) => seesPackage(scope, p) || commitments.some((c) => c.packageId === p.id),
  );
  const fulfilment = deriveFulfilment(visible, commitments, year, date);
  const fulfilled = new Set(fulfilment.fulfilledIds);
  return {
    year,
    date,
    fulfilment,
    byUnit: groupCommitments(commitments, 'unit', date),
    byButler: groupCommitments(commitments, 'butler', date),
    packages: visible.map((p) => {
      const own = commitments.filter((c) => c.packageId === p.id);
      return {
        id: p.id,
        year: p.year,
        butler: p.butler,
        holder: { ...p.holder, name: nameOf(p) },
        commitments: own.length,
        confirmed: own.filter((c) => c.state === 'confirmed').length,
        overdue: own.filter((c) => isCommitmentOverdue(c, date)).length,
        fulfilled: fulfilled.has(p.id),
      };
    }),
  };
}

/**
 * The commitments the viewer may see, filtered, each with its package's holder and health as of
 * `date` (as it stood then, when `date` is before `today`; the state filter reads that state).
 */
export async function loadCommitments(
  store: Store,
  scope: ServiceScope,
  filter: {
    year?: number;
    unitId?: number;
    butler?: string;
    state?: Commitment['state'];
    packageId?: number;
  },
  date: string,
  today: string = date,
) {
  const past = date < today;
  const [listed, packages, nameOf] = await Promise.all([
    store.services.listCommitments({
      year: filter.year,
      unitIds: filter.unitId === undefined ? undefined : [filter.unitId],
      butler: filter.butler,
      // On a past day the state asked for is the state then, known once replayed.
      state: past ? undefined : filter.state,
      packageIds: filter.packageId === undefined ? undefined : [filter.packageId],
    }),
    store.services.listPackages(filter.year === undefined ? {} : { year: filter.year }),
    holderNames(store),
  ]);
  const byId = new Map(packages.map((p) => [p.id, p]));
  const seen = listed.filter((c) => seesCommitment(scope, c, byId.get(c.packageId)));
  const commitments = (await commitmentsAsOf(store, seen, date, today)).filter(
    (c) => filter.state === undefined || c.state === filter.state,
  );
  return commitments.map((c) => {
    const pkg = byId.get(c.packageId);
    return {
      ...c,
      holder: pkg ? { ...pkg.holder, name: nameOf(pkg) } : null,
      year: pkg?.year ?? null,
      health: deriveCommitmentHealth(c, date),
      overdue: isCommitmentOverdue(c, date),
    };
  });
}

/** A request with the deadlines it has missed at `now`. */
async function withOverdue(store: Store, requests: EnterpriseRequest[], now: string) {
  const calendar = await loadWorkCalendar(store);
  return requests.map((r) => ({ ...r, overdue: deriveEnterpriseRequestOverdue(r, now, { calendar }) }));
}

/** The enterprise requests the viewer may see, newest first, with what is overdue at `now`. */
export async function loadEnterpriseRequests(
  store: Store,
  scope: ServiceScope,
  filter: { status?: EnterpriseRequest['status']; enterpriseId?: number },
  now: string,
) {
  const requests = await store.enterpriseRequests.list({
    status: filter.status,
    enterpriseIds: filter.enterpriseId === undefined ? undefined : [filter.enterpriseId],
  });
  return withOverdue(
    store,
    requests.filter((r) => seesRequest(scope, r)),
    now,
  );
}

/**
 * An enterprise with what the viewer may see of it: its packages by year with their
 * commitments (health, events), its requests, its library projects and talents. NOT_FOUND for
 * a unit's user who holds nothing of it (not FORBIDDEN: that would tell it is served).
 */
export async function loadEnterpriseDetail(store: Store, scope: ServiceScope, id: number, now: string) {
  const date = beijingDate(now);
  const enterprise = await store.services.getEnterprise(id);
  const packages = await store.services.listPackages({ holder: { kind: 'enterprise', id } });
  const all = await store.services.listCommitments({ packageIds: packages.map((p) => p.id) });
  const byId = new Map(packages.map((p) => [p.id, p]));
  const commitments = all.filter((c) => seesCommitment(scope, c, byId.get(c.packageId)));
  const requests = (await store.enterpriseRequests.list({ enterpriseIds: [id] })).filter((r) =>
    seesRequest(scope, r),
  );
  const visiblePackages = packages.filter(
    (p) => seesPackage(scope, p) || commitments.some((c) => c.packageId === p.id),
  );
  if (!scope.all && visiblePackages.length === 0 && requests.length === 0)
    throw new AppError('NOT_FOUND', `no enterprise with id ${id}`);
  const [events, projects, talents] = await Promise.all([
    store.services.listCommitmentEvents(commitments.map((c) => c.id)),
    store.library.list({ enterpriseId: id, limit: 1000 }),
    store.services.listTalents(),
  ]);
  return {
    enterprise,
    packages: visiblePackages.map((p) => ({
      ...p,
      fulfilled: deriveFulfilment([p], commitments, p.year, date).fulfilled === 1,
      commitments: commitments
        .filter((c) => c.packageId === p.id)
        .map((c) => ({
          ...c,
          health: deriveCommitmentHealth(c, date),
          overdue: isCommitmentOverdue(c, date),
          events: events
            .filter((e) => e.commitmentId === c.id)
            .map((e) => ({ type: e.type, on: e.on, seq: e.seq })),
        })),
    })),
    requests: await withOverdue(store, requests, now),
    projects: projects.items.map((p) => ({
      id: p.id,
      name: p.name,
      library: p.library,
      stage: p.history.at(-1)?.stage ?? '',
    })),
    talents: scope.all ? talents.filter((t) => t.enterpriseId === id) : [],
  };
}

/** What the public sees of the year's 服务包 and 企业诉求: counts only (derivePublicServiceView). */
export async function loadPublicServiceView(store: Store, year: number, date: string) {
  const [packages, commitments, requests] = await Promise.all([
    store.services.listPackages({ year }),
    store.services.listCommitments({ year }),
    store.enterpriseRequests.list({
      receivedFrom: `${year - 1}-12-31T00:00:00.000Z`,
      receivedBefore: `${year + 1}-01-01T00:00:00.000Z`,
    }),
  ]);
  return derivePublicServiceView({ packages, commitments, requests, year, asOf: date });
}
