/**
 * Test helper: read one entry of a zip (an .xlsx or .docx) to assert on the XML that a
 * library wrote (fonts, page size), through the same capped reader as uploads.
 */
import { inflateZip } from '../../ingest/zip.js';

const CAPS = {
  what: 'the file',
  maxEntries: 10_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxRatio: 10_000,
};

/** The text of `name` inside the zip, or undefined when there is no such entry. */
export async function readZipEntry(zip: Uint8Array, name: string): Promise<string | undefined> {
  const { entries } = await inflateZip(zip, CAPS, { keep: (n) => n === name });
  return entries.get(name)?.toString('utf8');
}
