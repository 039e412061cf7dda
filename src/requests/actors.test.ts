import { describe, expect, it } from 'vitest';
import { holdsOrder, toRequestActor } from './actors.js';
import type { RequestAccount } from './actors.js';

const user = (role: RequestAccount['role'], unitIds: number[] = []): RequestAccount => ({
  id: 5,
  role,
  unitIds,
});

describe('request actors', () => {
  it('maps admins and supervisors to the centre, reporters to their units, leaders and the public to none', () => {
    expect(toRequestActor(user('admin', [3]))).toEqual({ userId: 5, role: 'center', unitIds: [] });
    expect(toRequestActor(user('supervisor'))).toEqual({ userId: 5, role: 'center', unitIds: [] });
    expect(toRequestActor(user('reporter', [3, 4]))).toEqual({ userId: 5, role: 'unit', unitIds: [3, 4] });
    expect(toRequestActor(user('leader'))).toBeUndefined();
    expect(toRequestActor(undefined)).toBeUndefined();
  });

  it('says a unit holds an order it leads or co-handles', () => {
    const order = { leadUnitId: 3, coUnits: [{ unitId: 7 }] } as Parameters<typeof holdsOrder>[0];
    expect(holdsOrder(order, [3])).toBe(true);
    expect(holdsOrder(order, [7])).toBe(true);
    expect(holdsOrder(order, [4])).toBe(false);
    expect(holdsOrder({ leadUnitId: null, coUnits: [] }, [4])).toBe(false);
  });
});
