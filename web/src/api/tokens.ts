/**
 * API tokens (令牌) of the signed-in user: list (never their secrets), make (the secret comes
 * back once), revoke. A token is made from a signed-in session only.
 */
import { api } from './endpoints';
import type { ApiToken, ApiTokenInfo, TokenCreate } from '../../../src/contract';

export type { ApiToken, ApiTokenInfo, TokenCreate, TokenScope } from '../../../src/contract';

export const tokensApi = {
  list: async () => (await api.get<{ items: ApiTokenInfo[]; total: number }>('/tokens')).items,
  create: (body: TokenCreate) => api.post<ApiToken>('/tokens', body),
  revoke: (id: number) => api.delete<void>(`/tokens/${id}`),
};
