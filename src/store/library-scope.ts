/**
 * The store as one jurisdiction's library and 服务包 see it (issue 16 for issue 17's tables): the
 * library, its matches, the 服务包 and the enterprise requests read and write that jurisdiction's
 * rows, inside its transactions too; every other repository is the store's own. Routes hand the
 * commands `inJurisdiction(store, request.scope.jurisdictionId)`.
 */
import type { Store } from './types.js';

export function inJurisdiction(store: Store, jurisdictionId: number): Store {
  const scoped = Object.create(store) as Store;
  Object.defineProperties(scoped, {
    library: { value: store.library.of(jurisdictionId) },
    libraryMatches: { value: store.libraryMatches.of(jurisdictionId) },
    services: { value: store.services.of(jurisdictionId) },
    enterpriseRequests: { value: store.enterpriseRequests.of(jurisdictionId) },
    transaction: {
      value: <T>(fn: (tx: Store) => Promise<T>): Promise<T> =>
        store.transaction((tx) => fn(inJurisdiction(tx, jurisdictionId))),
    },
  });
  return scoped;
}
