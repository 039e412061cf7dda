/** User accounts: admins only. Passwords are stored as argon2id hashes and never returned. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow, requireUser } from '../auth/actor.js';
import { hashPassword } from '../../commands/passwords.js';
import { checkUnitIds } from '../context.js';
import type { ServerContext } from '../context.js';
import { inBody } from '../errors.js';
import { pageItems } from '../../store/index.js';
import { presentPage, presentUser } from '../presenters.js';
import { ErrorBody, Id, User, UserCreate, UserPatch, UserQuery, pageOf } from '../../contract/index.js';
import { createUser, updateUser } from '../../commands/users.js';

const UserParams = z.object({ userId: Id });

const tags = ['users'];

export function userRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    app.get(
      '/users',
      {
        onRequest: allow('user:manage'),
        schema: { tags, summary: 'User accounts', querystring: UserQuery, response: { 200: pageOf(User) } },
      },
      async (request) => {
        const { limit, offset, role } = request.query;
        // The accounts of the jurisdiction the caller works in.
        const users = (await store.users.list([request.scope.jurisdictionId])).filter(
          (user) => role === undefined || user.role === role,
        );
        return presentPage(pageItems(users, { limit, offset }), presentUser);
      },
    );

    app.get(
      '/users/:userId',
      {
        onRequest: allow('user:manage'),
        schema: { tags, summary: 'One user account', params: UserParams, response: { 200: User } },
      },
      async (request) => presentUser(await store.users.get(request.params.userId)),
    );

    app.post(
      '/users',
      {
        onRequest: allow('user:manage'),
        schema: {
          tags,
          summary: 'Create a user account',
          body: UserCreate,
          response: { 201: User, 409: ErrorBody },
        },
      },
      async (request, reply) => {
        const { password, unitIds, ...rest } = request.body;
        const jurisdictionId = request.scope.jurisdictionId;
        await checkUnitIds(store, { 'body.unitIds': unitIds }, jurisdictionId);
        const passwordHash = await hashPassword(password);
        const user = await inBody(
          () => createUser(store, { ...rest, unitIds: [...new Set(unitIds)], passwordHash, jurisdictionId }),
          ['username'],
        );
        return reply.code(201).send(presentUser(user));
      },
    );

    app.patch(
      '/users/:userId',
      {
        onRequest: allow('user:manage'),
        schema: {
          tags,
          summary: 'Change a role, units, display name or password; disable or enable',
          params: UserParams,
          body: UserPatch,
          response: { 200: User },
        },
      },
      async (request) => {
        const me = requireUser(request);
        const { userId } = request.params;
        const { password, unitIds, ...rest } = request.body;
        const { jurisdictionId } = await store.users.get(userId);
        if (unitIds !== undefined) await checkUnitIds(store, { 'body.unitIds': unitIds }, jurisdictionId);
        const patch = {
          ...rest,
          ...(unitIds === undefined ? {} : { unitIds: [...new Set(unitIds)] }),
          ...(password === undefined ? {} : { passwordHash: await hashPassword(password) }),
        };
        const user = await updateUser(store, userId, patch, me);
        return presentUser(user);
      },
    );
  };
}
