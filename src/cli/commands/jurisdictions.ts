/**
 * `luoshi jurisdictions add --from DIR | list`: a government set up from the files its office
 * keeps (docs/JURISDICTIONS.md), all or nothing; every problem is printed with its place.
 */
import type { Config } from '../../config.js';
import { isAppError } from '../../errors.js';
import type { Store } from '../../store/index.js';
import { EXIT, UsageError, resolveDatabaseUrl } from '../command.js';
import type { CliIo, Command, CommandArgs } from '../command.js';

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
  const from = args.values.from;
  if (typeof from !== 'string' || from.trim() === '')
    throw new UsageError('missing --from DIR', 'jurisdictions');
  const { readFolder } = await import('../folder.js');
  const { parseJurisdictionFolder } = await import('../../documents/jurisdiction-folder.js');
  const { addJurisdiction } = await import('../../commands/jurisdictions.js');
  try {
    const definition = await parseJurisdictionFolder(readFolder(from));
    const setup = await withStore(args, config, (store) =>
      addJurisdiction(store, definition, {
        actor: null,
        at: new Date().toISOString(),
        reason: `luoshi jurisdictions add --from ${from}`,
      }),
    );
    const j = setup.jurisdiction;
    io.stdout(
      [
        `辖区 ${j.id} ${j.name}（${j.level}，代码 ${j.code}）${setup.filledDefault ? '已设置（原有数据归入本辖区）' : '已建立'}`,
        `  街道、镇 ${setup.areas} 个；单位新建 ${setup.unitsCreated} 个，沿用 ${setup.unitsKept} 个` +
          (setup.unitsJoined.length > 0
            ? `，合并 ${setup.unitsJoined.length} 个（${setup.unitsJoined.map((p) => `${p.merged}→${p.kept}`).join('、')}）`
            : ''),
        `  派单目录${setup.catalogueAdded ? '已导入' : '未变（已有或未提供）'}`,
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  } catch (error) {
    // Every problem, one a line, each at its place: the file is fixed in one pass.
    if (isAppError(error) && error.details.length > 1) {
      io.stderr(
        `luoshi: error: ${error.message}\n${error.details.map((d) => `  ${d.path}: ${d.message}`).join('\n')}\n`,
      );
      return EXIT.failure;
    }
    throw error;
  }
}

async function list(args: CommandArgs, io: CliIo, config: Config): Promise<number> {
  const all = await withStore(args, config, (store) => store.jurisdictions.list());
  const name = new Map(all.map((j) => [j.id, j.name]));
  io.stdout(
    all
      .map((j) =>
        [
          String(j.id),
          j.code ?? '—',
          j.level,
          j.name,
          j.parentId === null ? '' : `上级：${name.get(j.parentId) ?? j.parentId}`,
        ]
          .join('\t')
          .trimEnd(),
      )
      .join('\n') + '\n',
  );
  return EXIT.ok;
}

export const jurisdictionsCommand: Command = {
  name: 'jurisdictions',
  summary: 'set up a jurisdiction (辖区) from its office files, list them',
  usage: [
    'luoshi jurisdictions add --from DIR [--db URL]',
    '       luoshi jurisdictions list [--db URL]',
  ].join('\n'),
  options: { db: { type: 'string' }, from: { type: 'string' } },
  help: [
    '--from DIR   a folder with jurisdiction.json and the files it names (units and areas, catalogue,',
    '             boundaries): docs/JURISDICTIONS.md; examples/jurisdictions/changping is one',
    '--db URL     a SQLite file or postgres:// URL (default DATABASE_URL, else ./data/luoshi.sqlite)',
  ].join('\n'),
  async run(args, io, context) {
    const sub = args.positionals[0];
    if (sub === 'add') return add(args, io, await context.config());
    if (sub === 'list') return list(args, io, await context.config());
    throw new UsageError(
      sub ? `unknown subcommand '${sub}'` : 'missing subcommand: add or list',
      'jurisdictions',
    );
  },
};
