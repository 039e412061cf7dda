import { afterEach, describe, expect, it, vi } from 'vitest';
import { trackingApi, type ExtensionRequest, type SupervisionNotice, type UnitReport } from '../api/tracking';
import type { ActionValues } from '../components/action-dialog';
import { deriveStepCall } from './supervision-steps';

const values = (over: Partial<ActionValues> = {}): ActionValues => ({
  text: '材料不全',
  date: null,
  urgency: undefined,
  evidence: [],
  note: '',
  ...over,
});

afterEach(() => vi.restoreAllMocks());

describe('deriveStepCall', () => {
  it('returns a report with the reason and the version read', async () => {
    const review = vi.spyOn(trackingApi, 'reviewReport').mockResolvedValue({} as UnitReport);
    const report = { id: 7, version: 3 } as UnitReport;
    const { send, doneKey } = deriveStepCall(1, { kind: 'return', report }, values());
    await send();
    expect(review).toHaveBeenCalledWith(1, 7, { type: 'return', reason: '材料不全' }, 3);
    expect(doneKey).toBe('supervision.returnedDone');
  });

  it('escalates a 督办单 to the date and urgency chosen', async () => {
    const move = vi.spyOn(trackingApi, 'moveNotice').mockResolvedValue({} as SupervisionNotice);
    const notice = { id: 4, version: 2 } as SupervisionNotice;
    const chosen = values({ date: '2022-07-01', urgency: 'red' });
    await deriveStepCall(1, { kind: 'escalate', notice }, chosen).send();
    expect(move).toHaveBeenCalledWith(
      1,
      4,
      { type: 'escalate', reason: '材料不全', dueOn: '2022-07-01', urgency: 'red' },
      2,
    );
  });

  it('approves an extension with the date granted and says so', async () => {
    const decide = vi.spyOn(trackingApi, 'decideExtension').mockResolvedValue({} as ExtensionRequest);
    const extension = { id: 9, version: 1 } as ExtensionRequest;
    const step = deriveStepCall(
      1,
      { kind: 'approveExtension', extension },
      values({ date: '2022-09-30', text: '' }),
    );
    await step.send();
    expect(decide).toHaveBeenCalledWith(1, 9, { type: 'approve', deadline: '2022-09-30' }, 1);
    expect(step.doneKey).toBe('supervision.extended');
  });
});
