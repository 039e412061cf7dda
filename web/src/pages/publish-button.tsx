import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../api/types';
import { useErrorMessage } from '../hooks/use-error-message';
import { useSetPlanState } from '../hooks/use-plan-data';
import { useSession } from '../hooks/use-session';

export interface PublishButtonProps {
  plan: Pick<Plan, 'id' | 'state' | 'version'>;
  /** False shows the button for drafts only (no 撤回发布 once published). */
  withdraw?: boolean;
}

/**
 * 发布 / 撤回发布: the one publish action of the plan's pages (总览, 报告). Asks first, with the
 * same words everywhere; shown only to those who may publish (admins and the 督查室, as the
 * server's `plan:update`).
 */
export function PublishButton({ plan, withdraw = true }: PublishButtonProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorMessage = useErrorMessage();
  const role = useSession().session?.user.role;
  const setState = useSetPlanState(plan.id);
  const publishing = plan.state === 'draft';
  if ((role !== 'admin' && role !== 'supervisor') || (!publishing && !withdraw)) return null;
  const label = publishing ? t('publish.publish') : t('publish.unpublish');
  const toggle = () =>
    modal.confirm({
      title: label,
      content: publishing ? t('publish.confirmPublish') : t('publish.confirmUnpublish'),
      okText: label,
      cancelText: t('common.cancel'),
      onOk: () =>
        setState
          .mutateAsync({ state: publishing ? 'published' : 'draft', version: plan.version })
          .then(() => void message.success(publishing ? t('publish.published') : t('publish.unpublished')))
          .catch((error: unknown) => void message.error(errorMessage(error))),
    });
  return (
    <Button type={publishing ? 'primary' : 'default'} onClick={toggle} loading={setState.isPending}>
      {label}
    </Button>
  );
}
