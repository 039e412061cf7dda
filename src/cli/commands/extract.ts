import { AppError } from '../../errors.js';
import type { ReadReport } from '../../ingest/index.js';
import { MAX_REPORT_BYTES } from '../../ingest/limits.js';
import { findNotAReportReason } from '../../plan/report-check.js';
import type { Extraction } from '../../report/index.js';
import { EXIT, UsageError } from '../command.js';
import type { CliIo, Command } from '../command.js';

/** How errors name standard input ("luoshi: error: <stdin>: the file is empty"). */
const STDIN = '<stdin>';

/** Reads standard input up to the size limit; throws TOO_LARGE beyond it. */
async function readStdin(io: CliIo): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of io.stdin) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    total += bytes.length;
    if (total > MAX_REPORT_BYTES) {
      const message = `the input is over the ${MAX_REPORT_BYTES / 1048576} MB limit`;
      throw new AppError('TOO_LARGE', message, [{ path: STDIN, message }]);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}

/**
 * The extraction plus what reading the file noticed; when the text is not a work report an
 * import would take (src/plan/report-check.ts, the rule `luoshi import` and the API apply), a
 * NOT_A_REPORT warning says why (the extraction is printed as it is, the exit code 0).
 */
export function deriveOutput(read: ReadReport, extraction: Extraction): Extraction {
  const warnings = [
    ...read.warnings.map((w) => ({ code: w.code, message: w.message })),
    ...extraction.warnings,
  ];
  const reason = findNotAReportReason(extraction);
  if (reason !== undefined && !warnings.some((w) => w.code === 'NOT_A_REPORT')) {
    warnings.push({ code: 'NOT_A_REPORT', message: reason });
  }
  return { ...extraction, warnings };
}

/**
 * JSON indented by two spaces, with arrays of numbers (spans, indexes) kept on one line.
 * Only arrays that JSON.stringify spread over lines are folded: a string never holds a raw
 * line end, so no quoted text can change.
 */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /\[\n\s*(-?[\d.eE+-]+(?:,\n\s*-?[\d.eE+-]+)*)\n\s*\]/g,
    (_, inner: string) => `[${inner.replace(/,\n\s*/g, ', ')}]`,
  );
}

/** `luoshi extract [--text] FILE`: the extraction as JSON, or the text that its spans index. */
export const extractCommand: Command = {
  name: 'extract',
  summary: 'print the extraction of a report file as JSON (or, with --text, its plain text)',
  usage: 'luoshi extract [--text] FILE',
  help: [
    'FILE          a report: .txt (UTF-8, GBK/GB18030, UTF-16), .docx, .html or .pdf with a text',
    '              layer; the format is told from the content, not the name. "-" reads stdin.',
    '--text        print the decoded plain text that every span in the JSON indexes',
    '-h, --help    show this help',
  ].join('\n'),
  options: { text: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('missing FILE', 'extract');
    if (positionals.length > 1) {
      throw new UsageError(`extract takes one FILE, got ${positionals.length}`, 'extract');
    }
    // Loaded here, not at the top: `luoshi --help` and the other commands never need them.
    const [{ readReport, readReportFile }, { extractReport }] = await Promise.all([
      import('../../ingest/index.js'),
      import('../../report/index.js'),
    ]);
    const path = positionals[0] ?? '-';
    const read = path === '-' ? await readReport(await readStdin(io), STDIN) : await readReportFile(path);
    if (values.text === true) {
      io.stdout(read.text);
      return EXIT.ok;
    }
    const output = deriveOutput(read, extractReport(read.text));
    io.stdout(`${formatJson(output)}\n`);
    return EXIT.ok;
  },
};
