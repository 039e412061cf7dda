import type { WorkOrder } from './types.js';

/**
 * The work state of an order just taken in (by intake or by transfer from another
 * jurisdiction): received, with no unit, clock, reply or follow-up yet.
 */
export function freshWork() {
  return {
    status: 'received',
    leadUnitId: null,
    designated: false,
    coUnits: [],
    deadlines: null,
    catalogueVersion: null,
    rules: null,
    pauses: [],
    signedAt: null,
    contactedAt: null,
    repliedAt: null,
    closedAt: null,
    pendingExtension: null,
    pendingObjection: null,
    followUps: [],
    reopenCount: 0,
    exemption: null,
    reminders: 0,
    supervisions: 0,
    publicNote: null,
    version: 1,
  } satisfies Partial<WorkOrder>;
}
