/**
 * The leader's cockpit and the public promise tracker (issue 19), the pure domain: baselines
 * and slippage, delivery confidence, public verdicts, the cockpit's figures and the stocktake
 * pack, follows and digests, the Atom feed, comments and their moderation, commenters' codes and
 * the wall screen's kiosk links. No I/O: the store keeps what these functions return; commands
 * call them and store the result with its audit event; routes present.
 */
export * from './promise-line.js';
export * from './confidence.js';
export * from './verdict.js';
export * from './cockpit.js';
export * from './stocktake.js';
export * from './words.js';
export * from './follow.js';
export * from './messages.js';
export * from './atom.js';
export * from './verification.js';
export * from './comments.js';
export * from './kiosk.js';
export * from './tokens.js';
export * from './public-evidence.js';
