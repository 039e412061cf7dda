/**
 * A compile-time check that a contract type and the domain type it presents are the same
 * shape: a field added on one side and not the other fails to compile instead of being
 * dropped by the serializer (or missed by the web app). Does nothing at run time.
 */

/** Both types assign to each other and name the same keys: no field missing on either side. */
export type Same<A, B> = [A, B] extends [B, A]
  ? [keyof A, keyof B] extends [keyof B, keyof A]
    ? true
    : false
  : false;

/**
 * Compiles only when `A` and `B` are the same shape.
 * @example
 * same<Unit, DomainUnit>(true);
 */
export const same = <A, B>(check: Same<A, B>): boolean => check;

/** A row that carries an optimistic-lock version (the store's `Versioned`). */
export type Versioned<T> = T & { version: number };
