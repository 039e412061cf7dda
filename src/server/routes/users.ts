/** User accounts: admins only. Passwords are stored as argon2id hashes and never returned. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { allow, requireUser } from '../auth/actor.js';
import { hashPassword } from '../auth/passwords.js';
import { checkUnitIds } from '../context.js';
import type { ServerContext } from '../context.js';
import { presentUser } from '../presenters.js';
import { ErrorBody, Id, User, UserCreate, UserPatch, UserQuery, pageOf } from '../../contract/index.js';

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
        const users = (await store.listUsers()).filter((user) => role === undefined || user.role === role);
        return { items: users.slice(offset, offset + limit).map(presentUser), total: users.length };
      },
    );

    app.get(
      '/users/:userId',
      {
        onRequest: allow('user:manage'),
        schema: { tags, summary: 'One user account', params: UserParams, response: { 200: User } },
      },
      async (request) => presentUser(await store.getUser(request.params.userId)),
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
        await checkUnitIds(store, { 'body.unitIds': unitIds });
        if ((await store.findUserByUsername(rest.username)) !== undefined) {
          throw new AppError('CONFLICT', `username ${rest.username} is taken`, [
            { path: 'body.username', message: 'already taken' },
          ]);
        }
        const user = await store.createUser({
          ...rest,
          unitIds: [...new Set(unitIds)],
          passwordHash: await hashPassword(password),
        });
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
        await store.getUser(userId);
        if (
          userId === me.id &&
          (rest.disabled === true || (rest.role !== undefined && rest.role !== 'admin'))
        ) {
          // Keeps at least the acting admin: nobody locks the office out by accident.
          throw new AppError('CONFLICT', 'you cannot disable yourself or give up your own admin role');
        }
        if (unitIds !== undefined) await checkUnitIds(store, { 'body.unitIds': unitIds });
        const user = await store.updateUser(userId, {
          ...rest,
          ...(unitIds === undefined ? {} : { unitIds: [...new Set(unitIds)] }),
          ...(password === undefined ? {} : { passwordHash: await hashPassword(password) }),
        });
        return presentUser(user);
      },
    );
  };
}
