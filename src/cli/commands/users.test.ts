import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import type { CliIo } from '../command.js';
import { main } from '../main.js';

function captureIo(stdin: string[] = []): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    stdin: (async function* () {
      yield* stdin;
    })(),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'luoshi-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('luoshi users', () => {
  const db = join(dir, 'users.sqlite');

  it('adds a reporter with units (created when new), lists it, and changes its password', async () => {
    const add = captureIo(['a-long-password\n']);
    expect(
      await main(
        ['users', 'add', 'wang', '--role', 'reporter', '--unit', '城北街道', '--name', '王五', '--db', db],
        add,
      ),
    ).toBe(0);
    expect(add.out.join('')).toBe('user 1 wang (reporter: 城北街道) added\n');
    const list = captureIo();
    expect(await main(['users', 'list', '--db', db], list)).toBe(0);
    expect(list.out.join('')).toBe('1\twang\treporter\t王五\t城北街道\n');
    const store = await openStore(db);
    const before = (await store.users.findByUsername('wang'))?.passwordHash;
    expect(before).toMatch(/^\$argon2id\$/);
    expect((await store.units.findByName(1, '城北街道'))?.kind).toBe('street');
    await store.close();
    expect(
      await main(['users', 'passwd', 'wang', '--password', 'another-password', '--db', db], captureIo()),
    ).toBe(0);
    const again = await openStore(db);
    const after = (await again.users.findByUsername('wang'))?.passwordHash;
    await again.close();
    expect(after).toMatch(/^\$argon2id\$/);
    expect(after).not.toBe(before);
  });

  it('refuses a short password, an unknown role, a duplicate and an unknown user', async () => {
    const short = captureIo();
    expect(
      await main(['users', 'add', 'li', '--role', 'admin', '--password', 'short', '--db', db], short),
    ).toBe(1);
    expect(short.err.join('')).toContain('at least 8 characters');
    expect(
      await main(
        ['users', 'add', 'li', '--role', 'boss', '--password', 'long-enough', '--db', db],
        captureIo(),
      ),
    ).toBe(2);
    await main(
      ['users', 'add', 'zhao', '--role', 'leader', '--password', 'long-enough', '--db', db],
      captureIo(),
    );
    const dup = captureIo();
    expect(
      await main(['users', 'add', 'zhao', '--role', 'leader', '--password', 'long-enough', '--db', db], dup),
    ).toBe(1);
    expect(dup.err.join('')).toContain('already exists');
    const unknown = captureIo();
    expect(await main(['users', 'passwd', 'nobody', '--password', 'long-enough', '--db', db], unknown)).toBe(
      1,
    );
    expect(unknown.err.join('')).toContain('no user nobody');
  });
});
