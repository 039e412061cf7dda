/**
 * Reading speed: `readReport` on the example report in each format — UTF-8 and GBK text, a
 * .docx (the `docx` package), a GBK HTML page with site furniture, and a PDF (LibreOffice) —
 * median wall-clock and CPU time of several runs, and the characters of text obtained per second.
 */
import { readReport } from '../src/ingest/index.js';
import {
  convertDocxToPdf,
  encode,
  listLines,
  loadExampleReport,
  makeDocx,
  makeGovernmentPage,
} from '../src/ingest/test-fixtures.js';
import { formatNumber, measureAsync, medianTiming } from './bench.js';
import type { Bench, Figure, Timing } from './bench.js';

const RUNS = 9;

export const ingestBench: Bench = {
  name: 'ingest',
  async run(log) {
    const figures: Figure[] = [];
    const report = await loadExampleReport();
    const lines = listLines(report);
    const docx = await makeDocx(lines);
    const inputs: [string, Uint8Array][] = [
      ['txt UTF-8', encode(report, 'utf-8')],
      ['txt GBK', encode(report, 'gbk')],
      ['docx', docx],
      ['html GBK', makeGovernmentPage('2022年北京市昌平区政府工作报告', lines)],
    ];
    try {
      inputs.push(['pdf', await convertDocxToPdf(docx)]);
    } catch (error) {
      log(
        `pdf skipped: LibreOffice could not convert (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      );
    }
    for (const [name, bytes] of inputs) {
      let chars = 0;
      const once = async () => {
        chars = (await readReport(bytes)).text.length;
      };
      await once(); // warm up (pdf.js loads on first use)
      const timings: Timing[] = [];
      for (let i = 0; i < RUNS; i++) timings.push(await measureAsync(once));
      const t = medianTiming(timings);
      log(
        `${name.padEnd(9)} ${formatNumber(bytes.length).padStart(9)} bytes → ${formatNumber(chars)} chars: median ${formatNumber(t.wall, 1)} ms wall, ${formatNumber(t.cpu, 1)} ms CPU (${formatNumber(chars / (t.cpu / 1000))} chars/s)`,
      );
      figures.push({ name: `read ${name}, median CPU`, value: t.cpu, unit: 'ms' });
    }
    return figures;
  },
};
