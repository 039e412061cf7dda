import { describe, expect, it } from 'vitest';
import type { Role, User } from '../../plan/types.js';
import { can, canReportOn } from './policy.js';

function user(role: Role, unitIds: number[] = [], disabled = false): User {
  return {
    id: 1,
    jurisdictionId: 1,
    seesDescendants: false,
    username: role,
    displayName: role,
    role,
    unitIds,
    disabled,
  };
}

describe('can', () => {
  it('lets admins do everything', () => {
    for (const action of ['plan:delete', 'user:manage', 'item:assign', 'plan:import'] as const) {
      expect(can(user('admin'), action)).toBe(true);
    }
  });

  it('lets supervisors import, publish, assign and manage units but not users', () => {
    expect(can(user('supervisor'), 'plan:import')).toBe(true);
    expect(can(user('supervisor'), 'plan:update')).toBe(true);
    expect(can(user('supervisor'), 'item:assign')).toBe(true);
    expect(can(user('supervisor'), 'unit:manage')).toBe(true);
    expect(can(user('supervisor'), 'user:manage')).toBe(false);
    expect(can(user('supervisor'), 'plan:delete')).toBe(false);
  });

  it('lets leaders read drafts and nothing that writes plan data', () => {
    expect(can(user('leader'), 'plan:read-draft')).toBe(true);
    for (const action of [
      'plan:import',
      'plan:update',
      'item:assign',
      'item:report',
      'unit:manage',
    ] as const) {
      expect(can(user('leader'), action)).toBe(false);
    }
  });

  it('refuses the public and disabled users everything', () => {
    expect(can(undefined, 'plan:read-draft')).toBe(false);
    expect(can(user('admin', [], true), 'plan:read-draft')).toBe(false);
  });
});

describe('canReportOn', () => {
  const item = { leadUnitId: 10, coUnitIds: [20, 30] };

  it('lets a reporter act on items its units lead', () => {
    expect(canReportOn(user('reporter', [10]), item)).toBe(true);
  });

  it('lets a reporter act on items where one of its units is a co-unit', () => {
    expect(canReportOn(user('reporter', [5, 30]), item)).toBe(true);
  });

  it("refuses a reporter on other units' items and on unassigned items", () => {
    expect(canReportOn(user('reporter', [40]), item)).toBe(false);
    expect(canReportOn(user('reporter', [10]), { leadUnitId: null, coUnitIds: [] })).toBe(false);
  });

  it('lets supervisors act on any item and refuses leaders', () => {
    expect(canReportOn(user('supervisor'), { leadUnitId: null, coUnitIds: [] })).toBe(true);
    expect(canReportOn(user('leader', [10]), item)).toBe(false);
  });
});
