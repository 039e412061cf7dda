/**
 * The API contract: the zod schemas of what the server answers and accepts, each with its
 * inferred type under the same name (STYLE.md). The server validates and presents with these
 * schemas; the web app imports their types (and the constants of constants.ts), nothing else
 * of src/. Answers export `z.infer` (what arrives), bodies `z.input` (what a client sends),
 * queries every field optional.
 */
export * from './constants.js';
export * from './common.js';
export * from './plans.js';
export * from './review.js';
export * from './users.js';
export * from './health.js';
export * from './tracking.js';
export * from './supervision.js';
export * from './documents.js';
export * from './requests.js';
export * from './requests-queues.js';
export * from './requests-transfer.js';
export * from './requests-repeats.js';
export * from './requests-insights.js';
export * from './requests-admin.js';
export * from './work.js';
export * from './promises.js';
export * from './comments.js';
export * from './cockpit.js';
export * from './public-page.js';
export * from './desk.js';
export * from './library.js';
export * from './library-calls.js';
export * from './services.js';
export * from './cascade.js';
export * from './jurisdictions.js';
