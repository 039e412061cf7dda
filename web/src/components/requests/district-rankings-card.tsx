import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RankedDistrict } from '../../api/requests';
import { useDistrictRankings } from '../../hooks/use-requests';
import { useLang } from '../../hooks/use-lang';
import { useSession } from '../../hooks/use-session';
import { formatNumber, formatPercent } from '../../lib/format';

/**
 * 各区排名: the districts below the session's jurisdiction ranked by the month's 三率, all under
 * one rule. Asked only when the session sees the jurisdictions below (not a unit's account);
 * shown only when there are districts.
 */
export function DistrictRankingsCard({ month }: { month: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useSession().session?.user;
  const enabled = user !== undefined && user.seesDescendants && user.role !== 'reporter';
  const answer = useDistrictRankings(month, enabled);
  const data = answer.data;
  if (!enabled || !data || data.items.length === 0) return null;
  const pct = (v: number | null) => (v === null ? '—' : formatPercent(v, lang));
  return (
    <Card
      data-testid="district-rankings"
      size="small"
      style={{ marginBottom: 24 }}
      title={t('requests.rankings.districts')}
    >
      <Typography.Paragraph type="secondary">
        {t('requests.rankings.districtRule', {
          source: t(
            data.rule.source === 'parent'
              ? 'requests.rankings.districtRuleParent'
              : 'requests.rankings.districtRuleDefault',
          ),
          version: data.rule.schemeVersion,
          note: data.rule.note,
        })}
      </Typography.Paragraph>
      <Table<RankedDistrict>
        rowKey="jurisdictionId"
        size="small"
        dataSource={data.items}
        pagination={false}
        expandable={{
          expandedRowRender: (d) => <Typography.Paragraph>{d.explanation}</Typography.Paragraph>,
        }}
        columns={[
          {
            title: t('requests.rankings.rank'),
            dataIndex: 'rank',
            width: 80,
            render: (r: number | null) => r ?? '—',
          },
          { title: t('requests.rankings.district'), dataIndex: 'name' },
          {
            title: t('requests.rankings.districtVolume'),
            dataIndex: 'volume',
            render: (v: number) => formatNumber(v, lang),
          },
          { title: t('requests.rankings.response'), dataIndex: 'response', render: pct },
          { title: t('requests.rankings.resolution'), dataIndex: 'resolution', render: pct },
          { title: t('requests.rankings.satisfactionRate'), dataIndex: 'satisfaction', render: pct },
          {
            title: t('requests.rankings.overall'),
            dataIndex: 'overall',
            render: (v: number | null) => (v === null ? '—' : formatNumber(v, lang)),
          },
        ]}
      />
    </Card>
  );
}
