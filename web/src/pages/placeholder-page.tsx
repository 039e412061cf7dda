import { Card, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Pages that come with the tracking issue (我的待办, 督办, 管理): named, and honest about it. */
export default function PlaceholderPage({ page }: { page: 'todo' | 'supervision' | 'admin' }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Typography.Title level={2} className="lx-page-title">
        {t(`nav.${page}`)}
      </Typography.Title>
      <Result status="info" title={t(`nav.${page}`)} subTitle={t('placeholder.text')} />
    </Card>
  );
}
