import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { precompressFile } from '../web/precompress.js';

describe('precompressFile (the web build’s .br and .gz twins)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-precompress-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes brotli and gzip twins of a text file that decompress to it, much smaller', async () => {
    const path = join(dir, 'index-B4xQ9k2Z.css');
    const css = Array.from({ length: 400 }, (_, i) => `.row-${i} { color: #c00; margin: ${i}px; }`).join(
      '\n',
    );
    writeFileSync(path, css);
    expect(await precompressFile(path)).toBe(true);
    const br = readFileSync(`${path}.br`);
    const gz = readFileSync(`${path}.gz`);
    expect(brotliDecompressSync(br).toString()).toBe(css);
    expect(gunzipSync(gz).toString()).toBe(css);
    expect(br.length).toBeLessThan(css.length / 5);
  });

  it('leaves small files and images alone', async () => {
    const small = join(dir, 'tiny.js');
    writeFileSync(small, 'export {};');
    const image = join(dir, 'logo.png');
    writeFileSync(image, Buffer.alloc(4096, 7));
    expect(await precompressFile(small)).toBe(false);
    expect(await precompressFile(image)).toBe(false);
    expect(existsSync(`${small}.br`) || existsSync(`${image}.gz`)).toBe(false);
  });
});
