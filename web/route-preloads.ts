/**
 * What a page's lazy chunk needs, written by the build for the server (issue 15.4: the public
 * page on a slow phone). index.html is the same for every address, so it can only name what
 * every page loads; the public page's own code used to be asked for after the first script had
 * arrived and run (a second wave of requests, each a round trip). The build writes
 * `route-preloads.json` beside index.html: for each page named here, the scripts and styles its
 * `import()` loads beyond the first script's. The server names them in the page it sends for
 * that page's addresses (src/server/web-pages.ts), so the browser asks for them at once, beside
 * the first script.
 */
import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

/** The file the build writes beside index.html. */
export const ROUTE_PRELOADS_FILE = 'route-preloads.json';

/** For a page: its chunk, the chunks it imports statically, and their styles, as URL paths. */
export interface PageFiles {
  scripts: string[];
  styles: string[];
}

export interface RoutePreloads {
  pages: Record<string, PageFiles>;
}

type Chunk = Pick<OutputChunk, 'type' | 'fileName' | 'imports' | 'isEntry' | 'facadeModuleId' | 'code'> & {
  viteMetadata?: { importedCss: Set<string> };
};

/** A chunk's file and every file it imports statically, directly or not, chunk first. */
function closure(start: Chunk, chunks: Map<string, Chunk>): Chunk[] {
  const seen = new Set<string>([start.fileName]);
  const out: Chunk[] = [start];
  for (let i = 0; i < out.length; i++) {
    for (const name of out[i]!.imports) {
      const next = chunks.get(name);
      if (next && !seen.has(name)) {
        seen.add(name);
        out.push(next);
      }
    }
  }
  return out;
}

/**
 * The files of each page in `pages` (its source file's name under src/pages, without extension)
 * beyond those of the entry chunk, which index.html names already, largest script first (the
 * browser asks in the page's order, six at a time: the long ones start first). A page not found
 * is left out.
 */
export function routePreloads(
  bundle: Record<string, Chunk | { type: 'asset' }>,
  pages: string[],
): RoutePreloads {
  const chunks = new Map<string, Chunk>();
  for (const [name, file] of Object.entries(bundle))
    if (file.type === 'chunk') chunks.set(name, file as Chunk);
  const entry = [...chunks.values()].find((chunk) => chunk.isEntry);
  const initial = entry ? closure(entry, chunks) : [];
  const loaded = new Set(initial.map((chunk) => chunk.fileName));
  const loadedCss = new Set(initial.flatMap((chunk) => [...(chunk.viteMetadata?.importedCss ?? [])]));
  const result: RoutePreloads = { pages: {} };
  for (const page of pages) {
    const chunk = [...chunks.values()].find((c) =>
      new RegExp(`[\\\\/]src[\\\\/]pages[\\\\/]${page}\\.tsx?$`).test(c.facadeModuleId ?? ''),
    );
    if (!chunk) continue;
    const files = closure(chunk, chunks)
      .filter((c) => !loaded.has(c.fileName))
      .sort((a, b) => b.code.length - a.code.length);
    const styles = new Set(files.flatMap((c) => [...(c.viteMetadata?.importedCss ?? [])]));
    result.pages[page] = {
      scripts: files.map((c) => `/${c.fileName}`),
      styles: [...styles].filter((css) => !loadedCss.has(css)).map((css) => `/${css}`),
    };
  }
  return result;
}

/** The Vite plugin: writes ROUTE_PRELOADS_FILE for `pages` (e.g. `['public-page']`). */
export function routePreloadsPlugin(pages: string[]): Plugin {
  return {
    name: 'luoshi-route-preloads',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      // After Vite's own (which drops the chunks that held only styles).
      order: 'post',
      handler(_options, bundle: OutputBundle) {
        const preloads = routePreloads(bundle as Parameters<typeof routePreloads>[0], pages);
        this.emitFile({
          type: 'asset',
          fileName: ROUTE_PRELOADS_FILE,
          source: `${JSON.stringify(preloads, null, 2)}\n`,
        });
      },
    },
  };
}
