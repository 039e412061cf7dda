import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { StarFilled, StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { followsApi } from '../api/comments';
import { useErrorMessage } from '../hooks/use-error-message';

/** 关注 / 取消关注 for a task or target, for the signed-in user. */
export function FollowButton({ planId, type, id }: { planId: number; type: 'task' | 'target'; id: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const key = ['follow-status', planId, type, id];
  const status = useQuery({ queryKey: key, queryFn: () => followsApi.status(planId, type, id) });
  const toggle = useMutation({
    mutationFn: () =>
      status.data?.following && status.data.followId !== null
        ? followsApi.unfollow(planId, status.data.followId)
        : followsApi.follow(planId, type, id),
    onSuccess: (next) => {
      queryClient.setQueryData(key, next);
      void queryClient.invalidateQueries({ queryKey: ['follows'] });
      void message.success(next.following ? t('follows.following') : t('follows.unfollow'));
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  if (!status.data) return null;
  const following = status.data.following;
  return (
    <Button
      size="small"
      data-testid="follow-button"
      icon={following ? <StarFilled /> : <StarOutlined />}
      onClick={() => toggle.mutate()}
      loading={toggle.isPending}
      aria-pressed={following}
    >
      {following ? t('follows.following') : t('follows.follow')}
    </Button>
  );
}
