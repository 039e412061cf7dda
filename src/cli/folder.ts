/**
 * The files of a folder as bytes, for commands that read a set of office files at once
 * (`luoshi jurisdictions add --from DIR`, the demo's example jurisdiction). Files only, not
 * sub-folders; a folder of more than MAX_FILES files or a file over MAX_FILE_BYTES is refused
 * rather than read, so a wrong --from cannot fill the memory.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';

export const MAX_FILES = 100;
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Every file of `dir` by name. NOT_FOUND when the folder does not exist; BAD_INPUT naming the
 * folder or file when it holds too many files or too big a one.
 * @example readFolder('examples/jurisdictions/changping')['jurisdiction.json'] // the manifest's bytes
 */
export function readFolder(dir: string): Record<string, Uint8Array> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile());
  } catch {
    throw new AppError('NOT_FOUND', `no folder ${dir}`, [{ path: dir, message: 'not found' }]);
  }
  if (names.length > MAX_FILES) {
    throw new AppError(
      'BAD_INPUT',
      `${dir} holds ${names.length} files; a jurisdiction's folder holds a few`,
      [{ path: dir, message: `more than ${MAX_FILES} files` }],
    );
  }
  const files: Record<string, Uint8Array> = {};
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).size > MAX_FILE_BYTES) {
      throw new AppError('BAD_INPUT', `${path} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, [
        { path, message: 'too large' },
      ]);
    }
    files[name] = new Uint8Array(readFileSync(path));
  }
  return files;
}
