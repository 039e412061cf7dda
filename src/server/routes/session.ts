/**
 * Sign-in (POST /session), sign-out (DELETE /session), who am I (GET /me) and API tokens.
 * A session is a random id in an httpOnly, SameSite=Lax cookie (Secure over https or behind
 * a proxy saying so), stored by its SHA-256; its CSRF token comes back in the body.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SESSION_COOKIE, allow, requireUser, signedIn } from '../auth/actor.js';
import { createApiToken, endSession, signIn } from '../../commands/sessions.js';
import type { ServerContext } from '../context.js';
import { presentUser } from '../presenters.js';
import { ApiToken, ErrorBody, Me, SignIn, TokenCreate } from '../../contract/index.js';

export function sessionRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    app.post(
      '/session',
      {
        config: {
          csrf: false,
          rateLimit: { max: ctx.signInLimit.max, timeWindow: ctx.signInLimit.timeWindowMs },
        },
        schema: {
          tags: ['session'],
          summary: 'Sign in: sets the session cookie and returns the CSRF token',
          body: SignIn,
          response: { 200: Me, 401: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        const expires = new Date(ctx.now().getTime() + ctx.sessionTtlMs);
        const { user, sessionId, csrfToken } = await signIn(store, request.body, expires);
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
          body: TokenCreate,
          response: { 201: ApiToken },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const { id, token } = await createApiToken(store, user, request.body.name);
        return reply.code(201).send({ id, name: request.body.name, token });
      },
    );
  };
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
