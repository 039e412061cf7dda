/**
 * Precompressed build output (issue 15): after `vite build` writes web/dist, every text file
 * of the bundle (scripts, styles, the page, SVG, JSON) of 1 KB or more gets a `.br` (brotli at
 * its best quality) and a `.gz` (gzip 9) beside it. The server sends them as they are to a
 * browser that accepts them (@fastify/static `preCompressed`), so nothing is compressed per
 * request; hashed names under assets/ are kept a year (src/server/app.ts, staticCacheControl).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The files worth compressing: text. Images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt)$/i;
/** Below this a file fits a packet or two either way. */
export const PRECOMPRESS_MIN_BYTES = 1024;

/** Writes `path`.br and `path`.gz for a text file of PRECOMPRESS_MIN_BYTES or more; true if it did. */
export async function precompressFile(path: string): Promise<boolean> {
  if (!COMPRESSIBLE.test(path)) return false;
  const bytes = await readFile(path);
  if (bytes.length < PRECOMPRESS_MIN_BYTES) return false;
  const [br, gz] = await Promise.all([
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gzipAsync(bytes, { level: 9 }),
  ]);
  await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
  return true;
}

/** The Vite plugin: precompresses what the build wrote, once it is written. */
export function precompress(): Plugin {
  return {
    name: 'luoshi-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      await Promise.all(Object.keys(bundle).map((name) => precompressFile(join(dir, name))));
    },
  };
}
