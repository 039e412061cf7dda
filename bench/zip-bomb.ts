/**
 * Zip bombs against the server (issue 12.2): the server runs in a process of its own
 * (bench/zip-bomb-server.mjs, fresh for each case) while this one sends, per case, one or more
 * hostile or oversized uploads and, all along, `GET /api/v1/health` one after another (one
 * connection). Figures per case: the server's peak resident memory (VmRSS of /proc, sampled
 * every 20 ms), the health answers' p50/p99/max latency while the uploads were in flight, and
 * each upload's answer. Then `luoshi extract` on the .docx bomb: its peak memory (VmHWM).
 *
 * Inputs, built here from real files of each kind: a data-call form (2 MB) whose sheet claims
 * 1,633 bytes and inflates to 2 GB; a ledger with an honest 60 MB sheet (the size of a workbook
 * of 80,000 tasks); a report .docx whose text part also claims 1,633 bytes and inflates to 2 GB.
 *
 * LUOSHI_BENCH_ROOT=DIR measures the server and CLI of DIR instead: a checkout of an older
 * commit (the "before" figures: `git archive <commit> | tar -x -C DIR`, node_modules linked),
 * or a compiled copy (`tsc -p tsconfig.build.json --outDir DIR`, with package.json, examples/
 * and node_modules beside it), which runs as plain JavaScript without tsx.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { listLines, loadExampleReport, makeDocx } from '../src/ingest/test-fixtures.js';
import { deflatedZeros, honestSheetXml, withBomb } from '../src/ingest/test-zips.js';
import { inflateZip } from '../src/ingest/zip.js';
import { formatNumber } from './bench.js';
import type { Bench, Figure } from './bench.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = process.env.LUOSHI_BENCH_ROOT ?? join(HERE, '..');
const MB = 1024 * 1024;
const ALL = {
  what: 'x',
  maxEntries: 10_000,
  maxEntryBytes: 512 * MB,
  maxTotalBytes: 512 * MB,
  maxRatio: 1e9,
};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** An upload not answered within this is recorded as "no answer". */
const UPLOAD_TIMEOUT_MS = 180_000;

interface Server {
  child: ChildProcess;
  base: string;
  planId: number;
  unitId: number;
  tokens: Record<string, string>;
  exited: Promise<number | null>;
}

async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, [join(HERE, 'zip-bomb-server.mjs'), ROOT], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const end = out.indexOf('\n');
      if (end >= 0) resolve(out.slice(0, end));
    });
    void exited.then((code) => reject(new Error(`the bench server exited (${code}) before listening`)));
  });
  const info = JSON.parse(line) as Omit<Server, 'child' | 'base' | 'exited'> & { port: number };
  return { child, base: `http://127.0.0.1:${info.port}`, ...info, exited };
}

/** Resident memory of a process now (VmRSS) or at its peak so far (VmHWM), in bytes. */
function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Upload {
  label: string;
  url: (s: Server) => string;
  caller: string;
  name: string;
  type: string;
  bytes: Buffer;
}

async function send(server: Server, upload: Upload): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([upload.bytes], { type: upload.type }), upload.name);
  const started = performance.now();
  try {
    const response = await fetch(`${server.base}${upload.url(server)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.tokens[upload.caller]}` },
      body: form,
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    const ms = performance.now() - started;
    return `${response.status} in ${formatNumber(ms)} ms: ${body.error?.message ?? 'accepted'}`;
  } catch (error) {
    return `no answer after ${formatNumber(performance.now() - started)} ms (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** One case on a fresh server: uploads in flight together, health asked all along. */
async function runCase(name: string, uploads: Upload[], log: (line: string) => void): Promise<Figure[]> {
  const server = await startServer();
  const pid = server.child.pid!;
  try {
    // Warm up: the first health answers and the parse worker's start are not the case's.
    for (let i = 0; i < 20; i++) await fetch(`${server.base}/api/v1/health`).then((r) => r.arrayBuffer());
    const idle = memoryOf(pid, 'VmRSS');
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, memoryOf(pid, 'VmRSS'))), 20);
    const latencies: number[] = [];
    let done = false;
    const pinger = (async () => {
      while (!done) {
        const at = performance.now();
        try {
          await fetch(`${server.base}/api/v1/health`, {
            signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
          }).then((r) => r.arrayBuffer());
          latencies.push(performance.now() - at);
        } catch {
          latencies.push(performance.now() - at);
          break;
        }
      }
    })();
    // With no upload, the idle figures: two seconds of health answers alone.
    const answers =
      uploads.length > 0
        ? await Promise.all(uploads.map((u) => send(server, u)))
        : await new Promise<string[]>((resolve) => setTimeout(() => resolve([]), 2000));
    done = true;
    await pinger;
    clearInterval(sampler);
    peak = Math.max(peak, memoryOf(pid, 'VmRSS'));
    const alive = server.child.exitCode === null;
    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    const max = sorted.at(-1) ?? NaN;
    uploads.forEach((u, i) => log(`${name}: ${u.label} → ${answers[i]}`));
    log(
      `${name}: server RSS idle ${formatNumber(idle / MB)} MB, peak ${formatNumber(peak / MB)} MB` +
        `${alive ? '' : ' (the server died)'}; GET /health ×${latencies.length} ` +
        `p50 ${formatNumber(p50, 1)} ms, p99 ${formatNumber(p99, 1)} ms, max ${formatNumber(max, 1)} ms`,
    );
    return [
      { name: `${name}: peak RSS`, value: peak / MB, unit: 'MB' },
      { name: `${name}: health p99`, value: p99, unit: 'ms' },
      { name: `${name}: health max`, value: max, unit: 'ms' },
    ];
  } finally {
    server.child.kill('SIGKILL');
    await server.exited;
  }
}

/** `luoshi extract FILE` of ROOT: its exit, first line of error, and peak memory (VmHWM). */
async function extractPeak(file: string): Promise<{ peak: number; code: number | null; message: string }> {
  const compiled = join(ROOT, 'src/cli/main.js');
  const child = existsSync(compiled)
    ? spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { main } = await import(${JSON.stringify(pathToFileURL(compiled).href)});` +
            `process.exitCode = await main(['extract', ${JSON.stringify(file)}]);`,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      )
    : spawn(join(ROOT, 'bin/luoshi'), ['extract', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let peak = 0;
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const sampler = setInterval(() => (peak = Math.max(peak, memoryOf(child.pid!, 'VmHWM'))), 20);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  return { peak, code, message: stderr.split('\n')[0] ?? '' };
}

function honestPart(content: Buffer) {
  return { body: deflateRawSync(content), declaredSize: content.length, crc: crc32(content) };
}

export const zipBombBench: Bench = {
  name: 'zip-bomb',
  async run(log) {
    log(`server and CLI under test: ${ROOT}`);
    const zeros = deflatedZeros(2 * 1024 * MB);
    // Real files of each kind, from a server of this repository.
    const probe = await startServer();
    const get = async (path: string, caller: string) =>
      Buffer.from(
        await (
          await fetch(`${probe.base}${path}`, {
            headers: { authorization: `Bearer ${probe.tokens[caller]}` },
          })
        ).arrayBuffer(),
      );
    const dataCallPath = `/api/v1/plans/${probe.planId}/data-calls/2022-06/units/${probe.unitId}`;
    const form = await get(`${dataCallPath}.xlsx`, 'reporter');
    const ledger = await get(`/api/v1/plans/${probe.planId}/ledger.xlsx`, 'supervisor');
    probe.child.kill('SIGKILL');
    await probe.exited;
    const docx = await makeDocx(listLines(await loadExampleReport()));

    const formBomb = withBomb((await inflateZip(form, ALL)).entries, {
      name: 'xl/worksheets/sheet1.xml',
      body: zeros,
      declaredSize: 1633,
    });
    const sheet = honestSheetXml(60 * MB);
    const bigLedger = withBomb((await inflateZip(ledger, ALL)).entries, {
      name: 'xl/worksheets/sheet1.xml',
      ...honestPart(sheet),
    });
    const docxBomb = withBomb((await inflateZip(docx, ALL)).entries, {
      name: 'word/document.xml',
      body: zeros,
      declaredSize: 1633,
    });
    log(
      `inputs: data-call bomb ${formatNumber(formBomb.length / MB, 1)} MB (sheet claims 1,633 bytes, inflates to 2,048 MB); ` +
        `honest ledger ${formatNumber(bigLedger.length / MB, 1)} MB (${formatNumber(sheet.length / MB)} MB of XML); ` +
        `.docx bomb ${formatNumber(docxBomb.length / MB, 1)} MB (text part claims 1,633 bytes, inflates to 2,048 MB)`,
    );

    const dataCall: Upload = {
      label: 'data-call bomb',
      url: (s) => `/api/v1/plans/${s.planId}/data-calls/2022-06/units/${s.unitId}`,
      caller: 'reporter',
      name: '数据填报表.xlsx',
      type: XLSX,
      bytes: formBomb,
    };
    const honest: Upload = {
      label: 'honest 60 MB-XML ledger',
      url: (s) => `/api/v1/plans/${s.planId}/ledger`,
      caller: 'supervisor',
      name: '任务分解表.xlsx',
      type: XLSX,
      bytes: bigLedger,
    };
    const report: Upload = {
      label: '.docx bomb',
      url: () => '/api/v1/plans',
      caller: 'supervisor',
      name: '政府工作报告.docx',
      type: 'application/octet-stream',
      bytes: docxBomb,
    };

    const figures: Figure[] = [];
    figures.push(...(await runCase('idle', [], log)));
    figures.push(...(await runCase('data-call bomb', [dataCall], log)));
    figures.push(...(await runCase('honest 60 MB-XML ledger', [honest], log)));
    figures.push(...(await runCase('.docx bomb (plan import)', [report], log)));
    figures.push(
      ...(await runCase('bomb + honest workbook + .docx bomb together', [dataCall, honest, report], log)),
    );

    const dir = mkdtempSync(join(tmpdir(), 'luoshi-bomb-'));
    try {
      const file = join(dir, 'report.docx');
      writeFileSync(file, docxBomb);
      const cli = await extractPeak(file);
      log(
        `luoshi extract .docx bomb: exit ${cli.code}, peak RSS ${formatNumber(cli.peak / MB)} MB: ${cli.message}`,
      );
      figures.push({ name: 'luoshi extract .docx bomb: peak RSS', value: cli.peak / MB, unit: 'MB' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
