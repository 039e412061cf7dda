/**
 * The page the server sends for an address of the web app (issue 15.4: the public page on a
 * slow phone). index.html names only what every page loads; for the public plan page
 * (`/public`, `/public/:planId`) the server adds, in the page's head, what that page will ask for
 * next, so the browser asks for it at once beside the first script instead of after it has run:
 * - the page's answers (`GET /api/v1/plans?…` and `GET /api/v1/public/plans/:id/page`, the very
 *   requests the app makes, with its credentials), as `preload`s the app's requests then take;
 * - the page's scripts and styles, from the build's `route-preloads.json` (web/route-preloads.ts).
 * On `/public` the plan shown is the first published plan of the jurisdiction a visitor without
 * an account sees (the API's own rule for the anonymous: the first jurisdiction); a signed-in
 * visitor may see another, so the plan's answer is not preloaded for one. Any other address, or
 * a build without the file, gets index.html as it is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store/types.js';
import type { JurisdictionDirectory } from './scope.js';

/** What the build writes (web/route-preloads.ts' RoutePreloads). */
interface RoutePreloads {
  pages: Record<string, { scripts: string[]; styles: string[] } | undefined>;
}

/** The first published plan a visitor without an account sees, if any. */
export type FirstPublicPlan = () => Promise<number | undefined>;

/**
 * The first published plan of the first jurisdiction, as `GET /plans?state=published` lists
 * it for the anonymous (newest year first), remembered for `ttlMs`: a plan published meanwhile
 * only makes the page preload an answer the app does not ask for (it asks for its own).
 */
export function firstPublicPlanOf(
  store: Store,
  jurisdictions: JurisdictionDirectory,
  ttlMs = 5_000,
  clock: () => number = Date.now,
): FirstPublicPlan {
  let known: { id: number | undefined; at: number } | undefined;
  return async () => {
    if (known && clock() - known.at < ttlMs) return known.id;
    const [first] = await jurisdictions.list();
    const page = await store.plans.list({
      limit: 1,
      offset: 0,
      state: 'published',
      jurisdictionIds: [first?.id ?? 1],
    });
    known = { id: page.items[0]?.id, at: clock() };
    return known.id;
  };
}

export interface WebPages {
  /** The page for `path` when it gains preloads; undefined for index.html as it is. */
  pageFor(path: string, signedIn: boolean): Promise<string | undefined>;
}

/** The app's request for the published plans (web/src/api/endpoints.ts listPlans, PAGE_SIZE 100). */
export const PUBLISHED_PLANS_URL = '/api/v1/plans?limit=100&state=published';

const PUBLIC_LIST = /^\/public\/?$/;
const PUBLIC_PLAN = /^\/public\/(\d+)\/?$/;

/** Escapes a URL path for an attribute (the build's names and digits: nothing to escape, kept safe). */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The head links for a page's answers (fetched with the app's credentials) and files. */
export function preloadLinks(answers: string[], files: { scripts: string[]; styles: string[] }): string {
  return [
    ...answers.map(
      (url) => `<link rel="preload" as="fetch" crossorigin="use-credentials" href="${attr(url)}">`,
    ),
    ...files.scripts.map((url) => `<link rel="modulepreload" crossorigin href="${attr(url)}">`),
    ...files.styles.map((url) => `<link rel="preload" as="style" crossorigin href="${attr(url)}">`),
  ].join('\n    ');
}

/**
 * Reads `webRoot`'s index.html and route-preloads.json once. The answers' links go first in the
 * head (the browser asks for them before the scripts), the page's files at its end.
 */
export function loadWebPages(webRoot: string, firstPublicPlan: FirstPublicPlan): WebPages {
  const indexFile = join(webRoot, 'index.html');
  const preloadsFile = join(webRoot, 'route-preloads.json');
  if (!existsSync(indexFile) || !existsSync(preloadsFile)) return { pageFor: async () => undefined };
  const index = readFileSync(indexFile, 'utf8');
  const preloads = JSON.parse(readFileSync(preloadsFile, 'utf8')) as RoutePreloads;
  const publicFiles = preloads.pages['public-page'];
  const headStart = index.indexOf('<script');
  const headEnd = index.indexOf('</head>');
  if (!publicFiles || headStart < 0 || headEnd < headStart) return { pageFor: async () => undefined };

  const render = (answers: string[]) => {
    const answerLinks = preloadLinks(answers, { scripts: [], styles: [] });
    const fileLinks = preloadLinks([], publicFiles);
    return (
      index.slice(0, headStart) +
      (answerLinks ? `${answerLinks}\n    ` : '') +
      index.slice(headStart, headEnd) +
      `  ${fileLinks}\n  ` +
      index.slice(headEnd)
    );
  };

  return {
    async pageFor(path, signedIn) {
      const plan = PUBLIC_PLAN.exec(path);
      if (plan) return render([PUBLISHED_PLANS_URL, `/api/v1/public/plans/${Number(plan[1])}/page`]);
      if (!PUBLIC_LIST.test(path)) return undefined;
      const first = signedIn ? undefined : await firstPublicPlan();
      return render(
        first === undefined
          ? [PUBLISHED_PLANS_URL]
          : [PUBLISHED_PLANS_URL, `/api/v1/public/plans/${first}/page`],
      );
    },
  };
}
