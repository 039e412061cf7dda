/**
 * 接诉即办 administration (issue 7): the dispatch catalogue's versions, the 三率 scoring
 * schemes, ranking exemptions and the working-day calendar, as the plan office and the hotline
 * centre manage them (src/server/routes/requests.ts and requests-admin.ts), with the server's
 * types (src/contract). Pages reach them through ../hooks/use-requests-admin.ts.
 */
import { api } from './endpoints';
import type {
  Catalogue,
  CatalogueVersion,
  CatalogueVersionBody,
  CalendarStatus,
  Exemption,
  ExemptionBody,
  ExemptionList,
  HolidayTableBody,
  LoadedHolidayTable,
  SchemeBody,
  SchemeHistory,
  ScoringScheme,
} from '../../../src/contract';

export type {
  CalendarStatus,
  CalendarYear,
  CatalogueRow,
  CatalogueVersion,
  CatalogueVersionBody,
  Exemption,
  ExemptionBody,
  ExemptionChange,
  ExemptionList,
  ExemptionRow,
  HolidayTableBody,
  LoadedHolidayTable,
  OrderSource,
  OwnerRule,
  Satisfaction,
  SchemeBody,
  ScoringScheme,
} from '../../../src/contract';

const R = '/requests';

export const requestsAdminApi = {
  catalogue: () => api.get<Catalogue>(`${R}/catalogue`),
  publishCatalogue: (draft: CatalogueVersionBody) => api.post<CatalogueVersion>(`${R}/catalogue`, draft),
  schemes: () => api.get<SchemeHistory>(`${R}/schemes`),
  createScheme: (draft: SchemeBody) => api.post<ScoringScheme>(`${R}/schemes`, draft),
  exemptions: (range: { from?: string; to?: string } = {}) =>
    api.get<ExemptionList>(`${R}/exemptions`, range),
  addExemption: (body: ExemptionBody) => api.post<Exemption>(`${R}/exemptions`, body),
  removeExemption: (unitId: number, month: string, reason?: string) =>
    api.request<Exemption>('DELETE', `${R}/exemptions/${unitId}/${month}`, {
      query: { reason: reason?.trim() || undefined },
    }),
  calendar: () => api.get<CalendarStatus>(`${R}/calendar`),
  loadCalendarYear: (year: number, table: HolidayTableBody) =>
    api.request<LoadedHolidayTable>('PUT', `${R}/calendar/${year}`, { body: table }),
  removeCalendarYear: (year: number) => api.delete<LoadedHolidayTable>(`${R}/calendar/${year}`),
};
