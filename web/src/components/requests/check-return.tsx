import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkOrder } from '../../api/requests';

/** The checker's note on an order returned to its unit (答复质检, issue 20); nothing otherwise. */
export function CheckReturnNote({ order }: { order: Pick<WorkOrder, 'checkReturn'> }) {
  const { t } = useTranslation();
  if (!order.checkReturn) return null;
  return (
    <Alert type="warning" showIcon title={t('requests.desk.checkReturn', { note: order.checkReturn.note })} />
  );
}
