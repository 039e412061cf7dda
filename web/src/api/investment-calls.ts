/**
 * 项目投资月报 (issue 17) as the pages read it (src/server/routes/library-calls.ts): the calls with
 * their units' parts, a unit's sheet, its return typed in the page or uploaded as the workbook.
 */
import { api } from './endpoints';
import type {
  InvestmentCallWithUnits,
  InvestmentReturnAnswer,
  InvestmentReturnBody,
  InvestmentSheet,
} from '../../../src/contract';

export type { InvestmentCallWithUnits, InvestmentReturnBody, InvestmentSheet } from '../../../src/contract';

const sheet = (callId: number, unitId: number) => `/library/investment-calls/${callId}/units/${unitId}`;

export const investmentCallsApi = {
  list: () => api.get<{ items: InvestmentCallWithUnits[] }>('/library/investment-calls'),
  open: (body: { library: string; month: string; dueOn: string }) =>
    api.post<InvestmentCallWithUnits>('/library/investment-calls', body),
  sheet: (callId: number, unitId: number) => api.get<InvestmentSheet>(sheet(callId, unitId)),
  workbookUrl: (callId: number, unitId: number) => `${api.base}${sheet(callId, unitId)}.xlsx`,
  returnLines: (callId: number, unitId: number, body: InvestmentReturnBody) =>
    api.request<InvestmentReturnAnswer>('PUT', sheet(callId, unitId), { body }),
  upload: (callId: number, unitId: number, file: Blob, name: string) => {
    const form = new FormData();
    form.set('file', file, name);
    return api.request<InvestmentReturnAnswer>('POST', sheet(callId, unitId), { body: form });
  },
};
