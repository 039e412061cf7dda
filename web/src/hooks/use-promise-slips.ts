import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { promisesApi, type PromiseSlipView } from '../api/promises';
import { trackingKeys } from './use-tracking';

/** Every item's slip by `type:id`, refreshed with the rest of the plan's tracking (an approved 延期). */
export type PromiseSlips = Map<string, PromiseSlipView>;

export const slipKey = (type: 'task' | 'target', id: number) => `${type}:${id}`;

/** Original vs current promise of every item of the plan, as of `date` (default today). */
export function usePromiseSlips(planId: number, date?: string): PromiseSlips | undefined {
  const list = useQuery({
    queryKey: [...trackingKeys.all(planId), 'promise-list', date ?? 'today'],
    queryFn: () => promisesApi.promiseList(planId, date),
    enabled: planId > 0,
  });
  return useMemo(
    () =>
      list.data
        ? new Map(list.data.items.map((item) => [slipKey(item.type, item.id), item.view]))
        : undefined,
    [list.data],
  );
}
