import { useState } from 'react';
import { Alert, Button, Card, DatePicker, InputNumber, Space, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { RankedUnit, UnitMonthScore } from '../../api/requests';

type RankingStatus = RankedUnit['status'];
import { ErrorView } from '../../components/error-view';
import { ToneTag, type Tone } from '../../components/tags';
import { beijingMonth } from '../../components/requests/month';
import { useWorkingAsOf } from '../../hooks/use-as-of';
import { useRankings, useScores } from '../../hooks/use-requests';
import { DeskFiguresTable } from '../../components/requests/desk-figures-table';
import { DistrictRankingsCard } from '../../components/requests/district-rankings-card';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useLang } from '../../hooks/use-lang';
import { formatNumber, formatPercent } from '../../lib/format';

const STATUS: Record<RankingStatus, { key: string; tone: Tone }> = {
  ranked: { key: 'requests.rankings.statusRanked', tone: 'blue' },
  below_minimum: { key: 'requests.rankings.statusBelow', tone: 'gold' },
  exempt: { key: 'requests.rankings.statusExempt', tone: 'purple' },
  no_score: { key: 'requests.rankings.statusNone', tone: 'grey' },
};

/**
 * 三率排名: each class's ranking for a month, and the rates behind every score, explained. The
 * minimum volume is the scoring scheme's in force that month; a typed one is a what-if.
 */
export default function RankingsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  useDocumentTitle(t('requests.rankings.title'));
  // The working plan's as-of month by default: this month, or a past plan's December.
  const asOf = useWorkingAsOf();
  const [picked, setMonth] = useState<string | undefined>();
  const month = picked ?? asOf?.slice(0, 7) ?? beijingMonth();
  // undefined: the minimum of the scheme in force in the month; a number: a what-if.
  const [minVolume, setMinVolume] = useState<number | undefined>(undefined);
  const rankings = useRankings(month, minVolume);
  const scores = useScores(month);
  const rate = (figure: UnitMonthScore['response']) =>
    figure.value === null
      ? '—'
      : `${formatPercent(figure.value, lang)} (${formatNumber(figure.numerator, lang)}/${figure.denominator})`;

  if (rankings.isError) return <ErrorView error={rankings.error} onRetry={() => void rankings.refetch()} />;
  const classes = (rankings.data?.rankings ?? []).filter((r) =>
    r.entries.some((e) => e.status !== 'no_score'),
  );
  const all = rankings.data?.rankings ?? [];
  const shown = classes.length ? classes : all;
  const rule = rankings.data?.rule;

  return (
    <Card>
      <Typography.Title level={2} className="lx-page-title">
        {t('requests.rankings.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('requests.rankings.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="rank-month">{t('requests.common.month')}</label>
        <DatePicker
          id="rank-month"
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        />
        <label htmlFor="rank-min">{t('requests.rankings.minVolume')}</label>
        <InputNumber
          id="rank-min"
          min={0}
          max={10000}
          precision={0}
          placeholder={rule ? String(rule.schemeMinVolume) : undefined}
          value={minVolume ?? null}
          onChange={(v) => setMinVolume(v ?? undefined)}
        />
        {minVolume !== undefined ? (
          <Button onClick={() => setMinVolume(undefined)}>{t('requests.rankings.useScheme')}</Button>
        ) : null}
      </Space>
      {rule ? (
        <Alert
          data-testid="ranking-rule"
          type={rule.overridden ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            rule.overridden
              ? t('requests.rankings.whatIf', {
                  min: rule.minVolume,
                  version: rule.schemeVersion,
                  schemeMin: rule.schemeMinVolume,
                })
              : t('requests.rankings.rule', { version: rule.schemeVersion, min: rule.minVolume })
          }
        />
      ) : null}
      <DistrictRankingsCard month={month} />
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('requests.rankings.response')} · {t('requests.rankings.resolution')} ·{' '}
        {t('requests.rankings.satisfactionRate')}
      </Typography.Title>
      <Table<UnitMonthScore & { unitName: string | null }>
        data-testid="scores-table"
        rowKey="unitId"
        size="middle"
        loading={scores.isPending}
        dataSource={scores.data ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (s) => <Typography.Paragraph>{s.explanation}</Typography.Paragraph>,
        }}
        columns={[
          {
            title: t('requests.common.unit'),
            dataIndex: 'unitName',
            render: (n: string | null, s) => n ?? `#${s.unitId}`,
          },
          { title: t('requests.rankings.volume'), dataIndex: 'volume', width: 90 },
          { title: t('requests.rankings.response'), key: 'r', render: (_: unknown, s) => rate(s.response) },
          {
            title: t('requests.rankings.resolution'),
            key: 's',
            render: (_: unknown, s) => rate(s.resolution),
          },
          {
            title: t('requests.rankings.satisfactionRate'),
            key: 'm',
            render: (_: unknown, s) => rate(s.satisfaction),
          },
          {
            title: t('requests.rankings.overall'),
            dataIndex: 'overall',
            render: (v: number | null) => (v === null ? '—' : formatNumber(v, lang)),
          },
          {
            title: t('requests.rankings.schemeColumn'),
            dataIndex: 'schemeVersion',
            width: 120,
            render: (v: number) => t('requests.rankings.scheme', { version: v }),
          },
        ]}
      />
      <DeskFiguresTable month={month} />
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 24 }}>
        {t('requests.rankings.classes')}
      </Typography.Title>
      <div data-testid="rankings">
        <Tabs
          items={shown.map((ranking) => ({
            key: ranking.className,
            label: ranking.className,
            children: (
              <Table<RankedUnit>
                rowKey="unitId"
                size="small"
                loading={rankings.isPending}
                dataSource={ranking.entries}
                pagination={{ pageSize: 30, hideOnSinglePage: true }}
                expandable={{
                  expandedRowRender: (e) => <Typography.Paragraph>{e.explanation}</Typography.Paragraph>,
                }}
                columns={[
                  {
                    title: t('requests.rankings.rank'),
                    dataIndex: 'rank',
                    width: 80,
                    render: (r: number | null) => r ?? '—',
                  },
                  { title: t('requests.common.unit'), dataIndex: 'name' },
                  {
                    title: t('requests.rankings.overall'),
                    dataIndex: 'score',
                    render: (v: number | null) => (v === null ? '—' : formatNumber(v, lang)),
                  },
                  { title: t('requests.rankings.volume'), dataIndex: 'volume', width: 100 },
                  {
                    title: t('requests.common.status'),
                    dataIndex: 'status',
                    render: (s: RankingStatus) => <ToneTag tone={STATUS[s].tone}>{t(STATUS[s].key)}</ToneTag>,
                  },
                ]}
              />
            ),
          }))}
        />
      </div>
    </Card>
  );
}
