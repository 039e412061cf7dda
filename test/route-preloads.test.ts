import { describe, expect, it } from 'vitest';
import { routePreloads } from '../web/route-preloads.js';

/** A chunk as Rolldown hands it to generateBundle, with Vite's metadata of its styles. */
function chunk(
  fileName: string,
  imports: string[],
  css: string[],
  size: number,
  facade?: string,
  isEntry = false,
) {
  return {
    type: 'chunk' as const,
    fileName,
    imports,
    isEntry,
    facadeModuleId: facade ?? null,
    code: 'x'.repeat(size),
    viteMetadata: { importedCss: new Set(css) },
  };
}

describe('what a page loads beyond the first script (web/route-preloads.ts)', () => {
  const bundle = {
    'assets/index-a.js': chunk(
      'assets/index-a.js',
      ['assets/react-b.js'],
      ['assets/index-a.css'],
      500,
      '/w/web/src/main.tsx',
      true,
    ),
    'assets/react-b.js': chunk('assets/react-b.js', [], [], 400),
    'assets/public-page-c.js': chunk(
      'assets/public-page-c.js',
      ['assets/react-b.js', 'assets/list-d.js', 'assets/tiny-e.js'],
      ['assets/public-page-c.css'],
      50,
      '/w/web/src/pages/public-page.tsx',
    ),
    'assets/list-d.js': chunk(
      'assets/list-d.js',
      ['assets/tiny-e.js', 'assets/icon-f.js'],
      ['assets/list-d.css', 'assets/index-a.css'],
      300,
    ),
    'assets/tiny-e.js': chunk('assets/tiny-e.js', [], [], 10),
    'assets/icon-f.js': chunk('assets/icon-f.js', [], [], 20),
    'assets/home-page-g.js': chunk(
      'assets/home-page-g.js',
      ['assets/react-b.js'],
      [],
      70,
      '/w/web/src/pages/home-page.tsx',
    ),
    'assets/index-a.css': { type: 'asset' as const },
  };

  it('names the page’s chunk and every chunk it imports, directly or not, largest first, with their styles', () => {
    expect(routePreloads(bundle, ['public-page'])).toEqual({
      pages: {
        'public-page': {
          scripts: [
            '/assets/list-d.js',
            '/assets/public-page-c.js',
            '/assets/icon-f.js',
            '/assets/tiny-e.js',
          ],
          styles: ['/assets/list-d.css', '/assets/public-page-c.css'],
        },
      },
    });
  });

  it('leaves out what the first script loads already, and a page the build does not hold', () => {
    const { pages } = routePreloads(bundle, ['home-page', 'no-such-page']);
    expect(pages).toEqual({ 'home-page': { scripts: ['/assets/home-page-g.js'], styles: [] } });
  });
});
