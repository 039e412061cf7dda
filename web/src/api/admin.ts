/**
 * Accounts and units (管理): create and change users and their roles and units; add, rename,
 * delete and merge units (机构改革), and give a street or town office its area (属地).
 */
import { api, fetchAll } from './endpoints';
import type { Role, Unit, UnitKind, User } from './types';

export interface UserCreate {
  username: string;
  displayName: string;
  role: Role;
  unitIds: number[];
  password: string;
}
export type UserPatch = Partial<Pick<User, 'displayName' | 'role' | 'unitIds' | 'disabled'>> & {
  password?: string;
};

/** A unit as `GET /units` answers it: with the version a rename or delete sends back. */
export type ManagedUnit = Unit & { version: number };

/** What a rename sends: any of name, kind and area (null: it governs none), with the version read. */
export interface UnitPatch {
  name?: string;
  kind?: UnitKind;
  area?: string | null;
  version: number;
}

/** What referred to a unit, by kind. */
import type { UnitUsage } from '../../../src/store/types';
export type { UnitUsage };

export const adminApi = {
  createUser: (body: UserCreate) => api.post<User>('/users', body),
  updateUser: (id: number, patch: UserPatch) => api.patch<User>(`/users/${id}`, patch),
  listUnits: async () =>
    (
      await fetchAll((limit, offset) =>
        api.get<{ items: ManagedUnit[]; total: number }>('/units', { limit, offset }),
      )
    ).items,
  createUnit: (body: { name: string; kind: UnitKind; area?: string }) =>
    api.post<ManagedUnit>('/units', body),
  /**
   * Renames a unit, changes its kind, or the area it governs (`area: null`: none). 400 for an
   * area outside the jurisdiction or on a unit that is no street or town office (`body.area`);
   * 409 when the version is stale, the name taken (`body.name`) or the area governed by
   * another unit (`body.area`).
   */
  updateUnit: (id: number, patch: UnitPatch) => api.patch<ManagedUnit>(`/units/${id}`, patch),
  /**
   * 409 while something refers to the unit (details `usage.<key>` count each) or while it
   * governs an area (`area`).
   */
  deleteUnit: (id: number, version: number) => api.delete<void>(`/units/${id}?version=${version}`),
  /** Moves everything of unit `id` to `into` and deletes `id`. */
  mergeUnit: (id: number, into: number, version: number) =>
    api.post<{ unit: ManagedUnit; moved: UnitUsage }>(`/units/${id}/merge`, { into, version }),
};
