/**
 * Open311 GeoReport v2 answers as XML or JSON (the format a client asks for by extension).
 */
// XML 1.0 allows tab, LF, CR and U+0020 and above (less lone surrogate halves and U+FFFE/FFFF).
const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text escaped for XML content or attributes; characters XML cannot carry are dropped.
 * @example
 * escapeXml('<a & "b">') // '&lt;a &amp; &quot;b&quot;&gt;'
 */
export function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Child element names for arrays, as the spec's XML examples name them. */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  endpoints: 'endpoint',
  formats: 'format',
  values: 'value',
};

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value as string | number | boolean))}</${name}>`;
}

/** The root element of each GeoReport v2 document. */
export type Open311Root = 'services' | 'service_requests' | 'errors' | 'service_definition' | 'discovery';

/**
 * A GeoReport v2 XML document: `root` is 'services', 'service_requests', 'errors' (lists),
 * 'service_definition' or 'discovery' (one object).
 * @example
 * toOpen311Xml('errors', [{ code: 404, description: 'not found' }])
 * // '<?xml version="1.0" encoding="utf-8"?><errors><error><code>404</code><description>not found</description></error></errors>'
 */
export function toOpen311Xml(root: Open311Root, body: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, body)}`;
}

/**
 * The JSON body, as the spec shapes it (lists as arrays, a definition as an object).
 * @example
 * toOpen311Json([{ code: 400, description: 'x' }]) // '[{"code":400,"description":"x"}]'
 */
export function toOpen311Json(body: unknown): string {
  return JSON.stringify(body);
}
