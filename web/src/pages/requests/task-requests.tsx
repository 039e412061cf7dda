import { Card, List, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OrderStatusTag } from '../../components/requests/order-bits';
import { useTaskRequests } from '../../hooks/use-requests';
import { useLang } from '../../hooks/use-lang';
import { formatDate } from '../../lib/format';

/**
 * 群众诉求 on a task's page: the request categories and monthly themes a person linked to the
 * task, and recent orders on them (anonymised). The task page includes it with one line.
 */
export function TaskRequests({ taskId }: { taskId: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const data = useTaskRequests(taskId);
  if (data.isError) return null;
  return (
    <Card title={t('requests.taskPanel.title')} data-testid="task-requests">
      {data.isPending ? (
        <Spin />
      ) : data.data.links.length === 0 ? (
        <Typography.Text type="secondary">{t('requests.taskPanel.none')}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('requests.taskPanel.intro')}</Typography.Paragraph>
          <Typography.Paragraph>
            {t('requests.taskPanel.source')}:{' '}
            {[
              ...data.data.themes.map((theme) => `${t('requests.hotspots.themes')}「${theme.title}」`),
              ...data.data.categories,
            ].join('、')}
          </Typography.Paragraph>
          <Typography.Text strong>
            {t('requests.taskPanel.orders')} ({data.data.orders.total})
          </Typography.Text>
          <List
            size="small"
            dataSource={data.data.orders.recent}
            renderItem={(o) => (
              <List.Item>
                <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                  <Space wrap>
                    <Link to={`/requests/orders/${o.id}`}>#{o.id}</Link>
                    <OrderStatusTag status={o.status} />
                    <span>{o.category}</span>
                    <Typography.Text type="secondary">
                      {o.area} · {formatDate(o.receivedAt, lang)}
                    </Typography.Text>
                  </Space>
                  <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
                    {o.text}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
