/**
 * The jurisdiction a command acts in: named by its 行政区划代码 (`--jurisdiction 310101`), or
 * the deployment's first when not named.
 */
import { AppError } from '../errors.js';
import type { JurisdictionRecord } from '../store/jurisdictions.js';
import type { Store } from '../store/index.js';

/** NOT_FOUND (`--jurisdiction`) for a code no jurisdiction of the store has. */
export async function resolveJurisdiction(
  store: Store,
  code: string | undefined,
): Promise<JurisdictionRecord> {
  if (code === undefined) {
    const [first] = await store.jurisdictions.list();
    if (!first)
      throw new AppError('NOT_FOUND', 'no jurisdiction is set up: luoshi jurisdictions add --from DIR');
    return first;
  }
  const found = await store.jurisdictions.findByCode(code);
  if (!found) {
    throw new AppError('NOT_FOUND', `no jurisdiction with code ${code}: see luoshi jurisdictions list`, [
      { path: '--jurisdiction', message: 'unknown code' },
    ]);
  }
  return found;
}
