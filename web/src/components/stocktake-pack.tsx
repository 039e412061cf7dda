/**
 * 盘点材料 (issue 19.3): a leader's stocktake pack, one page per commitment of their portfolio,
 * as Word or as PDF to print. The leaders are those named on the plan's items (责任领导).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { promisesApi } from '../api/promises';
import { PdfDownload } from './pdf-download';

export function StocktakePack({ planId }: { planId: number }) {
  const { t } = useTranslation();
  const leaders = useQuery({
    queryKey: ['leaders', planId],
    queryFn: () => promisesApi.leaders(planId),
    enabled: planId > 0,
  });
  const [chosen, setChosen] = useState<string>();
  const items = leaders.data?.items ?? [];
  if (leaders.isSuccess && items.length === 0) return null;
  const leader = chosen ?? items[0]?.name;
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={2} className="lx-cockpit-heading">
          {t('cockpit.stocktake.title')}
        </Typography.Title>
      }
      data-testid="stocktake-pack"
    >
      <Space wrap>
        <Select
          style={{ minWidth: 200 }}
          loading={leaders.isPending}
          value={leader}
          onChange={setChosen}
          aria-label={t('cockpit.stocktake.leader')}
          options={items.map((l) => ({
            value: l.name,
            label: t('cockpit.stocktake.option', { name: l.name, count: l.items }),
          }))}
        />
        {leader ? (
          <>
            <Button icon={<DownloadOutlined />} href={promisesApi.stocktakeDocxUrl(planId, leader)} download>
              {t('cockpit.stocktake.docx')}
            </Button>
            <PdfDownload
              type="primary"
              load={() => promisesApi.stocktakePdf(planId, leader)}
              fileName={t('cockpit.stocktake.file', { name: leader })}
              label={t('cockpit.stocktake.pdf')}
            />
          </>
        ) : null}
      </Space>
    </Card>
  );
}
