/**
 * The audit trail's jurisdiction (issue 16): an event that names no plan belongs to the
 * jurisdiction of its entity's own row, the command that writes it unaware of jurisdictions.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_JURISDICTION, DIALECTS, createTestStore, seedExamplePlan } from '../../test/factories.js';
import { createAuditEvent } from '../plan/audit.js';

const AT = '2026-03-02T09:00:00.000Z';

describe.each(DIALECTS)('the audit trail on %s', (dialect) => {
  it('files an event about a meeting under the meeting’s jurisdiction, not its actor’s', async () => {
    const store = await createTestStore(dialect);
    try {
      const other = await store.jurisdictions.insert({
        code: '310106',
        name: '上海市静安区',
        level: '区县',
        parentId: null,
        open311Id: '310106',
        settings: {},
      });
      const { plan } = await seedExamplePlan(store, { jurisdictionId: other.id });
      const meeting = await store.work.insertMeeting(
        plan.id,
        { name: '区政府第35次常务会议', kind: 'executive', heldOn: '2026-03-01', minutesNumber: null },
        AT,
      );
      // The actor names no user of the store: the meeting's own row decides.
      await store.audit.append(
        createAuditEvent({
          at: AT,
          actor: { userId: 999, role: 'supervisor', unitIds: [] },
          entity: { type: 'meeting', id: meeting.id },
          action: 'register',
          before: null,
          after: { name: meeting.name },
        }),
      );
      expect((await store.audit.listUnplanned('meeting', other.id)).map((e) => e.entityId)).toEqual([
        String(meeting.id),
      ]);
      expect(await store.audit.listUnplanned('meeting', DEFAULT_JURISDICTION)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
