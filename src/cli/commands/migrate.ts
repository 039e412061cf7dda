/** `luoshi migrate [--db URL]`: brings the database's schema up to date. */
import { EXIT, UsageError, resolveDatabaseUrl } from '../command.js';
import type { Command } from '../command.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'create or update the database schema',
  usage: 'luoshi migrate [--db URL]',
  options: { db: { type: 'string' } },
  help: '--db URL  a SQLite file or a postgres:// URL (default DATABASE_URL, else ./data/luoshi.sqlite)',
  async run({ values, positionals }, io, context) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, 'migrate');
    const config = await context.config();
    const { migrateToLatest } = await import('../../store/index.js');
    const applied = await migrateToLatest(
      resolveDatabaseUrl(typeof values.db === 'string' ? values.db : undefined, config),
      config,
    );
    io.stdout(
      applied.length === 0
        ? 'the schema is up to date\n'
        : `applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}\n`).join('')}`,
    );
    return EXIT.ok;
  },
};
