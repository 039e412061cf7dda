/**
 * The scope an API token needs for a route (issue 12.4), from the route's method and path: a
 * token lacking it is refused (403 naming the scope) whatever its role allows. Reads need
 * `read`; 接诉即办's writes (the API's, Open311's, enterprises' requests) `requests`; a unit's
 * own reporting `report`; every other write `manage`. Signing out and a token's own listing
 * and revoking need none (a token never mints one: routes/session.ts).
 */
import { TOKEN_SCOPES } from '../../contract/index.js';
import type { TokenScope } from '../../contract/index.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const V1 = '/api/v1';

/** Routes that any token may call. */
const NO_SCOPE = new Set([`${V1}/session`, `${V1}/me`, `${V1}/tokens`, `${V1}/tokens/:id`]);

/** A unit's own reporting: what a reporter does for its items (`METHOD path`, Fastify's form). */
export const REPORT_ROUTES: ReadonlySet<string> = new Set(
  [
    'PATCH /plans/:planId/tasks/:taskId',
    'PATCH /plans/:planId/projects/:projectId',
    'POST /plans/:planId/reports',
    'PUT /plans/:planId/reports/draft-lines',
    'POST /plans/:planId/evidence',
    'POST /plans/:planId/data-calls/:periodKey/units/:unitId',
    'POST /plans/:planId/notices/:noticeId/actions',
    'POST /plans/:planId/extensions',
    'POST /plans/:planId/tasks/:taskId/closure',
    'POST /library/projects/:id/progress',
    'POST /library/projects/:id/investments',
    'PUT /library/investment-calls/:id/units/:unitId',
    'POST /library/investment-calls/:id/units/:unitId',
    'POST /services/commitments/:id/events',
    'POST /work/instructions/:id/actions',
    'POST /work/decisions/:id/actions',
    'POST /work/proposals/:id/actions',
  ].map((route) => route.replace(' ', ` ${V1}`)),
);

const REQUESTS_PREFIXES = [`${V1}/requests`, '/open311/', `${V1}/services/requests`];

/**
 * The scope a token needs for `method` on the route `url` (Fastify's pattern, as
 * request.routeOptions.url): null when none (no route, or signing out and the token's own).
 * @example requiredScope('POST', '/api/v1/requests') // 'requests'
 */
export function requiredScope(method: string, url: string | undefined): TokenScope | null {
  if (url === undefined || NO_SCOPE.has(url)) return null;
  if (SAFE_METHODS.has(method)) return 'read';
  if (REQUESTS_PREFIXES.some((prefix) => url.startsWith(prefix))) return 'requests';
  if (REPORT_ROUTES.has(`${method} ${url}`)) return 'report';
  return 'manage';
}

/** The scopes' names as an office says them, for refusals. */
export const SCOPE_NAMES: Record<TokenScope, string> = {
  read: '查阅',
  report: '报送',
  requests: '接诉即办',
  manage: '管理',
};

/** True for a scope this version knows (a stored one from a later version is ignored). */
export function isTokenScope(scope: string): scope is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(scope);
}
