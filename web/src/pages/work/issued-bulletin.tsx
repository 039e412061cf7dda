import { Card, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { workApi } from '../../api/work';
import { ErrorView } from '../../components/error-view';
import { useLang } from '../../hooks/use-lang';
import { formatDateTime } from '../../lib/format';
import { BulletinPreview } from './bulletin-preview';

/**
 * One issued 通报, where the notice telling a unit of it links (`/bulletins/:id`): the bulletin as
 * issued, when, and its downloads.
 */
export function IssuedBulletinView({ id }: { id: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const issued = useQuery({ queryKey: ['bulletins', 'issued', id], queryFn: () => workApi.issuedOne(id) });
  if (issued.error) return <ErrorView error={issued.error} onRetry={() => void issued.refetch()} />;
  if (!issued.data) return null;
  const b = issued.data;
  return (
    <Card
      data-testid="issued-bulletin"
      title={`${b.number} ${b.title}${b.revision > 1 ? `（${t('work.bulletin.revision', { revision: b.revision })}）` : ''}`}
      extra={
        <Space wrap>
          <a href={workApi.fileUrl(b.id, 'docx')} download>
            {t('work.bulletin.download')} Word
          </a>
          <a href={workApi.fileUrl(b.id, 'xlsx')} download>
            {t('work.bulletin.download')} Excel
          </a>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('work.bulletin.issuedAt')}：{formatDateTime(b.issuedAt, lang)}
      </Typography.Paragraph>
      <BulletinPreview bulletin={b.bulletin} />
    </Card>
  );
}
