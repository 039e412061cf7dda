/**
 * Start-up of the `luoshi` command (issue 11): `./bin/luoshi --help` and `./bin/luoshi extract`
 * of the example report, each run as a new process, as a clerk runs it. One warm-up run first
 * (it compiles dist/ when stale), then the median wall clock of RUNS runs, and the mean CPU
 * time (user + system) of those processes from /proc/self/stat's waited-for-children counters.
 * Targets on a quiet machine: --help ≤ 150 ms, extract ≤ 400 ms.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './bench.js';
import type { Bench, Figure } from './bench.js';

const ROOT = join(import.meta.dirname, '..');
const RUNS = 21;
/** Clock ticks per second of /proc's CPU counters (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds used by this process's finished children so far (cutime + cstime). */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cutime = Number(fields[13]);
  const cstime = Number(fields[14]);
  return ((cutime + cstime) * 1000) / TICKS_PER_SECOND;
}

function runOnce(args: string[]): number {
  const started = performance.now();
  const run = spawnSync(join(ROOT, 'bin/luoshi'), args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = performance.now() - started;
  if (run.status !== 0) throw new Error(`luoshi ${args.join(' ')} failed: ${run.stderr.toString()}`);
  return wall;
}

export const cliBench: Bench = {
  name: 'cli',
  async run(log) {
    const figures: Figure[] = [];
    const commands: [string, string[]][] = [
      ['--help', ['--help']],
      ['extract', ['extract', 'examples/2022-beijing-changping.txt']],
    ];
    for (const [name, args] of commands) {
      runOnce(args); // warm-up: file cache, and a build of dist/ when stale
      const cpuBefore = childrenCpuMs();
      const walls = Array.from({ length: RUNS }, () => runOnce(args));
      const cpu = (childrenCpuMs() - cpuBefore) / RUNS;
      const wall = median(walls);
      log(
        `luoshi ${args.join(' ')}: median wall ${wall.toFixed(0)} ms (min ${Math.min(...walls).toFixed(0)}), mean CPU ${cpu.toFixed(0)} ms, ${RUNS} runs`,
      );
      figures.push(
        { name: `${name} wall`, value: wall, unit: 'ms' },
        { name: `${name} cpu`, value: cpu, unit: 'ms' },
      );
    }
    return figures;
  },
};
