import { Button, Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { usePlans } from '../hooks/use-plan-data';
import { savedPlanId } from '../hooks/use-current-plan';
import { ErrorView } from '../components/error-view';
import { useSession } from '../hooks/use-session';

/**
 * `/`: a unit's reporter starts from 我的待办; everyone else opens the last plan used, else the
 * first, and is told when there is none.
 */
export default function HomePage() {
  const { t } = useTranslation();
  const plans = usePlans();
  const role = useSession().session?.user.role;
  if (role === 'reporter') return <Navigate to="/todo" replace />;
  if (plans.isPending) return <Spin />;
  if (plans.isError) return <ErrorView error={plans.error} onRetry={() => void plans.refetch()} />;
  const ids = plans.data.items.map((plan) => plan.id);
  const saved = savedPlanId();
  const id = saved !== undefined && ids.includes(saved) ? saved : ids[0];
  if (id === undefined) {
    return (
      <Empty description={t('dashboard.noPlans')}>
        <Link to="/import">
          <Button type="primary">{t('importReport.title')}</Button>
        </Link>
      </Empty>
    );
  }
  return <Navigate to={`/plans/${id}`} replace />;
}
