/**
 * 接诉即办 administration (issue 7): the dispatch catalogue's versions, the 三率 scoring
 * schemes, ranking exemptions and the working-day calendar, as the plan office and the hotline
 * centre manage them (src/server/routes/requests.ts and requests-admin.ts). Pages reach them
 * through ../hooks/use-requests-admin.ts.
 */
import { api } from './endpoints';
import type { OrderSource, Satisfaction } from './requests';
import type {
  CatalogueRow as DomainCatalogueRow,
  CatalogueVersion as DomainCatalogueVersion,
  OwnerRule,
} from '../../../src/requests/catalogue';
import type { ScoringScheme } from '../../../src/requests/scoring';

export type { OwnerRule, ScoringScheme };

/** A catalogue row with everything the server keeps: owner rule and co-units' deadline too. */
export type FullCatalogueRow = DomainCatalogueRow;
export type FullCatalogueVersion = DomainCatalogueVersion;
/** What publishing a new version sends: the server numbers it. */
export type CatalogueDraft = Omit<FullCatalogueVersion, 'version'>;
export type SchemeDraft = Omit<ScoringScheme, 'version'>;

/** A unit left out of a month's ranking, with who recorded it. */
export interface ExemptionRow {
  unitId: number;
  unitName: string | null;
  month: string;
  reason: string;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
}

/** An exemption someone added or removed (from the audit trail). */
export interface ExemptionChange {
  at: string;
  action: 'add' | 'remove';
  by: number | null;
  byName: string | null;
  unitId: number | null;
  unitName: string | null;
  month: string | null;
  /** The exemption's own reason. */
  exemptionReason: string | null;
  /** Why it was removed, when given; null for an addition. */
  note: string | null;
}

export interface ExemptionList {
  items: ExemptionRow[];
  total: number;
  /** Additions and removals, newest first (the last 100). */
  history: ExemptionChange[];
}

export interface NewExemption {
  unitId: number;
  month: string;
  reason: string;
}

/** A year's official arrangement in chinese-days' shape: date → name of the festival. */
export interface HolidayTableInput {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  /** Where the dates come from (the notice's number, the file). */
  source: string;
}

export interface LoadedHolidayTable extends HolidayTableInput {
  year: number;
  loadedBy: number | null;
  loadedByName?: string | null;
  loadedAt: string;
}

export interface CalendarYear {
  year: number;
  source: 'loaded' | 'package' | 'weekends';
  holidays: number | null;
  workdays: number | null;
}

export interface CalendarStatus {
  asOf: string;
  currentYear: number;
  /** The years chinese-days itself knows. */
  packageYears: { first: number; last: number } | null;
  /** Last year, this year and next year, with where their days come from. */
  years: CalendarYear[];
  loaded: LoadedHolidayTable[];
  history: {
    at: string;
    action: 'load' | 'delete';
    year: number;
    by: number | null;
    byName: string | null;
    source: string;
  }[];
  /** False while the server stores loaded years but still computes deadlines on the package's data. */
}

export type { OrderSource, Satisfaction };

const R = '/requests';

export const requestsAdminApi = {
  catalogue: () => api.get<{ versions: FullCatalogueVersion[] }>(`${R}/catalogue`),
  publishCatalogue: (draft: CatalogueDraft) => api.post<FullCatalogueVersion>(`${R}/catalogue`, draft),
  schemes: () => api.get<{ schemes: ScoringScheme[] }>(`${R}/schemes`),
  createScheme: (draft: SchemeDraft) => api.post<ScoringScheme>(`${R}/schemes`, draft),
  exemptions: (range: { from?: string; to?: string } = {}) =>
    api.get<ExemptionList>(`${R}/exemptions`, range),
  addExemption: (body: NewExemption) => api.post<ExemptionRow>(`${R}/exemptions`, body),
  removeExemption: (unitId: number, month: string, reason?: string) =>
    api.request<ExemptionRow>('DELETE', `${R}/exemptions/${unitId}/${month}`, {
      query: { reason: reason?.trim() || undefined },
    }),
  calendar: () => api.get<CalendarStatus>(`${R}/calendar`),
  loadCalendarYear: (year: number, table: HolidayTableInput) =>
    api.request<LoadedHolidayTable>('PUT', `${R}/calendar/${year}`, { body: table }),
  removeCalendarYear: (year: number) => api.delete<LoadedHolidayTable>(`${R}/calendar/${year}`),
};
