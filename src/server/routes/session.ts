/**
 * Sign-in (POST /session), sign-out (DELETE /session), who am I (GET /me) and API tokens.
 * A session is a random id in an httpOnly, SameSite=Lax cookie (Secure over https or behind
 * a proxy saying so), stored by its SHA-256; its CSRF token comes back in the body.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SESSION_COOKIE, allow, requireUser, signedIn } from '../auth/actor.js';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { createApiToken, endSession, revokeApiToken, signIn } from '../../commands/sessions.js';
import type { ServerContext } from '../context.js';
import { isTokenScope } from '../auth/scopes.js';
import { presentUser } from '../presenters.js';
import {
  ApiToken,
  ApiTokenInfo,
  ErrorBody,
  Id,
  Me,
  SignIn,
  TOKEN_DAYS_DEFAULT,
  TOKEN_DAYS_MAX,
  TokenCreate,
} from '../../contract/index.js';

export function sessionRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    app.post(
      '/session',
      {
        // Failed sign-ins lock the account and the address (commands/sign-in-limits.ts), counted
        // in the database so every server process shares them.
        config: { csrf: false },
        // The answer carries the CSRF token: no cache keeps it, nor a refusal (issue 12.9).
        onSend: async (_request, reply) => {
          reply.header('cache-control', 'no-store');
        },
        schema: {
          tags: ['session'],
          summary: 'Sign in: sets the session cookie and returns the CSRF token',
          body: SignIn,
          response: { 200: Me, 401: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        const at = ctx.now();
        const expires = new Date(at.getTime() + ctx.sessionTtlMs);
        const { user, sessionId, csrfToken } = await signIn(store, request.body, expires, {
          address: request.ip,
          at,
          limits: ctx.signInLimits,
        });
        reply.setCookie(SESSION_COOKIE, sessionId, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: isHttps(request),
          expires,
        });
        return { user: presentUser(user), csrfToken };
      },
    );

    app.delete(
      '/session',
      { onRequest: signedIn, schema: { tags: ['session'], summary: 'Sign out: ends this session' } },
      async (request, reply) => {
        if (request.actor.kind === 'user' && request.actor.via === 'session') {
          await endSession(store, request.actor.sessionIdHash);
        }
        clearSessionCookie(request, reply);
        return reply.code(204).send();
      },
    );

    app.get(
      '/me',
      {
        onRequest: signedIn,
        schema: { tags: ['session'], summary: 'Who is signed in', response: { 200: Me, 401: ErrorBody } },
      },
      async (request) => {
        const user = requireUser(request);
        const csrfToken =
          request.actor.kind === 'user' && request.actor.via === 'session' ? request.actor.csrfToken : null;
        return { user: presentUser(user), csrfToken };
      },
    );

    app.post(
      '/tokens',
      {
        onRequest: allow('token:create'),
        schema: {
          tags: ['session'],
          summary: 'Create an API token for scripts (shown once); send it as Authorization: Bearer',
          description:
            `Signed in with a session only: a token never mints tokens. It lives \`expiresInDays\` ` +
            `(${TOKEN_DAYS_DEFAULT} by default, ${TOKEN_DAYS_MAX} at most); a new password or a disabled ` +
            'account revokes every token of the account. Its `scopes` (`read` by default) bound what it ' +
            'may do within its role: a route needing a scope it lacks answers 403 naming the scope.',
          body: TokenCreate,
          response: { 201: ApiToken, 403: ErrorBody },
        },
      },
      async (request, reply) => {
        const user = requireSession(request);
        const days = request.body.expiresInDays ?? TOKEN_DAYS_DEFAULT;
        const expires = new Date(ctx.now().getTime() + days * 24 * 3600 * 1000);
        const made = await createApiToken(
          store,
          user,
          request.body.name,
          expires,
          request.body.scopes ?? ['read'],
        );
        return reply.code(201).send({ name: request.body.name, ...made });
      },
    );

    app.get(
      '/tokens',
      {
        onRequest: signedIn,
        schema: {
          tags: ['session'],
          summary: "The caller's API tokens (never their secrets), newest first",
          response: { 200: z.object({ items: z.array(ApiTokenInfo), total: z.int() }) },
        },
      },
      async (request) => {
        const tokens = await store.sessions.listTokens(requireUser(request).id);
        const items = tokens.map((token) => ({ ...token, scopes: token.scopes.filter(isTokenScope) }));
        return { items, total: items.length };
      },
    );

    app.delete(
      '/tokens/:id',
      {
        onRequest: signedIn,
        schema: {
          tags: ['session'],
          summary: "Revoke one of the caller's API tokens",
          params: z.object({ id: Id }),
          response: { 204: z.null().describe('revoked'), 404: ErrorBody },
        },
      },
      async (request, reply) => {
        await revokeApiToken(store, requireUser(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}

/** The user of a session: FORBIDDEN through an API token (tokens do not mint tokens). */
function requireSession(request: FastifyRequest) {
  const user = requireUser(request);
  if (request.actor.kind === 'user' && request.actor.via === 'token')
    throw new AppError('FORBIDDEN', 'sign in to create an API token: a token cannot create another');
  return user;
}

/** https directly, or a proxy in front saying so (X-Forwarded-Proto). */
function isHttps(request: FastifyRequest): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return request.protocol === 'https' || first === 'https';
}

function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: isHttps(request) });
}
