/**
 * Vitest global setup: compiles src/ into dist/ once before the tests when it is missing or
 * older than the sources (scripts/build.mjs), so the tests that run `./bin/luoshi` or
 * `npm start` in a child process do not each stop to build it.
 */
import { ensureBuilt } from '../scripts/build.mjs';

export default function setup(): void {
  if (!ensureBuilt()) throw new Error('the TypeScript build failed (npm run build shows why)');
}
