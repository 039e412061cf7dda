import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { deriveIntakeActor, holdsOrder, toRequestActor } from './actors.js';
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

  it('lets the centre take requests in from any door, a unit its grid finds, the public its web form, a leader none', () => {
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        if (error instanceof AppError) return [error.code, error.details[0]?.path ?? null];
      }
      return undefined;
    };
    expect(deriveIntakeActor(user('supervisor'), 'api')).toEqual({ userId: 5, role: 'center', unitIds: [] });
    expect(deriveIntakeActor(user('reporter', [3]), 'grid')).toEqual({
      userId: 5,
      role: 'unit',
      unitIds: [3],
    });
    expect(deriveIntakeActor(undefined, 'web')).toEqual({ userId: null, role: 'system', unitIds: [] });
    expect(refusal(() => deriveIntakeActor(user('reporter', [3]), 'api'))).toEqual([
      'FORBIDDEN',
      'body.source',
    ]);
    expect(refusal(() => deriveIntakeActor(user('leader'), 'hotline'))).toEqual(['FORBIDDEN', null]);
    expect(refusal(() => deriveIntakeActor(undefined, 'api'))).toEqual(['FORBIDDEN', 'body.source']);
  });
});
