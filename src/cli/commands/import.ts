/**
 * `luoshi import FILE [--db URL] [--year N] [--place NAME] [--publish]`: a report file → a
 * plan (draft unless --publish), in one transaction; prints the plan's id and counts.
 */
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import type { PlanSummary } from '../../store/index.js';
import { EXIT, UsageError, resolveDatabaseUrl } from '../command.js';
import type { CliIo, Command, CommandArgs } from '../command.js';

export interface ImportOptions {
  file: string;
  db: string;
  /** The configuration's part the store needs (src/config.ts). */
  sqliteSynchronous?: Config['sqliteSynchronous'];
  year?: number;
  place?: string;
  publish: boolean;
  /** The 行政区划代码 of the jurisdiction whose plan it is; the deployment's first when absent. */
  jurisdiction?: string;
}

/**
 * Reads import's options: --db, else the configuration's DATABASE_URL, else the default file.
 * Throws UsageError for a missing FILE or a bad --year.
 */
export function parseImportOptions(args: CommandArgs, config: Config): ImportOptions {
  const text = (name: string) => {
    const value = args.values[name];
    return typeof value === 'string' ? value : undefined;
  };
  if (args.positionals.length === 0) throw new UsageError('missing FILE', 'import');
  if (args.positionals.length > 1)
    throw new UsageError(`import takes one FILE, got ${args.positionals.length}`, 'import');
  const yearText = text('year');
  if (yearText !== undefined && !/^(19|20|21)\d{2}$/.test(yearText)) {
    throw new UsageError(`--year must be a year like 2022, not '${yearText}'`, 'import');
  }
  return {
    file: args.positionals[0] ?? '',
    db: resolveDatabaseUrl(text('db'), config),
    sqliteSynchronous: config.sqliteSynchronous,
    ...(yearText !== undefined ? { year: Number(yearText) } : {}),
    ...(text('place') !== undefined ? { place: text('place') } : {}),
    ...(text('jurisdiction') !== undefined ? { jurisdiction: text('jurisdiction') } : {}),
    publish: args.values.publish === true,
  };
}

/** The steps an import goes through, for the progress bar. */
const STEPS = ['reading', 'extracting', 'storing'] as const;

/**
 * Reads, extracts and stores a report. Throws AppError UNPROCESSABLE, storing nothing, when
 * the file is not a work report (src/plan/report-check.ts: no chapters, or no tasks and targets).
 */
export async function runImport(
  options: ImportOptions,
  io: CliIo,
  progress: { isTTY: boolean } = { isTTY: process.stderr.isTTY === true },
): Promise<PlanSummary> {
  // Loaded here: `luoshi --help` and `luoshi extract` never need the store.
  const [{ readReportFile }, { extractForImport, importPlan }, { openStore }] = await Promise.all([
    import('../../ingest/index.js'),
    import('../../commands/plans.js'),
    import('../../store/index.js'),
  ]);
  // A bar only on a terminal: CI logs and pipes get the final lines alone.
  const cliProgress = progress.isTTY ? (await import('cli-progress')).default : undefined;
  const bar = cliProgress
    ? new cliProgress.SingleBar(
        { format: 'importing [{bar}] {step}', hideCursor: true, clearOnComplete: true, noTTYOutput: false },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(STEPS.length, 0, { step: STEPS[0] });
  const started = performance.now();
  try {
    const read = await readReportFile(options.file);
    bar?.update(1, { step: STEPS[1] });
    // The one rule of what is a work report (src/plan/report-check.ts), as over HTTP.
    const extraction = inFile(options.file, () => extractForImport(read.text));
    bar?.update(2, { step: STEPS[2] });
    const store = await openStore(
      options.db,
      options.sqliteSynchronous ? { sqliteSynchronous: options.sqliteSynchronous } : {},
    );
    try {
      const { resolveJurisdiction } = await import('../jurisdiction.js');
      const jurisdiction = await resolveJurisdiction(store, options.jurisdiction);
      const summary = await importPlan(store, {
        jurisdictionId: jurisdiction.id,
        text: read.text,
        extraction,
        sourceName: options.file.split(/[\\/]/).pop() ?? options.file,
        ...(options.year !== undefined ? { year: options.year } : {}),
        ...(options.place !== undefined ? { place: options.place } : {}),
        state: options.publish ? 'published' : 'draft',
      });
      bar?.update(3, { step: 'done' });
      bar?.stop();
      const c = summary.counts;
      const ms = Math.round(performance.now() - started);
      io.stdout(
        [
          `plan ${summary.plan.id} (${summary.plan.state}): ${summary.plan.title}`,
          `  outline ${c.outline}, targets ${c.targets}, achievements ${c.achievements}, tasks ${c.tasks}, projects ${c.projects} in ${c.projectLists} lists (${ms} ms)`,
          '',
        ].join('\n'),
      );
      return summary;
    } finally {
      await store.close();
    }
  } finally {
    bar?.stop();
  }
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import a report file as a draft plan and print its id and counts',
  usage: 'luoshi import FILE [--db URL] [--year N] [--place NAME] [--jurisdiction CODE] [--publish]',
  options: {
    db: { type: 'string' },
    jurisdiction: { type: 'string' },
    year: { type: 'string' },
    place: { type: 'string' },
    publish: { type: 'boolean' },
  },
  help: [
    'FILE          a report: .txt (any common encoding), .docx, .html or .pdf',
    '--db URL      a SQLite file or a postgres:// URL (default DATABASE_URL, else ./data/luoshi.sqlite)',
    '--year N      the year the plan is for, when the report does not say',
    '--place NAME  the place (a city, a district…), when the report does not say',
    '--jurisdiction CODE  the 行政区划代码 of the jurisdiction whose plan it is (default: the first set up)',
    '--publish     make the plan public at once (default: a draft)',
    'The whole import is one transaction: a failure or an interruption stores nothing.',
  ].join('\n'),
  async run(args, io, context) {
    await runImport(parseImportOptions(args, await context.config()), io);
    return EXIT.ok;
  },
};

/** Runs `fn`, naming `file` where its errors name the import's `file`. */
function inFile<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const details = error.details.map((d) => (d.path === 'file' ? { ...d, path: file } : d));
    throw new AppError(error.code, error.message, details);
  }
}
