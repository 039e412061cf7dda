/**
 * A test file's relative-import closure, read from the source text, and the files in it that can
 * reach anything but their own code (test/clone.test.ts decides from this which unit-tier files
 * must run in the fresh clone). Conservative on purpose: a marker in a comment counts too, and a
 * relative import that does not resolve to a file is an error, never skipped.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Relative module specifiers: `from './x.js'`, `import './x.js'`, `import('./x.js')`, `export … from`. */
const RELATIVE_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/**
 * What lets a module read files, the working folder or other programs: the file system, a
 * CommonJS require (it resolves paths at run time), a path from the module's own place, the
 * working folder, child processes and workers, and an import whose specifier is not a literal.
 */
const REACHES_OUT =
  /\bnode:fs\b|['"]fs(?:\/promises)?['"]|\bnode:module\b|\bnode:child_process\b|['"]child_process['"]|\bnode:worker_threads\b|\brequire\s*\(|\bimport\.meta\b|\bprocess\.cwd\b|\bprocess\.chdir\b|\bimport\s*\(\s*[^'"\s)]/;

const CODE = /\.(?:ts|tsx|mts|js|mjs)$/;

/** The file a relative specifier names, as TypeScript resolves `.js` to its `.ts` source. */
function resolveSpecifier(from: string, specifier: string): string {
  const base = join(dirname(from), specifier.replace(/\?.*$/, ''));
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.js$/, '.tsx'),
    base.replace(/\.mjs$/, '.mts'),
    `${base}.ts`,
    join(base, 'index.ts'),
  ];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  if (!found) throw new Error(`${from} imports ${specifier}, which is not a file`);
  return found;
}

/** Every file `file` reaches through relative imports (itself included), repository-relative. */
export function importClosure(root: string, file: string): string[] {
  const seen = new Set<string>();
  const visit = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    if (!CODE.test(path)) return; // a data file (JSON, text) imported as a module
    for (const m of readFileSync(path, 'utf8').matchAll(RELATIVE_IMPORT))
      visit(resolveSpecifier(path, m[1]!));
  };
  visit(join(root, file));
  return [...seen].map((p) => relative(root, p)).sort();
}

/**
 * The files of `file`'s closure through which it can read outside its own code: modules with a
 * marker of REACHES_OUT, and data files imported as modules (read from the tree). Empty: the
 * test's outcome depends only on the bytes of its closure and the installed packages.
 */
export function reachesOut(root: string, file: string): string[] {
  return importClosure(root, file).filter(
    (p) => !CODE.test(p) || REACHES_OUT.test(readFileSync(join(root, p), 'utf8')),
  );
}
