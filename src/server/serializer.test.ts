import { describe, expect, it } from 'vitest';
import { User } from '../contract/index.js';
import { serializeResponse } from './serializer.js';

const serialize = serializeResponse({
  schema: User,
  method: 'GET',
  url: '/api/v1/users/:userId',
  httpStatus: '200',
});
const user = {
  id: 1,
  username: 'ducha',
  displayName: '督查室',
  role: 'supervisor',
  unitIds: [],
  disabled: false,
  jurisdictionId: 1,
  seesDescendants: false,
};

describe('serializeResponse', () => {
  it("writes the answer as JSON in the schema's shape", () => {
    expect(JSON.parse(serialize(user))).toEqual(user);
  });

  it('strips fields the schema does not name, so a presenter slip cannot leak a password hash', () => {
    const leaked = JSON.parse(serialize({ ...user, passwordHash: '$argon2id$v=19$m=19456…' }));
    expect(leaked).not.toHaveProperty('passwordHash');
  });

  it('throws on an answer that does not match its schema (a bug: 500, logged)', () => {
    expect(() => serialize({ ...user, role: 'mayor' })).toThrow(/Response doesn't match the schema/);
  });

  it('writes answers without a zod schema as plain JSON', () => {
    const plain = serializeResponse({ schema: {}, method: 'GET', url: '/', httpStatus: '200' });
    expect(plain({ ok: true })).toBe('{"ok":true}');
  });
});
