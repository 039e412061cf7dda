/**
 * 服务包 through the commands on both engines: an enterprise with a checked credit code, its
 * package and a commitment delivered by the responsible unit, confirmed by the 服务管家 on the
 * enterprise's word, and counted as 兑现 — then a request taken in and clocked; a unit's user
 * sees only what it holds; the public sees counts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestStore, seedUnits, seedUser } from '../../test/factories.js';
import type { Actor } from '../plan/audit.js';
import type { Unit, User } from '../plan/types.js';
import { creditCodeCheckChar } from '../projects/index.js';
import type { Store } from '../store/types.js';
import { moveEnterpriseRequest, takeEnterpriseRequest } from './enterprise-requests.js';
import {
  deriveServiceScope,
  loadEnterpriseDetail,
  loadPublicServiceView,
  loadServiceOverview,
} from './service-queries.js';
import {
  addCommitment,
  assignCommitment,
  createEnterprise,
  createServicePackage,
  moveCommitment,
  serviceActorOf,
} from './services.js';

const OFFICE: Actor = { userId: 1, role: 'supervisor', unitIds: [] };
/** A made-up credit code of 北京市昌平区 (110114) with its right check character. */
const code = (serial: string) => {
  const first = `91110114MA${serial}`;
  return first + creditCodeCheckChar(first);
};

describe.each(DIALECTS)('服务包 through the commands on %s', (dialect) => {
  let store: Store;
  let unit: Unit;
  let other: Unit;
  let butler: User;
  let unitUser: User;
  let otherUser: User;
  let office: User;
  let enterpriseId: number;
  let packageId: number;
  let commitmentId: number;

  beforeAll(async () => {
    store = await createTestStore(dialect);
    const units = Object.values(await seedUnits(store));
    unit = units[0]!;
    other = units[1]!;
    office = await seedUser(store, 'supervisor');
    butler = await seedUser(store, 'reporter', {
      username: 'butler',
      displayName: '王伟',
      unitIds: [other.id],
    });
    unitUser = await seedUser(store, 'reporter', {
      username: 'unit',
      displayName: '填报员',
      unitIds: [unit.id],
    });
    otherUser = await seedUser(store, 'reporter', {
      username: 'other',
      displayName: '另一填报员',
      unitIds: [other.id],
    });
  });

  it('refuses an enterprise whose credit code fails its check character, and takes a good one', async () => {
    const good = code('01ABCD1');
    const wrong = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    await expect(
      createEnterprise(
        store,
        { name: '星河生物科技有限公司', creditCode: wrong, industry: '医药', address: '昌平', size: '中型' },
        OFFICE,
        '2024-01-02T00:00:00Z',
      ),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', details: [{ path: 'creditCode' }] });
    const saved = await createEnterprise(
      store,
      {
        name: ' 星河生物科技有限公司 ',
        creditCode: good.toLowerCase(),
        industry: '医药',
        address: '昌平',
        size: '中型',
      },
      OFFICE,
      '2024-01-02T00:00:00Z',
    );
    expect(saved).toMatchObject({ name: '星河生物科技有限公司', creditCode: good });
    await expect(
      createEnterprise(
        store,
        { name: '重名', creditCode: good, industry: '', address: '', size: null },
        OFFICE,
        '2024-01-02T00:00:00Z',
      ),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', details: [{ path: 'creditCode' }] });
    enterpriseId = saved.id;
  });

  it('opens a package and a commitment with a working-day deadline on the calendar', async () => {
    const pkg = await createServicePackage(
      store,
      { holder: { kind: 'enterprise', id: enterpriseId }, year: 2024, butler: '王伟' },
      OFFICE,
      '2024-01-02T00:00:00Z',
    );
    await expect(
      createServicePackage(
        store,
        { holder: { kind: 'enterprise', id: enterpriseId }, year: 2024, butler: '李娜' },
        OFFICE,
        '2024-01-02T00:00:00Z',
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    packageId = pkg.id;
    const c = await addCommitment(
      store,
      {
        packageId,
        kind: 'approval',
        title: '施工许可证办理',
        responsibleUnitId: unit.id,
        butler: '王伟',
        openedOn: '2024-09-27',
        workingDays: 3,
      },
      OFFICE,
      '2024-09-27T01:00:00Z',
    );
    // 3 working days from Friday 27 September 2024: the make-up Sunday 29th, the 30th, then the
    // National Day holiday (1–7 October) is skipped.
    expect(c).toMatchObject({ state: 'open', dueOn: '2024-10-08', version: 1 });
    commitmentId = c.id;
  });

  it('lets the office reassign, the unit deliver, and only the 服务管家 confirm for the enterprise', async () => {
    await expect(
      moveCommitment(
        store,
        commitmentId,
        { type: 'started' },
        undefined,
        {
          serviceActor: serviceActorOf(otherUser, '王伟', 'started'),
          userId: otherUser.id,
          role: 'reporter',
        },
        '2024-09-29T01:00:00Z',
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const reassigned = await assignCommitment(
      store,
      commitmentId,
      { workingDays: 5 },
      1,
      OFFICE,
      '2024-09-28T01:00:00Z',
    );
    expect(reassigned.dueOn).toBe('2024-10-10');
    const as = (user: User, type: Parameters<typeof serviceActorOf>[2]) => ({
      serviceActor: serviceActorOf(user, '王伟', type),
      userId: user.id,
      role: user.role,
    });
    await moveCommitment(
      store,
      commitmentId,
      { type: 'started' },
      2,
      as(unitUser, 'started'),
      '2024-09-30T01:00:00Z',
    );
    const delivered = await moveCommitment(
      store,
      commitmentId,
      { type: 'delivered', evidence: ['许可证编号 CP-2024-117'] },
      3,
      as(unitUser, 'delivered'),
      '2024-10-08T01:00:00Z',
    );
    expect(delivered.state).toBe('delivered');
    // A responsible unit cannot confirm its own delivery; the office may not either.
    await expect(
      moveCommitment(
        store,
        commitmentId,
        { type: 'confirmed', satisfaction: '满意' },
        4,
        as(unitUser, 'confirmed'),
        '2024-10-09T01:00:00Z',
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      moveCommitment(
        store,
        commitmentId,
        { type: 'confirmed', satisfaction: '满意' },
        4,
        as(office, 'confirmed'),
        '2024-10-09T01:00:00Z',
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const before = await loadServiceOverview(store, { all: true }, 2024, '2024-10-09');
    expect(before.fulfilment).toMatchObject({ packages: 1, fulfilled: 0, commitments: 1 });
    await moveCommitment(
      store,
      commitmentId,
      { type: 'confirmed', satisfaction: '满意' },
      4,
      as(butler, 'confirmed'),
      '2024-10-10T01:00:00Z',
    );
    const after = await loadServiceOverview(store, { all: true }, 2024, '2024-10-10');
    expect(after.fulfilment).toMatchObject({
      packages: 1,
      fulfilled: 1,
      confirmed: 1,
      fulfilledIds: [packageId],
    });
    expect(after.packages).toEqual([
      expect.objectContaining({
        id: packageId,
        holder: { kind: 'enterprise', id: enterpriseId, name: '星河生物科技有限公司' },
        fulfilled: true,
      }),
    ]);
    // Counted as of the day it was confirmed, not before.
    expect((await loadServiceOverview(store, { all: true }, 2024, '2024-10-09')).fulfilment.fulfilled).toBe(
      0,
    );
    const events = await store.audit.listUnplanned('commitment');
    expect(events.map((e) => e.action).slice(0, 3)).toEqual([
      'commitment.confirmed',
      'commitment.delivered',
      'commitment.started',
    ]);
  });

  it('takes a request in through the 服务管家 and clocks it after dispatch', async () => {
    await expect(
      takeEnterpriseRequest(
        store,
        { enterpriseId, text: '厂房消防验收进度慢', category: '审批' },
        unitUser,
        '2024-10-14T02:00:00Z',
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const taken = await takeEnterpriseRequest(
      store,
      { enterpriseId, text: '厂房消防验收进度慢', category: '审批', packageId },
      butler,
      '2024-10-14T02:00:00Z',
    );
    expect(taken).toMatchObject({ status: 'received', butler: '王伟' });
    const dispatched = await moveEnterpriseRequest(
      store,
      taken.id,
      { type: 'dispatched', unitId: unit.id },
      1,
      butler,
      '2024-10-14T03:00:00Z',
    );
    expect(dispatched.deadlines?.finish.due).toBeDefined();
    await expect(
      moveEnterpriseRequest(store, taken.id, { type: 'signed' }, 2, otherUser, '2024-10-14T04:00:00Z'),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(
      (await moveEnterpriseRequest(store, taken.id, { type: 'signed' }, 2, unitUser, '2024-10-14T04:00:00Z'))
        .status,
    ).toBe('signed');
  });

  it('shows a unit’s user only what its units hold, and the public only counts', async () => {
    const mine = await loadEnterpriseDetail(
      store,
      deriveServiceScope(unitUser),
      enterpriseId,
      '2024-10-15T00:00:00Z',
    );
    expect(mine.packages[0]?.commitments.map((c) => c.id)).toEqual([commitmentId]);
    expect(mine.requests).toHaveLength(1);
    expect(mine.talents).toEqual([]);
    // Another unit's user that is not the 服务管家 holds nothing of the enterprise: not found.
    await expect(
      loadEnterpriseDetail(store, deriveServiceScope(otherUser), enterpriseId, '2024-10-15T00:00:00Z'),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const view = await loadPublicServiceView(store, 2024, '2024-12-31');
    expect(view).toMatchObject({ packages: { total: 1, fulfilled: 1 }, requests: { received: 1 } });
    expect(JSON.stringify(view)).not.toMatch(/星河|王伟|施工许可|消防|9111/);
  });
});
