import { describe, expect, it } from 'vitest';
import { derivePublicServiceView } from './public.js';
import { ENTERPRISES, PACKAGES, makeCommitment, makeRequest } from './test-fixtures.js';

const commitments = [
  makeCommitment({
    id: 1,
    packageId: 1,
    kind: 'land',
    title: '星河生物科技二号地块供地',
    state: 'confirmed',
    confirmedOn: '2024-06-01',
    satisfaction: '满意',
    evidence: ['星河生物科技有限公司供地批复.pdf'],
    note: '联系人赵六 13800000000',
  }),
  makeCommitment({
    id: 2,
    packageId: 2,
    kind: 'policy',
    title: '云杉智造研发补贴兑现',
    state: 'delivered',
    deliveredOn: '2024-11-02',
  }),
  makeCommitment({
    id: 3,
    packageId: 3,
    kind: 'problem',
    title: '钱七博士子女入学',
    butler: '周管家',
    dueOn: '2024-10-31',
    state: 'in_progress',
  }),
  makeCommitment({ id: 4, packageId: 9, kind: 'approval', title: '往年的事项', state: 'open' }),
];
const requests = [
  makeRequest({
    id: 1,
    text: '星河生物科技厂门口积水',
    status: 'closed',
    closedAt: '2024-05-02T02:00:00.000Z',
    satisfaction: '满意',
  }),
  makeRequest({
    id: 2,
    text: '云杉智造用电增容',
    status: 'closed',
    closedAt: '2024-06-02T02:00:00.000Z',
    satisfaction: '不满意',
  }),
  makeRequest({ id: 3, text: '人才公寓配租', status: 'signed', receivedAt: '2024-12-30T02:00:00.000Z' }),
  // Received on 1 January 2025 in Beijing (UTC 31 December): next year's.
  makeRequest({ id: 4, text: '跨年诉求', receivedAt: '2024-12-31T17:00:00.000Z' }),
];

describe('derivePublicServiceView', () => {
  const view = derivePublicServiceView({
    packages: [...PACKAGES, { id: 9, holder: { kind: 'enterprise', id: 2 }, year: 2023, butler: '吴管家' }],
    commitments,
    requests,
    year: 2024,
    asOf: '2024-12-31',
  });

  it("counts the year's 服务包, commitments and requests", () => {
    expect(view).toEqual({
      year: 2024,
      asOf: '2024-12-31',
      packages: { total: 3, enterprise: 2, talent: 1, fulfilled: 1 },
      commitments: {
        total: 3,
        byKind: { policy: 1, land: 1, approval: 0, problem: 1 },
        byState: { open: 0, in_progress: 1, delivered: 1, confirmed: 1, returned: 0 },
        overdue: 1,
      },
      requests: { received: 3, closed: 2, satisfied: 1, rated: 2 },
    });
  });

  it('counts what had happened by the day, not after it', () => {
    const mid = derivePublicServiceView({
      packages: PACKAGES,
      commitments,
      requests,
      year: 2024,
      asOf: '2024-05-31',
    });
    expect(mid.packages.fulfilled).toBe(0);
    expect(mid.requests).toEqual({ received: 2, closed: 1, satisfied: 1, rated: 1 });
  });

  it('lets no enterprise, talent or person through: only counts, the year and the day', () => {
    const json = JSON.stringify(view);
    const secrets = [
      ...ENTERPRISES.flatMap((e) => [e.name, e.creditCode, e.address, e.industry]),
      ...PACKAGES.map((p) => p.butler),
      ...commitments.flatMap((c) => [c.title, c.butler, ...c.evidence, c.note ?? '']),
      ...requests.flatMap((r) => [r.text, r.butler, r.category]),
      '星河',
      '云杉',
      '钱七',
      '赵六',
      '13800000000',
    ].filter(Boolean);
    for (const secret of secrets) expect(json.includes(secret), secret).toBe(false);
    const leaves: [string, unknown][] = [];
    const walk = (value: unknown, path: string): void => {
      if (value !== null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
      } else leaves.push([path, value]);
    };
    walk(view, '');
    for (const [path, value] of leaves) {
      if (path === '.asOf') expect(value).toBe('2024-12-31');
      else expect(typeof value, path).toBe('number');
    }
    // Keys are fixed words, never data: the same for any data.
    const empty = derivePublicServiceView({
      packages: [],
      commitments: [],
      requests: [],
      year: 2024,
      asOf: '2024-12-31',
    });
    const keys = (v: unknown): string[] =>
      v !== null && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [k, ...keys(x)]) : [];
    expect(keys(view)).toEqual(keys(empty));
  });
});
