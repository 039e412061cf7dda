/** Accounts and units (管理): create and change users and their roles and units; add units. */
import { api } from './endpoints';
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

export const adminApi = {
  createUser: (body: UserCreate) => api.post<User>('/users', body),
  updateUser: (id: number, patch: UserPatch) => api.patch<User>(`/users/${id}`, patch),
  createUnit: (body: { name: string; kind: UnitKind }) => api.post<Unit>('/units', body),
};
