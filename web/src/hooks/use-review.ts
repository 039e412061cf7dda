import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { reviewApi, type ItemFields } from '../api/review';
import type { ItemKind, Span } from '../api/types';
import { keys } from './use-plan-data';
import { useErrorMessage } from './use-error-message';

/** An achievement's review version (what a correction must carry), only while reviewing. */
export function useAchievementVersion(planId: number, id: number | undefined) {
  return useQuery({
    queryKey: [...keys.plan(planId), 'achievement-review', id ?? 0],
    queryFn: () => reviewApi.achievement(planId, id ?? 0),
    enabled: id !== undefined && planId > 0,
  });
}

/**
 * The review actions of one plan. Each refetches the plan's data after it succeeds; a 409
 * says someone else changed the item (with a reload), other errors read as the user's language.
 */
export function useReview(planId: number) {
  const client = useQueryClient();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const refetch = () => client.invalidateQueries({ queryKey: keys.plan(planId) });
  const onError = (error: unknown) => {
    if (isApiError(error, 'CONFLICT')) {
      void message.error({
        content: t('review.conflict'),
        onClick: () => void refetch(),
      });
      void refetch();
    } else {
      void message.error(describe(error));
    }
  };
  const done = (key: string) => async () => {
    void message.success(t(key));
    await refetch();
  };

  const correct = useMutation({
    mutationFn: (input: { kind: ItemKind; id: number; fields: ItemFields; version: number }) =>
      reviewApi.correct(planId, input.kind, input.id, input.fields, input.version),
    onSuccess: done('review.saved'),
    onError,
  });
  const add = useMutation({
    mutationFn: (input: { kind: ItemKind; fields: ItemFields; span: Span }) =>
      reviewApi.add(planId, input.kind, { ...input.fields, span: input.span }),
    onSuccess: done('review.added'),
    onError,
  });
  const remove = useMutation({
    mutationFn: (input: { kind: ItemKind; id: number }) => reviewApi.remove(planId, input.kind, input.id),
    onSuccess: done('review.deleted'),
    onError,
  });
  const split = useMutation({
    mutationFn: (input: { taskId: number; at: number; version: number }) =>
      reviewApi.split(planId, input.taskId, input.at, input.version),
    onSuccess: done('review.splitDone'),
    onError,
  });
  const merge = useMutation({
    mutationFn: (taskIds: [number, number]) => reviewApi.merge(planId, taskIds),
    onSuccess: done('review.merged'),
    onError,
  });
  return { correct, add, remove, split, merge };
}

export type ReviewActions = ReturnType<typeof useReview>;
