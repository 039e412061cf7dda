/**
 * Jurisdictions (辖区) as data (issue 16): a government at a level with its code, areas,
 * units, catalogue and settings; the checks a definition must pass; routing a point to an
 * area; one set of units for plans and 接诉即办 matched by name, alias and rule; the tree of
 * governments. Pure: no I/O. The files an office has are read by src/documents
 * (parseJurisdictionFolder).
 */
export type * from './types.js';
export { LEVELS } from './types.js';
export * from './codes.js';
export * from './geometry.js';
export * from './units.js';
export * from './jurisdiction.js';
export * from './tree.js';
