import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { isAppError } from '../errors.js';
import { EXIT, UsageError } from './command.js';
import type { CliIo, Command, CommandContext } from './command.js';
import { COMMANDS } from './commands/index.js';

const PROGRAM = 'luoshi';

/** The real process's streams. A closed pipe (`luoshi extract … | head`) ends quietly. */
function processIo(): CliIo {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
  });
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdin: process.stdin,
  };
}

function version(): string {
  const url = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    `${PROGRAM}: read a government work report (政府工作报告) into a delivery plan`,
    '',
    `Usage: ${PROGRAM} COMMAND [options]`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help',
    '  --version      print the version',
    '',
    `Run "${PROGRAM} COMMAND --help" for a command's options.`,
    '',
  ].join('\n');
}

function commandHelp(command: Command): string {
  const help = command.help
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return `Usage: ${command.usage}\n\n${command.summary}\n\n${help}\n`;
}

/** Turns node:util parseArgs errors into one short sentence ("unknown option '--x'"). */
function usageFromParseError(error: unknown, command: string): UsageError | undefined {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  if (!code.startsWith('ERR_PARSE_ARGS')) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option '${quoted}'`, command);
  const first = message.split(/\.\s/)[0]?.replace(/\.$/, '') ?? message;
  return new UsageError(first.charAt(0).toLowerCase() + first.slice(1), command);
}

/** One line, whatever went wrong: never a stack trace. Returns the exit code. */
function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    const hint = error.command ? `${PROGRAM} ${error.command} --help` : `${PROGRAM} --help`;
    io.stderr(`${PROGRAM}: error: ${error.message} (see "${hint}")\n`);
    return EXIT.usage;
  }
  if (isAppError(error)) {
    // A message that names its places itself ("PORT: …; HOST: …") is not prefixed again.
    const named =
      error.details.length > 0 && error.details.every((d) => error.message.includes(`${d.path}: `));
    const path = named ? undefined : error.details[0]?.path;
    io.stderr(`${PROGRAM}: error: ${path ? `${path}: ` : ''}${oneLine(error.message)}\n`);
    return EXIT.failure;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`${PROGRAM}: error: unexpected failure: ${oneLine(message)}\n`);
  return EXIT.failure;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

async function run(argv: string[], io: CliIo, context: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    if (name === 'help' && rest[0] !== undefined && !topic)
      throw new UsageError(`unknown command '${rest[0]}'`);
    // Bare `luoshi` is a usage error: the help goes to stderr, stdout stays empty.
    if (name === undefined) {
      io.stderr(mainHelp());
      return EXIT.usage;
    }
    io.stdout(topic ? commandHelp(topic) : mainHelp());
    return EXIT.ok;
  }
  if (name === '--version') {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  if (name.startsWith('-')) throw new UsageError(`unknown option '${name}' before the command`);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command '${name}'`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw usageFromParseError(error, command.name) ?? error;
  }
  if (parsed.values.help === true) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }
  return command.run(parsed, io, context);
}

/** The configuration of this process, read once; zod loads only for a command that needs it. */
async function loadProcessConfig(): Promise<Config> {
  const { loadConfig } = await import('../config.js');
  return loadConfig();
}

/**
 * The `luoshi` command line (bin/luoshi calls it with process.argv.slice(2)). Returns the exit
 * code: 0 done, 1 a problem with the input (one line on stderr: "luoshi: error: PATH: what is
 * wrong") or an unexpected failure, 2 a usage error. Never throws, never prints a stack trace.
 * `config` gives the configuration (default: this process's environment, parsed once, when a
 * command first asks for it); `npm start` passes the one it has already read.
 * @example await main(['extract', 'examples/2022-beijing-changping.txt']) // prints JSON, returns 0
 */
export async function main(
  argv: string[],
  io: CliIo = processIo(),
  config: () => Config | Promise<Config> = loadProcessConfig,
): Promise<number> {
  let loaded: Promise<Config> | undefined;
  const context: CommandContext = { config: () => (loaded ??= Promise.resolve().then(config)) };
  try {
    return await run(argv, io, context);
  } catch (error) {
    return report(error, io);
  }
}
