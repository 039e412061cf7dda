/**
 * `npm run bench [-- NAME…]`: runs every registered benchmark in sequence (or the named ones)
 * and prints the machine, then each benchmark's figures. docs/BENCHMARKS.md records them.
 * To add a benchmark: write bench/NAME.ts exporting a `Bench`, then add one line to BENCHES.
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import type { Bench } from './bench.js';

const BENCHES: (() => Promise<Bench>)[] = [
  async () => (await import('./extract.js')).extractBench,
  async () => (await import('./ingest.js')).ingestBench,
  async () => (await import('./api.js')).apiBench,
  async () => (await import('./tracking.js')).trackingBench,
  async () => (await import('./requests.js')).requestsBench,
  async () => (await import('./chase.js')).chaseBench,
  async () => (await import('./library.js')).libraryBench,
  async () => (await import('./zip-bomb.js')).zipBombBench,
  async () => (await import('./cli.js')).cliBench,
  async () => (await import('./desk.js')).deskBench,
  async () => (await import('./abuse.js')).abuseBench,
  async () => (await import('./cockpit.js')).cockpitBench,
  async () => (await import('./jurisdictions.js')).jurisdictionsBench,
];

const wanted = process.argv.slice(2);
const log = (line: string) => console.log(line);

log(`date ${new Date().toISOString()}`);
log(
  `machine: ${availableParallelism()} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM`,
);
log(`node ${process.version}, ${process.platform} ${process.arch}`);
// Other work on the machine slows every figure: the load average says how busy it was.
log(
  `load average at start: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
for (const load of BENCHES) {
  const bench = await load();
  if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
  log(`\n== ${bench.name}`);
  const started = performance.now();
  await bench.run((line) => log(`${bench.name}: ${line}`));
  log(`${bench.name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
