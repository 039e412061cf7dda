/**
 * The probe's reading of the API (issue 12): every operation the OpenAPI document at
 * /api/docs/json lists, with its path parameters filled from ids a caller knows, so a test or
 * `npm run probe` can send every request as every role without a hand-kept list of routes.
 * Test and script code only (testing folders are not built).
 */

export interface ProbeOperation {
  method: string;
  /** The path as the document writes it: /api/v1/plans/{planId}/exports/{list}.{format}. */
  path: string;
  /** Path parameters, with the values an enum allows when the schema names them. */
  params: { name: string; values?: string[] }[];
  /** True when the operation takes a body (POST, PUT, PATCH with a requestBody). */
  hasBody: boolean;
  summary: string;
}

interface OpenApiParameter {
  in?: string;
  name?: string;
  schema?: { enum?: unknown[] };
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: unknown;
  summary?: string;
}

/**
 * Every operation of an OpenAPI 3 document, in the document's order.
 * @example listOperations(json).filter((o) => o.method === 'GET')
 */
export function listOperations(document: unknown): ProbeOperation[] {
  const paths = (document as { paths?: Record<string, Record<string, OpenApiOperation>> }).paths ?? {};
  const out: ProbeOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = (operation.parameters ?? [])
        .filter((p) => p.in === 'path' && typeof p.name === 'string')
        .map((p) => ({
          name: p.name as string,
          ...(Array.isArray(p.schema?.enum) ? { values: p.schema.enum.map(String) } : {}),
        }));
      out.push({
        method: method.toUpperCase(),
        path,
        params,
        hasBody: operation.requestBody !== undefined,
        summary: operation.summary ?? '',
      });
    }
  }
  return out;
}

/**
 * Ids to put into paths: `byName` for a parameter's own name (planId, taskId, ref), `bySegment`
 * for a bare `{id}` by the word before it (/requests/{id} → order ids). A parameter with
 * neither gets `fallback`.
 */
export interface ProbeIds {
  byName: Record<string, readonly (string | number)[]>;
  bySegment: Record<string, readonly (string | number)[]>;
  fallback: readonly (string | number)[];
}

/**
 * The concrete URLs of an operation: one per combination of parameter values (an enum's values,
 * else the ids given), at most `limit` of them.
 * @example expandOperation({ method: 'GET', path: '/api/v1/requests/{id}', params: [{ name: 'id' }], … }, ids)
 * // ['/api/v1/requests/1', '/api/v1/requests/2']
 */
export function expandOperation(operation: ProbeOperation, ids: ProbeIds, limit = 50): string[] {
  let urls = [operation.path];
  for (const param of operation.params) {
    const before =
      operation.path
        .slice(0, operation.path.indexOf(`{${param.name}}`))
        .split('/')
        .at(-2) ?? '';
    const values =
      param.values ??
      ids.byName[param.name] ??
      (param.name === 'id' ? ids.bySegment[before] : undefined) ??
      ids.fallback;
    urls = urls.flatMap((url) =>
      values.map((value) => url.replace(`{${param.name}}`, encodeURIComponent(String(value)))),
    );
  }
  return urls.slice(0, limit);
}
