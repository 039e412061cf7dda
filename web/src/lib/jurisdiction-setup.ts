/**
 * Where a problem of a jurisdiction's setup files is, as the server names it
 * (src/server/routes/jurisdictions.ts): `单位和区域.xlsx#单位!C7` (file, sheet, column, row),
 * `区域.csv!B4` (a CSV file's cell), `边界.geojson:features.2` (a boundary), `form.code` (a field
 * of the form), or a file's bare name.
 */
export interface ProblemPlace {
  file?: string;
  sheet?: string;
  column?: string;
  row?: number;
  /** A field of the form: name, level, code, parent, units, areas, catalogue, catalogueFrom… */
  field?: string;
  /** A boundary's place among the GeoJSON features, from 1. */
  feature?: number;
}

const FILE = /\.(xlsx|csv|geojson|json)$/i;

/**
 * @example placeOf('单位和区域.xlsx#单位!C7') // { file: '单位和区域.xlsx', sheet: '单位', column: 'C', row: 7 }
 */
export function placeOf(path: string): ProblemPlace {
  if (path.startsWith('form.')) return { field: path.slice('form.'.length) };
  const cell = /^(.*)!([A-Z]+)(\d+)$/.exec(path);
  if (cell) {
    const [, label, column, row] = cell as unknown as [string, string, string, string];
    const at = { column, row: Number(row) };
    const hash = label.lastIndexOf('#');
    if (hash > 0) return { file: label.slice(0, hash), sheet: label.slice(hash + 1), ...at };
    return FILE.test(label) ? { file: label, ...at } : { sheet: label, ...at };
  }
  const feature = /^(.*):features\.(\d+)/.exec(path);
  if (feature) return { file: feature[1]!, feature: Number(feature[2]) + 1 };
  const hash = path.lastIndexOf('#');
  if (hash > 0 && FILE.test(path.slice(0, hash)))
    return { file: path.slice(0, hash), sheet: path.slice(hash + 1) };
  return FILE.test(path) ? { file: path } : { field: path };
}

/** The form's fields, in the order the page shows them (for sorting problems). */
export const SETUP_FIELDS = [
  'name',
  'level',
  'code',
  'parent',
  'units',
  'areas',
  'catalogue',
  'catalogueFrom',
  'catalogueNote',
  'boundaries',
] as const;

/** True when the page knows the field (its label is translated); else the problem shows as is. */
export function isSetupField(field: string): field is (typeof SETUP_FIELDS)[number] {
  return (SETUP_FIELDS as readonly string[]).includes(field);
}
