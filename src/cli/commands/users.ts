/**
 * `luoshi users add|list|passwd`: accounts from the command line, with argon2id hashes.
 * Passwords come from --password or the first line of standard input, never from a prompt
 * that would echo them.
 */
import { AppError } from '../../errors.js';
import type { Role } from '../../plan/types.js';
import type { Config } from '../../config.js';
import { MIN_PASSWORD_LENGTH } from '../../contract/constants.js';
import type { Store } from '../../store/index.js';
import { EXIT, UsageError, resolveDatabaseUrl } from '../command.js';
import type { CliIo, Command, CommandArgs } from '../command.js';

const ROLES: Role[] = ['admin', 'supervisor', 'reporter', 'leader'];

/**
 * Hashes a password with the accounts' own hashing (src/commands/passwords.ts, argon2id);
 * throws BAD_INPUT when it is shorter than MIN_PASSWORD_LENGTH (the API's rule, src/contract).
 */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('BAD_INPUT', `the password must have at least ${MIN_PASSWORD_LENGTH} characters`, [
      { path: 'password', message: 'too short' },
    ]);
  }
  // Loaded here: argon2 is a native module the other commands never need.
  const passwords = await import('../../commands/passwords.js');
  return passwords.hashPassword(password);
}

/** The first line of standard input, without its line end. */
async function readPasswordLine(io: CliIo): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

async function password(args: CommandArgs, io: CliIo): Promise<string> {
  const given = args.values.password;
  return typeof given === 'string' ? given : readPasswordLine(io);
}

async function withStore<T>(args: CommandArgs, config: Config, fn: (store: Store) => Promise<T>): Promise<T> {
  const db = typeof args.values.db === 'string' ? args.values.db : undefined;
  const { openStore } = await import('../../store/index.js');
  const store = await openStore(resolveDatabaseUrl(db, config), config);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function add(args: CommandArgs, io: CliIo, config: Config): Promise<number> {
  const username = args.positionals[1];
  if (!username) throw new UsageError('missing USERNAME', 'users');
  const role = args.values.role;
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}`, 'users');
  }
  const unitNames = ((args.values.unit as string[] | undefined) ?? []).map((n) => n.trim()).filter(Boolean);
  if (role === 'reporter' && unitNames.length === 0) {
    throw new UsageError('a reporter needs at least one --unit', 'users');
  }
  const passwordHash = await hashPassword(await password(args, io));
  const displayName = typeof args.values.name === 'string' ? args.values.name : username;
  const { createUserForUnitNames } = await import('../../commands/users.js');
  const code = typeof args.values.jurisdiction === 'string' ? args.values.jurisdiction : undefined;
  const seesDescendants = args.values.descendants === true;
  const { resolveJurisdiction } = await import('../jurisdiction.js');
  const user = await withStore(args, config, async (store) => {
    const { id: jurisdictionId } = await resolveJurisdiction(store, code);
    const created = await createUserForUnitNames(
      store,
      { username, displayName, role: role as Role, passwordHash, jurisdictionId },
      unitNames,
    );
    if (!seesDescendants) return created;
    const { updateUser } = await import('../../commands/users.js');
    return updateUser(store, created.id, { seesDescendants: true });
  });
  io.stdout(
    `user ${user.id} ${user.username} (${user.role}${unitNames.length ? `: ${unitNames.join('、')}` : ''}) added\n`,
  );
  return EXIT.ok;
}

async function list(args: CommandArgs, io: CliIo, config: Config): Promise<number> {
  await withStore(args, config, async (store) => {
    const [users, units] = await Promise.all([store.users.list(), store.units.list()]);
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const rows = users.map((u) => [
      String(u.id),
      u.username,
      u.role,
      u.displayName,
      u.unitIds.map((id) => unitName.get(id) ?? String(id)).join('、'),
      u.disabled ? 'disabled' : '',
    ]);
    io.stdout(
      rows.length === 0 ? 'no users\n' : rows.map((r) => `${r.join('\t')}`.trimEnd()).join('\n') + '\n',
    );
  });
  return EXIT.ok;
}

async function passwd(args: CommandArgs, io: CliIo, config: Config): Promise<number> {
  const username = args.positionals[1];
  if (!username) throw new UsageError('missing USERNAME', 'users');
  const passwordHash = await hashPassword(await password(args, io));
  const { setPassword } = await import('../../commands/users.js');
  await withStore(args, config, async (store) => {
    await setPassword(store, username, passwordHash);
  });
  io.stdout(`password of ${username} changed\n`);
  return EXIT.ok;
}

export const usersCommand: Command = {
  name: 'users',
  summary: 'add and list accounts, change a password',
  usage: [
    'luoshi users add USERNAME --role ROLE [--name NAME] [--unit UNIT …] [--jurisdiction CODE] [--descendants] [--password P] [--db URL]',
    '       luoshi users list [--db URL]',
    '       luoshi users passwd USERNAME [--password P] [--db URL]',
  ].join('\n'),
  options: {
    db: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    unit: { type: 'string', multiple: true },
    password: { type: 'string' },
    jurisdiction: { type: 'string' },
    descendants: { type: 'boolean' },
  },
  help: [
    `--role ROLE    ${ROLES.join(', ')} (a reporter acts only for its units)`,
    '--name NAME    the name shown (default: the username)',
    '--unit UNIT    a unit the user reports for, by name, alias or short form (区发改委); created if new; repeatable',
    '--jurisdiction CODE  the 行政区划代码 of the jurisdiction of the user (default: the first set up)',
    '--descendants  the user also sees the jurisdictions below (a city 督查室 its districts)',
    `--password P   at least ${MIN_PASSWORD_LENGTH} characters; without it, the first line of stdin`,
    '--db URL       a SQLite file or a postgres:// URL (default DATABASE_URL, else ./data/luoshi.sqlite)',
  ].join('\n'),
  async run(args, io, context) {
    const action = args.positionals[0];
    if (action === 'add') return add(args, io, await context.config());
    if (action === 'list') return list(args, io, await context.config());
    if (action === 'passwd') return passwd(args, io, await context.config());
    throw new UsageError(
      action ? `unknown action '${action}': use add, list or passwd` : 'missing add, list or passwd',
      'users',
    );
  },
};
