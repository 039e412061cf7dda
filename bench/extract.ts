/**
 * Extraction speed: the example report's time (median of several runs), throughput in
 * characters per second on the public reports (test/fixtures/reports) concatenated to at least
 * 5 M characters, the cost at 1×, 2× and 4× that size (linear means 2× and 4× the time), and
 * @node-rs/jieba's plain `cut` (default dictionary, HMM off) over the same large text, as a ratio.
 *
 * A concatenation is not one report: the reader places the later copies' chapters differently
 * and finds far fewer items per character there. So the same characters are also read the way
 * they occur in practice, report by report ("batch"), and both lines print how many items per
 * 100,000 characters they found, to show what was measured.
 *
 * Every figure is given by the wall clock and by CPU time (see `measure`): on a busy shared
 * machine the CPU figure is the one to compare.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
// The package has no exports map: NodeNext resolution needs the file name.
import { dict } from '@node-rs/jieba/dict.js';
import { extractReport } from '../src/report/index.js';
import { formatNumber, measure, medianTiming } from './bench.js';
import type { Bench, Figure, Timing } from './bench.js';

const REPORTS_URL = new URL('../test/fixtures/reports/', import.meta.url);
const EXAMPLE = '2022-beijing-changping.txt';
/** The largest input (the 4× size) holds at least this many characters. */
const LARGE_CHARS = 5_000_000;
const EXAMPLE_RUNS = 21;
const LARGE_RUNS = 5;

function listReports(): string[] {
  return readdirSync(REPORTS_URL)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => readFileSync(new URL(name, REPORTS_URL), 'utf8'));
}

function buildCorpus(reports: string[], chars: number): string {
  const once = reports.join('\n\n');
  return `${once}\n\n`.repeat(Math.ceil(chars / (once.length + 2)));
}

/** Items found per 100,000 characters: tells a real reading from a degenerate one. */
function itemDensity(items: number, chars: number): string {
  return formatNumber((items * 100_000) / chars, 0);
}

/** "0.31 s wall (4,136,314 chars/s), 0.29 s CPU (4,400,000 chars/s)" */
function describe(t: Timing, chars: number): string {
  const rate = (ms: number) => formatNumber(chars / (ms / 1000));
  return `${formatNumber(t.wall / 1000, 3)} s wall (${rate(t.wall)} chars/s), ${formatNumber(t.cpu / 1000, 3)} s CPU (${rate(t.cpu)} chars/s)`;
}

function repeat(runs: number, fn: () => unknown): Timing {
  return medianTiming(Array.from({ length: runs }, () => measure(fn)));
}

export const extractBench: Bench = {
  name: 'extract',
  async run(log) {
    const figures: Figure[] = [];
    const perSecond = (chars: number, ms: number) => chars / (ms / 1000);
    const example = readFileSync(new URL(EXAMPLE, REPORTS_URL), 'utf8');
    for (let i = 0; i < 5; i++) extractReport(example); // warm up the JIT

    const one = repeat(EXAMPLE_RUNS, () => extractReport(example));
    log(
      `example report ${EXAMPLE} (${formatNumber(example.length)} chars), median of ${EXAMPLE_RUNS}: ${describe(one, example.length)}`,
    );
    figures.push(
      { name: 'example report, median wall time', value: one.wall, unit: 'ms' },
      { name: 'example report, median CPU time', value: one.cpu, unit: 'ms' },
    );

    const reports = listReports();
    const large = buildCorpus(reports, LARGE_CHARS);
    const sizes = [1, 2, 4].map((k) => ({ k, text: large.slice(0, Math.ceil((large.length * k) / 4)) }));
    // Rounds go 1×, 2×, 4×, 1×, 2×, 4× … so that drift in the machine's load hits every size alike.
    const samples = sizes.map(() => [] as Timing[]);
    extractReport(sizes[0]?.text ?? ''); // warm up on a large input too
    for (let round = 0; round < LARGE_RUNS; round++) {
      sizes.forEach(({ text }, i) => samples[i]?.push(measure(() => extractReport(text))));
    }
    const timings = samples.map(medianTiming);
    sizes.forEach(({ k, text }, i) => {
      const t = timings[i] ?? { wall: NaN, cpu: NaN };
      log(
        `${k}× concatenation, ${formatNumber(text.length)} chars, median of ${LARGE_RUNS}: ${describe(t, text.length)}`,
      );
      figures.push({
        name: `extraction at ${k}× (${formatNumber(text.length)} chars), CPU`,
        value: perSecond(text.length, t.cpu),
        unit: 'chars/s',
      });
    });
    const [t1, t2, t4] = timings.map((t) => t.cpu);
    const ratio = (a = NaN, b = NaN) => a / b;
    log(
      `CPU cost ratio (linear = 2.00 and 4.00): 2×/1× = ${formatNumber(ratio(t2, t1), 2)}, 4×/1× = ${formatNumber(ratio(t4, t1), 2)}`,
    );
    figures.push(
      { name: 'CPU time ratio 2×/1×', value: ratio(t2, t1), unit: '' },
      { name: 'CPU time ratio 4×/1×', value: ratio(t4, t1), unit: '' },
    );
    const largest = timings[2] ?? { wall: NaN, cpu: NaN };
    log(
      `items per 100,000 chars found in the concatenation: ${itemDensity(extractReport(large).items.length, large.length)}`,
    );

    // The same ≥ 5 M characters, one report at a time.
    const copies = Math.ceil(LARGE_CHARS / reports.reduce((n, r) => n + r.length, 0));
    const batch = Array.from({ length: copies }, () => reports).flat();
    const batchChars = batch.reduce((n, r) => n + r.length, 0);
    let batchItems = 0;
    const batchTime = repeat(LARGE_RUNS, () => {
      batchItems = 0;
      for (const report of batch) batchItems += extractReport(report).items.length;
    });
    log(
      `report by report, ${batch.length} reports, ${formatNumber(batchChars)} chars, median of ${LARGE_RUNS}: ${describe(batchTime, batchChars)}`,
    );
    log(`items per 100,000 chars found report by report: ${itemDensity(batchItems, batchChars)}`);

    // Issue 13: a run of 200,000 digits inside a report once took 145 s; the cost is linear now.
    const cut = example.indexOf('\n', example.length / 2);
    const withRun = `${example.slice(0, cut)}${'1'.repeat(200_000)}${example.slice(cut)}`;
    const runTime = repeat(3, () => extractReport(withRun));
    log(
      `example report with a run of 200,000 digits inside (${formatNumber(withRun.length)} chars), median of 3: ${describe(runTime, withRun.length)}`,
    );
    figures.push({ name: 'example report with 200,000 digits inside, CPU', value: runTime.cpu, unit: 'ms' });

    const jieba = Jieba.withDict(dict);
    jieba.cut(example, false); // warm up
    const jiebaTime = repeat(LARGE_RUNS, () => jieba.cut(large, false));
    log(
      `@node-rs/jieba cut (default dict, HMM off) on the same ${formatNumber(large.length)} chars, median of ${LARGE_RUNS}: ${describe(jiebaTime, large.length)}`,
    );

    const rates = {
      concatenation: perSecond(large.length, largest.cpu),
      batch: perSecond(batchChars, batchTime.cpu),
      jieba: perSecond(large.length, jiebaTime.cpu),
    };
    log(
      `CPU throughput vs jieba cut: concatenation ${formatNumber(rates.concatenation / rates.jieba, 2)}×, report by report ${formatNumber(rates.batch / rates.jieba, 2)}×`,
    );
    figures.push(
      { name: 'extraction throughput, concatenation (CPU)', value: rates.concatenation, unit: 'chars/s' },
      { name: 'extraction throughput, report by report (CPU)', value: rates.batch, unit: 'chars/s' },
      { name: 'jieba cut throughput, same text (CPU)', value: rates.jieba, unit: 'chars/s' },
      { name: 'extraction / jieba, concatenation', value: rates.concatenation / rates.jieba, unit: '×' },
      { name: 'extraction / jieba, report by report', value: rates.batch / rates.jieba, unit: '×' },
    );
    return figures;
  },
};
