/**
 * Citizens' requests (接诉即办, issue 7): the pure domain — work orders and their events,
 * deadlines on the official calendar, the versioned dispatch catalogue, dispatch suggestions,
 * 三率 and rankings, hotspots and 每月一题, a synthetic generator and the Open311 mapping.
 * No I/O: the store keeps what these functions return; transports call them.
 */
export type * from './types.js';
export { ORDER_SOURCES, ORDER_STATUSES, SATISFACTION_LEVELS, OBJECTION_REASONS } from './types.js';
export * from './calendar.js';
export * from './catalogue.js';
export * from './places.js';
export * from './order.js';
export * from './repeat-calls.js';
export * from './overdue.js';
export * from './dispatch.js';
export * from './scoring.js';
export * from './ranking.js';
export * from './district-ranking.js';
export * from './hotspots.js';
export * from './generator.js';
export * from './open311.js';
export * from './redact.js';
export * from './privacy.js';
export * from './strip-metadata.js';
export * from './intake-limits.js';
export * from './media.js';
export * from './actors.js';
export * from './holiday-tables.js';
export * from './knowledge.js';
export * from './knowledge-search.js';
export * from './knowledge-generator.js';
export * from './answer-rules.js';
export * from './answer-review.js';
export * from './handlers.js';
export * from './desk-scores.js';
export * from './as-of.js';
export * from './order-notices.js';
export * from './jurisdiction-transfer.js';
