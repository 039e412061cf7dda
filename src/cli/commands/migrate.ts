/** `luoshi migrate [--db URL]`: brings the database's schema up to date. */
import { migrateToLatest, resolveDatabaseUrl } from '../../store/index.js';
import { EXIT, UsageError } from '../command.js';
import type { Command } from '../command.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'create or update the database schema',
  usage: 'luoshi migrate [--db URL]',
  options: { db: { type: 'string' } },
  help: '--db URL  a SQLite file or a postgres:// URL (default DATABASE_URL, else ./data/luoshi.sqlite)',
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, 'migrate');
    const applied = await migrateToLatest(
      resolveDatabaseUrl(typeof values.db === 'string' ? values.db : undefined),
    );
    io.stdout(
      applied.length === 0
        ? 'the schema is up to date\n'
        : `applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}\n`).join('')}`,
    );
    return EXIT.ok;
  },
};
