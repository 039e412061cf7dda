/**
 * Accounts and units (管理): create and change users and their roles and units; add, rename,
 * delete and merge units (机构改革), and give a street or town office its area (属地).
 */
import { api, fetchAll } from './endpoints';
import type {
  Page,
  UnitCreate,
  UnitMerge,
  UnitPatch,
  User,
  UserCreate,
  UserPatch,
  VersionedUnit,
} from '../../../src/contract';

export type {
  UnitCreate,
  UnitMerge,
  UnitPatch,
  UnitUsage,
  UserCreate,
  UserPatch,
  VersionedUnit,
} from '../../../src/contract';

export const adminApi = {
  createUser: (body: UserCreate) => api.post<User>('/users', body),
  updateUser: (id: number, patch: UserPatch) => api.patch<User>(`/users/${id}`, patch),
  /** Units as `GET /units` answers them: with the version a rename or delete sends back. */
  listUnits: async () =>
    (await fetchAll((limit, offset) => api.get<Page<VersionedUnit>>('/units', { limit, offset }))).items,
  createUnit: (body: UnitCreate) => api.post<VersionedUnit>('/units', body),
  /**
   * Renames a unit, changes its kind, or the area it governs (`area: null`: none). 400 for an
   * area outside the jurisdiction or on a unit that is no street or town office (`body.area`);
   * 409 when the version is stale, the name taken (`body.name`) or the area governed by
   * another unit (`body.area`).
   */
  updateUnit: (id: number, patch: UnitPatch) => api.patch<VersionedUnit>(`/units/${id}`, patch),
  /**
   * 409 while something refers to the unit (details `usage.<key>` count each) or while it
   * governs an area (`area`).
   */
  deleteUnit: (id: number, version: number) => api.delete<void>(`/units/${id}?version=${version}`),
  /** Moves everything of unit `id` to `into` and deletes `id`. */
  mergeUnit: (id: number, into: number, version: number) =>
    api.post<UnitMerge>(`/units/${id}/merge`, { into, version }),
};
