/**
 * Who is asking: resolves `request.actor` from an API token (`Authorization: Bearer …`) or a
 * session cookie, enforces CSRF on cookie-authenticated writes, and offers the route guards
 * (`allow(action)`) that run before validation, so the public gets 401 rather than 400.
 */
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import { AppError } from '../../errors.js';
import type { User } from '../../plan/types.js';
import type { Store } from '../../store/types.js';
import { can } from './policy.js';
import type { Action } from './policy.js';
import { hashSecret, isSameSecret } from '../../commands/secrets.js';
import { endSession } from '../../commands/sessions.js';
import type { TokenScope } from '../../contract/index.js';
import { SCOPE_NAMES, requiredScope } from './scopes.js';

export const SESSION_COOKIE = 'luoshi_session';
export const CSRF_HEADER = 'x-csrf-token';

export type Actor =
  | { kind: 'public' }
  | { kind: 'user'; via: 'session'; user: User; sessionIdHash: string; csrfToken: string }
  | { kind: 'user'; via: 'token'; user: User; tokenId: number; scopes: readonly string[] };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** false on the few writes that need no CSRF token (sign-in). */
    csrf?: boolean;
  }
}

/** Who a request is before (or without) credentials. */
export const PUBLIC: Actor = Object.freeze({ kind: 'public' });
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in user, or undefined for the public. */
export function userOf(request: FastifyRequest): User | undefined {
  return request.actor.kind === 'user' ? request.actor.user : undefined;
}

/**
 * An onRequest hook that resolves `request.actor`. A bearer token that is wrong, or whose user
 * is disabled, answers 401; a missing, expired or unknown session cookie means the public.
 */
export function authenticate(store: Store, now: () => Date): onRequestHookHandler {
  return async function authenticateRequest(request: FastifyRequest) {
    request.actor = PUBLIC;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const actor = await actorFromToken(store, authorization, now());
      request.actor = actor;
      // A token does what its scopes name, whatever more its role allows (scopes.ts).
      assertScope(
        actor.scopes,
        requiredScope(request.method, request.routeOptions.url),
        'headers.authorization',
      );
      return;
    }
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId === undefined || sessionId === '') return;
    const idHash = hashSecret(sessionId);
    const session = await store.sessions.find(idHash);
    if (session === undefined) return;
    if (Date.parse(session.expiresAt) <= now().getTime()) {
      await endSession(store, idHash);
      return;
    }
    const user = await findUser(store, session.userId);
    if (user === undefined || user.disabled) return;
    request.actor = {
      kind: 'user',
      via: 'session',
      user,
      sessionIdHash: idHash,
      csrfToken: session.csrfToken,
    };
    checkCsrf(request);
  };
}

async function actorFromToken(
  store: Store,
  authorization: string,
  at: Date,
): Promise<Extract<Actor, { via: 'token' }>> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (match?.[1] === undefined) {
    throw new AppError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"', [
      { path: 'headers.authorization', message: 'expected "Bearer <token>"' },
    ]);
  }
  const { user, tokenId, scopes } = await resolveApiToken(store, match[1], 'headers.authorization', at);
  return { kind: 'user', via: 'token', user, tokenId, scopes };
}

/** FORBIDDEN, naming the scope, when a token's `scopes` lack `need` (null: none needed). */
export function assertScope(scopes: readonly string[], need: TokenScope | null, path: string): void {
  if (need === null || scopes.includes(need)) return;
  throw new AppError(
    'FORBIDDEN',
    `此 API 令牌没有“${SCOPE_NAMES[need]}”权限（scope ${need}），请换用含该权限的令牌`,
    [{ path, message: `the token lacks the scope "${need}"` }],
  );
}

/**
 * The user an API token acts as, whichever door it comes through (a Bearer header on the API,
 * Open311's api_key): UNAUTHENTICATED naming `path` when the token is unknown, revoked or
 * expired at `at`, or its user is disabled or gone.
 */
export async function resolveApiToken(
  store: Store,
  secret: string,
  path: string,
  at: Date,
): Promise<{ user: User; tokenId: number; scopes: string[] }> {
  const found = await store.sessions.findToken(hashSecret(secret));
  const token =
    found !== undefined && (found.expiresAt === null || Date.parse(found.expiresAt) > at.getTime())
      ? found
      : undefined;
  const user = token === undefined ? undefined : await findUser(store, token.userId);
  if (token === undefined || user === undefined || user.disabled) {
    throw new AppError('UNAUTHENTICATED', 'unknown, revoked or expired API token', [
      { path, message: 'unknown, revoked or expired token' },
    ]);
  }
  return { user, tokenId: token.id, scopes: token.scopes };
}

async function findUser(store: Store, id: number): Promise<User | undefined> {
  try {
    return await store.users.get(id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/** Cookie-authenticated writes must echo the session's CSRF token in `x-csrf-token`. */
function checkCsrf(request: FastifyRequest): void {
  const actor = request.actor;
  if (actor.kind !== 'user' || actor.via !== 'session') return;
  if (SAFE_METHODS.has(request.method) || request.routeOptions.config.csrf === false) return;
  const sent = request.headers[CSRF_HEADER];
  if (!isSameSecret(typeof sent === 'string' ? sent : undefined, actor.csrfToken)) {
    throw new AppError('FORBIDDEN', 'missing or wrong CSRF token', [
      { path: `headers.${CSRF_HEADER}`, message: 'send the csrfToken from sign-in or /me' },
    ]);
  }
}

/** The signed-in user, or 401 for the public. */
export function requireUser(request: FastifyRequest): User {
  const user = userOf(request);
  if (user === undefined) throw new AppError('UNAUTHENTICATED', 'sign in first');
  return user;
}

/** The user when its role allows the action: 401 for the public, 403 for other roles. */
export function requireAction(request: FastifyRequest, action: Action): User {
  const user = requireUser(request);
  if (!can(user, action)) throw new AppError('FORBIDDEN', `your role (${user.role}) may not do this`);
  return user;
}

/** A route guard (onRequest, before validation): the user must be signed in. */
export const signedIn: onRequestHookHandler = async (request) => {
  requireUser(request);
};

/** A route guard (onRequest, before validation): the user's role must allow `action`. */
export function allow(action: Action): onRequestHookHandler {
  return async (request) => {
    requireAction(request, action);
  };
}
