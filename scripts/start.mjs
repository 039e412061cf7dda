#!/usr/bin/env node
// The README's first command, after npm ci: reads the example report.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = spawnSync(
  join(root, 'bin/luoshi'),
  ['extract', join(root, 'examples/2022-beijing-changping.txt')],
  {
    stdio: 'inherit',
  },
);
process.exit(run.status ?? 1);
