import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  requestsAdminApi,
  type CatalogueVersionBody,
  type HolidayTableBody,
  type ExemptionBody,
  type SchemeBody,
} from '../api/requests-admin';
import { requestKeys } from './use-requests';

/**
 * Query keys of the administration of 接诉即办. The catalogue shares its key with
 * useCatalogueRows, so a new version reaches the intake and dispatch screens; the rest sit under
 * ['requests'], so a change refreshes 三率 and rankings too.
 */
export const requestAdminKeys = {
  catalogue: requestKeys.catalogue,
  schemes: ['requests', 'schemes'] as const,
  exemptions: ['requests', 'exemptions'] as const,
  calendar: ['requests', 'calendar'] as const,
};

export function useCatalogueVersions(enabled = true) {
  return useQuery({ queryKey: requestAdminKeys.catalogue, queryFn: requestsAdminApi.catalogue, enabled });
}

export function usePublishCatalogue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: CatalogueVersionBody) => requestsAdminApi.publishCatalogue(draft),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: requestAdminKeys.catalogue });
      void client.invalidateQueries({ queryKey: requestKeys.queue });
    },
  });
}

export function useSchemes(enabled = true) {
  return useQuery({ queryKey: requestAdminKeys.schemes, queryFn: requestsAdminApi.schemes, enabled });
}

export function useCreateScheme() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: SchemeBody) => requestsAdminApi.createScheme(draft),
    onSuccess: () => void client.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

export function useExemptions(enabled = true) {
  return useQuery({
    queryKey: requestAdminKeys.exemptions,
    queryFn: () => requestsAdminApi.exemptions(),
    enabled,
  });
}

export function useAddExemption() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ExemptionBody) => requestsAdminApi.addExemption(body),
    onSuccess: () => void client.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

export function useRemoveExemption() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, month, reason }: { unitId: number; month: string; reason?: string }) =>
      requestsAdminApi.removeExemption(unitId, month, reason),
    onSuccess: () => void client.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

export function useCalendarStatus(enabled = true) {
  return useQuery({ queryKey: requestAdminKeys.calendar, queryFn: requestsAdminApi.calendar, enabled });
}

export function useLoadCalendarYear() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ year, table }: { year: number; table: HolidayTableBody }) =>
      requestsAdminApi.loadCalendarYear(year, table),
    onSuccess: () => void client.invalidateQueries({ queryKey: requestAdminKeys.calendar }),
  });
}

export function useRemoveCalendarYear() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (year: number) => requestsAdminApi.removeCalendarYear(year),
    onSuccess: () => void client.invalidateQueries({ queryKey: requestAdminKeys.calendar }),
  });
}
