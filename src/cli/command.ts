import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';

/** Where a command writes, and what it reads as standard input; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin: AsyncIterable<Uint8Array | string>;
}

/** The parsed command line a command receives (node:util parseArgs, strict). */
export interface CommandArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** What `main` gives every command besides its arguments. */
export interface CommandContext {
  /**
   * The configuration (src/config.ts), read from the environment on the first call and
   * cached; rejects with every bad variable named. Commands that use the environment call it
   * first thing; the others never do, so a bad PORT does not stop `luoshi extract`.
   */
  config(): Promise<Config>;
}

/**
 * One `luoshi` subcommand. To add one, write `commands/NAME.ts` exporting a Command and add it
 * to the list in `commands/index.ts`; `main` does parsing, `--help`, and error reporting.
 * A command file imports heavy modules (store, server, office documents) inside `run`, with
 * `await import(…)`, so that `luoshi --help` and `luoshi extract` never load them.
 */
export interface Command {
  name: string;
  /** One line for `luoshi --help`. */
  summary: string;
  /** The usage line(s) for `luoshi NAME --help`, e.g. "luoshi extract [--text] FILE". */
  usage: string;
  /** Options for parseArgs (strict: any other option is a usage error). `--help` is added. */
  options: NonNullable<ParseArgsConfig['options']>;
  /** Help lines describing each option and argument, printed under the usage. */
  help: string;
  /** Runs the command; returns the exit code. Throws AppError or UsageError for failures. */
  run(args: CommandArgs, io: CliIo, context: CommandContext): Promise<number>;
}

/** A command line that cannot be run as written: exit code 2, with a hint to `--help`. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The command whose help to point to; undefined for `luoshi --help`. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** Exit codes of `luoshi`: 1 for a problem with the input (or an unexpected failure), 2 for usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Where the data lives when neither `--db` nor DATABASE_URL says. */
export const DEFAULT_DATABASE = './data/luoshi.sqlite';

/**
 * The database a command opens: `--db` if given, else the configuration's DATABASE_URL, else
 * ./data/luoshi.sqlite.
 * @example resolveDatabaseUrl(undefined, { databaseUrl: undefined }) // './data/luoshi.sqlite'
 */
export function resolveDatabaseUrl(option: string | undefined, config: Pick<Config, 'databaseUrl'>): string {
  return option || config.databaseUrl || DEFAULT_DATABASE;
}
