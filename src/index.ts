/** Luoshi's public library entry. */
export { extractReport } from './report/index.js';
export type * from './report/types.js';
