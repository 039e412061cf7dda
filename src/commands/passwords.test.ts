import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.js';

describe('hashPassword', () => {
  it('makes an argon2id hash with a fresh salt each time', async () => {
    const first = await hashPassword('督查室 2022');
    const second = await hashPassword('督查室 2022');
    expect(first).toMatch(/^\$argon2id\$v=19\$/);
    expect(first).not.toBe(second);
  });
});

describe('verifyPassword', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse');
    expect(await verifyPassword(hash, 'correct horse')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse ')).toBe(false);
  });

  it('refuses when there is no hash (unknown user) or the stored hash is malformed', async () => {
    expect(await verifyPassword(undefined, 'luoshi-timing-equaliser')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });
});
