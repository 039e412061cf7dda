/** Actors and clocks the sources' tests share. */
import type { Actor } from '../plan/audit.js';

export const supervisor: Actor = { userId: 2, role: 'supervisor', unitIds: [] };
export const leaderOffice: Actor = { userId: 8, role: 'leader', unitIds: [] };
export const waterReporter: Actor = { userId: 5, role: 'reporter', unitIds: [11] };
export const safetyReporter: Actor = { userId: 6, role: 'reporter', unitIds: [12] };
export const parksReporter: Actor = { userId: 7, role: 'reporter', unitIds: [13] };
/** 2024-06-04 09:00 Beijing. */
export const NOW = '2024-06-04T01:00:00.000Z';
export const known = (id: number) => [11, 12, 13].includes(id);
