/**
 * antd's prebuilt stylesheet (antd/dist/antd.css, ~1 MB: every component) cut by component, so a
 * page loads the styles of the components its code uses and no others (issues 15.4 and 19.7:
 * the public page on a slow phone, the cockpit's start). DECISIONS 18 keeps the prebuilt file
 * (zero-runtime antd); this only cuts it:
 * - each top-level rule goes to the component whose class it names first (`.ant-btn…` →
 *   button, `.ant-picker…` → date-picker); keyframes, motion classes (`.ant-zoom-*`…), icons,
 *   links and the design tokens go to a base part that the app's first script brings;
 * - the build makes each of antd's style modules (`antd/es/<component>/style/*.js`, which a
 *   component's code imports whenever it is used) import its component's part, so Vite puts
 *   the part in the CSS of the chunk that holds the component and loads it with that chunk
 *   (before the chunk runs: nothing shows unstyled);
 * - every part is in one cascade layer, `antd`: antd's rules keep their specificity among
 *   themselves, and the app's own styles, outside the layer, win over antd's whichever file loads
 *   last, as they did when antd's came first (a layer per run of the file was tried and dropped:
 *   a later layer beats a more specific rule of an earlier one; DECISIONS 66).
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, sep } from 'node:path';
import type { Plugin } from 'vite';

/** Class prefixes that are not a component folder's name, and the folder whose styles they are. */
const PREFIX_OWNERS: Record<string, string> = {
  btn: 'button',
  picker: 'date-picker',
  col: 'grid',
  row: 'grid',
  'float-btn': 'float-button',
  qrcode: 'qr-code',
  ribbon: 'badge',
  'scroll-number': 'badge',
  wave: '_util/wave',
  otp: 'input',
  'cascader-menu': 'cascader',
  'select-dropdown': 'select',
};
/** Motion classes several components share: in the base part. */
const SHARED_PREFIXES = ['slide', 'zoom', 'move', 'fade', 'motion'];
/** The part every page loads. */
export const BASE = 'base';

/** The stylesheet's top-level blocks (rules, at-rules with their bodies), in order. */
export function topLevelBlocks(css: string): string[] {
  const blocks: string[] = [];
  let depth = 0;
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 1;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      blocks.push(css.slice(start, i + 1).trim());
      start = i + 1;
    } else if (c === ';' && depth === 0) {
      blocks.push(css.slice(start, i + 1).trim());
      start = i + 1;
    }
  }
  if (css.slice(start).trim()) throw new Error('antd-css: the stylesheet ends inside a rule');
  return blocks;
}

/** The component folder a block's styles belong to: by the first `.ant-` class it names. */
export function ownerOf(block: string, components: readonly string[]): string {
  if (block.startsWith('@keyframes') || block.startsWith('@layer') || block.startsWith('@import'))
    return BASE;
  // An at-rule (@media, @supports, @container) by the rules inside it; a rule by its selector.
  const scope = block.startsWith('@') ? block : block.slice(0, block.indexOf('{'));
  const cls = /\.ant-([a-z][a-z0-9-]*)/.exec(scope)?.[1];
  if (!cls) return BASE;
  const named = (name: string) => cls === name || cls.startsWith(`${name}-`);
  if (SHARED_PREFIXES.some(named)) return BASE;
  let best = '';
  for (const name of [...components, ...Object.keys(PREFIX_OWNERS)])
    if (named(name) && name.length > best.length) best = name;
  return best ? (PREFIX_OWNERS[best] ?? best) : BASE;
}

/**
 * The stylesheet cut by component: each part's rules in the file's order, in one cascade layer
 * (`antd`) so that the app's own styles win over antd's whichever loads last.
 */
export function splitAntdCss(css: string, components: readonly string[]): Map<string, string> {
  const blocks = new Map<string, string[]>([[BASE, []]]);
  for (const block of topLevelBlocks(css)) {
    const owner = ownerOf(block, components);
    blocks.set(owner, [...(blocks.get(owner) ?? []), block]);
  }
  return new Map([...blocks].map(([owner, rules]) => [owner, `@layer antd{${rules.join('')}}\n`]));
}

const here = dirname(new URL(import.meta.url).pathname);
const require = createRequire(join(here, 'package.json'));

/** antd's es folder and the component folders that have styles. */
export function antdFolders(): { es: string; components: string[]; version: string } {
  const pkg = require.resolve('antd/package.json');
  const root = dirname(pkg);
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  const es = realpathSync(join(root, 'es'));
  const components = readdirSync(es).filter((name) => existsSync(join(es, name, 'style')));
  return { es, components: [...components, '_util/wave'], version };
}

/**
 * The parts a module of antd (`inside`: its path under antd/es) needs: a component's code that
 * imports a style module (`./style`, `../input/style/otp`…) needs that component's part; the
 * config provider (every page has one) the base. Style modules themselves are left out: they
 * import each other's helpers (the modal's styles the grid's breakpoints), not their rules.
 */
export function partsImported(inside: string, code: string): string[] {
  if (inside === 'config-provider/index.js') return [BASE];
  if (/(^|\/)style(\/|\.js$)/.test(inside) || inside.startsWith('theme/')) return [];
  const owners = new Set<string>();
  for (const [, a, b] of code.matchAll(
    /(?:from|import)\s*['"](\.{1,2}\/[^'"]*)['"]|import\(\s*['"](\.{1,2}\/[^'"]*)['"]/g,
  )) {
    const target = posix.normalize(posix.join(posix.dirname(inside), a ?? b ?? ''));
    const owner = /^([a-z_][a-z0-9_/-]*?)\/style(?:\/|\.js$|$)/.exec(target)?.[1];
    if (owner) owners.add(owner);
  }
  return [...owners];
}

/**
 * The Vite plugin: writes the parts (once per antd version, under Vite's cache folder) and makes
 * each antd module that uses a component's styles import that component's part, the config
 * provider the base part.
 */
export function antdCss(cacheDir: string): Plugin {
  let files: Map<string, string> | undefined;
  let es = '';
  const partFiles = () => {
    if (files) return files;
    const antd = antdFolders();
    es = antd.es;
    const dir = join(cacheDir, 'antd-css', antd.version);
    const parts = splitAntdCss(readFileSync(join(dirname(es), 'dist', 'antd.css'), 'utf8'), antd.components);
    mkdirSync(dir, { recursive: true });
    files = new Map();
    for (const [owner, css] of parts) {
      const file = join(dir, `${owner.replace('/', '-')}.css`);
      // Written whole then renamed: a build running beside this one never reads half a file.
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, css);
      renameSync(partial, file);
      files.set(owner, file);
    }
    return files;
  };
  let serving = false;
  return {
    name: 'luoshi-antd-css',
    enforce: 'pre',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    buildStart() {
      if (!serving) partFiles();
    },
    // The dev server serves antd pre-bundled (no transform reaches its modules): the whole file.
    transformIndexHtml: {
      // Before Vite's own pass, which then resolves the import like any of the app's.
      order: 'pre',
      handler() {
        if (!serving) return [];
        return [
          {
            tag: 'script',
            attrs: { type: 'module' },
            children: "import 'antd/dist/antd.css';",
            injectTo: 'head',
          },
        ];
      },
    },
    transform(code, id) {
      if (serving) return null;
      const parts = partFiles();
      const path = id.split('?')[0]!;
      if (!path.startsWith(es + sep)) return null;
      const owners = partsImported(
        path
          .slice(es.length + 1)
          .split(sep)
          .join('/'),
        code,
      );
      const imports = owners.flatMap((owner) => {
        const file = parts.get(owner);
        return file ? [`import ${JSON.stringify(file)};`] : [];
      });
      if (imports.length === 0) return null;
      // At the end: the lines stay where source maps put them (imports are hoisted anyway).
      return { code: `${code}\n${imports.join('\n')}\n`, map: null };
    },
  };
}
