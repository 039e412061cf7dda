import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { libraryApi, type IdleKind } from '../api/library';

/** Query keys of the 项目库 and 服务包 pages. */
export const libraryKeys = {
  board: ['library', 'board'] as const,
  projects: (query: object) => ['library', 'projects', query] as const,
  idle: (kind: IdleKind, page: number) => ['library', 'idle', kind, page] as const,
  project: (id: number) => ['library', 'project', id] as const,
  map: ['library', 'map'] as const,
  matches: (planId: number) => ['library', 'matches', planId] as const,
  search: (q: string) => ['library', 'search', q] as const,
  overview: (year: number) => ['services', 'overview', year] as const,
  commitments: (year: number, packageId?: number) => ['services', 'commitments', year, packageId] as const,
  enterprise: (id: number) => ['services', 'enterprise', id] as const,
};

/** The board of plan year `year` (the server's default: the latest plan year, at its end once past). */
export function useLibraryBoard(year?: number) {
  return useQuery({
    queryKey: year === undefined ? libraryKeys.board : [...libraryKeys.board, year],
    queryFn: () => libraryApi.board(year === undefined ? {} : { year }),
    placeholderData: keepPreviousData,
  });
}

/** The library's projects with their lamps as of `date` (the tab's as-of date; undefined: today). */
export function useLibraryProjects(
  query: { library?: string; stage?: string; q?: string; page: number },
  date?: string,
) {
  const { page, ...filter } = query;
  const ask = { ...filter, limit: 50, offset: (page - 1) * 50, date };
  return useQuery({
    queryKey: libraryKeys.projects(ask),
    queryFn: () => libraryApi.projects(ask),
    placeholderData: keepPreviousData,
  });
}

/** One of the 三未 lists as of `date` (the tab's as-of date; undefined: today). */
export function useIdleList(kind: IdleKind, page: number, date?: string) {
  return useQuery({
    queryKey: [...libraryKeys.idle(kind, page), date],
    queryFn: () => libraryApi.idle(kind, { limit: 50, offset: (page - 1) * 50, date }),
    placeholderData: keepPreviousData,
  });
}

/** A project with its lamps as of `date` (the tab's as-of date; undefined: today). */
export function useLibraryProject(id: number, date?: string) {
  return useQuery({
    queryKey: [...libraryKeys.project(id), date],
    queryFn: () => libraryApi.project(id, date),
    enabled: id > 0,
  });
}

/** The year's 服务包 counted as of `date` (the tab's as-of date; undefined: today). */
export function useServiceOverview(year: number, date?: string) {
  return useQuery({
    queryKey: [...libraryKeys.overview(year), date],
    queryFn: () => libraryApi.serviceOverview(year, date),
  });
}

export function useCommitments(year: number, packageId: number | undefined) {
  return useQuery({
    queryKey: libraryKeys.commitments(year, packageId),
    queryFn: () => libraryApi.commitments({ year, packageId }),
    enabled: packageId !== undefined,
  });
}

export function useEnterprise(id: number) {
  return useQuery({
    queryKey: libraryKeys.enterprise(id),
    queryFn: () => libraryApi.enterprise(id),
    enabled: id > 0,
  });
}

export function useLibraryMap(enabled = true) {
  return useQuery({ queryKey: libraryKeys.map, queryFn: libraryApi.map, enabled });
}

/** The plan's named projects against the library, with the review. */
export function useLibraryMatches(planId: number | undefined) {
  return useQuery({
    queryKey: libraryKeys.matches(planId ?? 0),
    queryFn: () => libraryApi.matches(planId!),
    enabled: planId !== undefined,
  });
}

/** Library projects whose name holds `q` (a reviewer picking another project). */
export function useLibrarySearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: libraryKeys.search(q),
    queryFn: () => libraryApi.projects({ q: q || undefined, limit: 20, offset: 0 }),
    enabled,
    placeholderData: keepPreviousData,
  });
}
