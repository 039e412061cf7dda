import type { Command } from '../command.js';
import { extractCommand } from './extract.js';
import { serveCommand } from './serve.js';
import { importCommand } from './import.js';
import { migrateCommand } from './migrate.js';
import { usersCommand } from './users.js';
import { jurisdictionsCommand } from './jurisdictions.js';

/**
 * Every `luoshi` command, in the order `luoshi --help` lists them.
 * To add a command: write `commands/NAME.ts` exporting a `Command`, then add one line here.
 */
export const COMMANDS: readonly Command[] = [
  extractCommand,
  serveCommand,
  importCommand,
  migrateCommand,
  usersCommand,
  jurisdictionsCommand,
];
