/**
 * A city and N synthetic districts below it, set up as an office would (addJurisdiction with
 * the definition its files make), for the benchmarks of issue 16.6. The city is the test
 * fixtures' city; each district is the fixtures' first district's definition (its streets,
 * units and dispatch catalogue) under a made-up name and code (合成第N区, 31xxyy), with three
 * made-up communities per street. Nothing names a place here: the places are the fixtures' files.
 */
import { spawn } from 'node:child_process';
import { addJurisdiction } from '../src/commands/jurisdictions.js';
import { readFolder } from '../src/cli/folder.js';
import { parseJurisdictionFolder } from '../src/documents/jurisdiction-folder.js';
import type { JurisdictionDefinition } from '../src/jurisdictions/types.js';
import type { Store } from '../src/store/index.js';

const FIXTURES = new URL('../test/fixtures/jurisdictions/', import.meta.url).pathname;
/** The fixtures' city (set up first: it fills in the store's jurisdiction 1). */
const CITY_FOLDER = `${FIXTURES}shanghai/`;
/** The district whose files every synthetic district copies. */
const DISTRICT_FOLDER = `${FIXTURES}shanghai-huangpu/`;

export interface District {
  id: number;
  name: string;
}

/** The i-th district's code below the city: 310101…310199, then 310201… (99 to a block). */
function districtCode(cityCode: string, i: number): string {
  const block = 1 + Math.floor(i / 99);
  const n = 1 + (i % 99);
  return `${cityCode.slice(0, 2)}${String(block).padStart(2, '0')}${String(n).padStart(2, '0')}`;
}

/** The i-th synthetic district's definition, from the fixture district's. */
export function syntheticDistrict(base: JurisdictionDefinition, cityCode: string, i: number) {
  const name = `合成第${i + 1}区`;
  return {
    ...base,
    name,
    code: districtCode(cityCode, i),
    parentCode: cityCode,
    open311: { ...base.open311, jurisdictionId: `bench-district-${i + 1}` },
    areas: base.areas.map((a) => ({
      ...a,
      communities: a.communities.length
        ? a.communities
        : [1, 2, 3].map((k) => `${a.name.replace(/(街道|镇|乡)$/, '')}第${k}社区`),
    })),
  } satisfies JurisdictionDefinition;
}

/**
 * Sets up the city and `count` districts below it (or only the districts `only` lists, by
 * index, for a database that holds one alone). Returns the city's id and the districts made.
 */
export async function setUpDistricts(
  store: Store,
  count: number,
  only?: number[],
): Promise<{ cityId: number; districts: District[] }> {
  const meta = { actor: null, at: new Date().toISOString(), reason: 'benchmark' };
  const cityDefinition = await parseJurisdictionFolder(readFolder(CITY_FOLDER));
  const city = await addJurisdiction(store, cityDefinition, meta);
  const base = await parseJurisdictionFolder(readFolder(DISTRICT_FOLDER));
  const districts: District[] = [];
  for (let i = 0; i < count; i++) {
    if (only !== undefined && !only.includes(i)) continue;
    const def = syntheticDistrict(base, cityDefinition.code, i);
    const setup = await addJurisdiction(store, def, meta);
    districts.push({ id: setup.jurisdiction.id, name: def.name });
  }
  return { cityId: city.jurisdiction.id, districts };
}

/** The districts already set up below the city (a database loaded before, measured again). */
export async function listDistricts(store: Store): Promise<{ cityId: number; districts: District[] }> {
  const all = await store.jurisdictions.list();
  const city = all.find((j) => j.parentId === null);
  if (!city) throw new Error('no city in the database');
  const districts = all
    .filter((j) => j.parentId === city.id)
    .sort((a, b) => a.id - b.id)
    .map((j) => ({ id: j.id, name: j.name }));
  return { cityId: city.id, districts };
}

/**
 * Holds the lock file LUOSHI_BENCH_LOCK names (the suite's, so no browser test runs beside a
 * measurement) while `fn` runs: taken by a `flock` child that holds it until its input closes.
 * Loading runs without it; only measuring takes it. Without the variable `fn` just runs.
 */
export async function whileLocked<T>(fn: () => Promise<T>): Promise<T> {
  const lock = process.env.LUOSHI_BENCH_LOCK;
  if (!lock) return fn();
  const child = spawn('flock', [lock, 'sh', '-c', 'echo locked; cat >/dev/null'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`flock ${lock} exited ${code}`)));
    child.stdout.once('data', () => resolve());
  });
  const started = performance.now();
  try {
    return await fn();
  } finally {
    child.stdin.end();
    console.error(`(held ${lock} for ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
}
