import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A JavaScript file the first page load needs, with its sizes. */
export interface InitialChunk {
  file: string;
  bytes: number;
  gzipBytes: number;
}

const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+from\s*)?["']([^"']+\.js)["']/g;

/**
 * The JavaScript that `index.html` loads before any lazy page: its module scripts and
 * modulepreload links, and everything they import statically (dynamic `import()` excluded),
 * each gzipped at level 9 like a server would.
 */
export function measureInitialJs(distDir: string): {
  chunks: InitialChunk[];
  bytes: number;
  gzipBytes: number;
} {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const entries = [
    ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g),
  ].map((match) => join(distDir, match[1]!.replace(/^\//, '')));
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(STATIC_IMPORT)) {
      const target = match[1]!;
      if (target.startsWith('.') || target.startsWith('/')) {
        queue.push(target.startsWith('/') ? join(distDir, target) : resolve(dirname(file), target));
      }
    }
  }
  const chunks = [...seen].map((file) => {
    const content = readFileSync(file);
    return {
      file: file.slice(distDir.length + 1),
      bytes: content.length,
      gzipBytes: gzipSync(content, { level: 9 }).length,
    };
  });
  return {
    chunks,
    bytes: chunks.reduce((sum, chunk) => sum + chunk.bytes, 0),
    gzipBytes: chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0),
  };
}
