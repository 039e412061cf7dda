import { Card, List, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Bulletin } from '../../api/work';
import { ToneTag } from '../../components/tags';
import { useLang } from '../../hooks/use-lang';
import { formatPercent } from '../../lib/format';

type Row = Bulletin['rows'][number];

/** A month's 通报 as it reads: the summary, the table per unit, 红榜 and 黑榜 with their reasons. */
export function BulletinPreview({ bulletin }: { bulletin: Bulletin }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rate = (value: number | null) => (value === null ? '—' : formatPercent(value, lang));
  const listed = (title: string, tone: 'red' | 'grey', units: Bulletin['red']) => (
    <Card size="small" title={<ToneTag tone={tone}>{title}</ToneTag>}>
      {units.length === 0 ? (
        <Typography.Text type="secondary">{t('work.bulletin.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={units}
          renderItem={(u) => (
            <List.Item>
              <Typography.Text strong>{u.unitName}</Typography.Text>：{u.reasons.join('；')}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
  return (
    <div aria-label={bulletin.title}>
      <Typography.Title level={4} style={{ textAlign: 'center', color: '#c00' }}>
        {bulletin.header}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }}>{bulletin.number}</Typography.Paragraph>
      <Typography.Title level={5} style={{ textAlign: 'center' }}>
        {bulletin.title}
      </Typography.Title>
      <Typography.Paragraph>{bulletin.addressees}：</Typography.Paragraph>
      <Typography.Paragraph>{bulletin.summary}</Typography.Paragraph>
      <Table<Row>
        rowKey="unitId"
        size="small"
        pagination={false}
        dataSource={bulletin.rows}
        // On a phone the table scrolls sideways rather than writing a unit's name a character a line.
        scroll={{ x: 720 }}
        columns={[
          { title: t('work.bulletin.unit'), dataIndex: 'unitName' },
          { title: t('work.bulletin.due'), dataIndex: 'due', align: 'right' },
          { title: t('work.bulletin.doneOnTime'), dataIndex: 'doneOnTime', align: 'right' },
          { title: t('work.bulletin.doneLate'), dataIndex: 'doneLate', align: 'right' },
          { title: t('work.bulletin.overdue'), dataIndex: 'overdue', align: 'right' },
          { title: t('work.bulletin.noticesReceived'), dataIndex: 'noticesReceived', align: 'right' },
          { title: t('work.bulletin.noticesAnswered'), dataIndex: 'noticesAnswered', align: 'right' },
          {
            title: t('work.bulletin.onTimeRate'),
            key: 'rate',
            align: 'right',
            render: (_, r) => rate(r.onTimeRate),
          },
          {
            title: t('work.bulletin.satisfaction'),
            key: 'satisfaction',
            align: 'right',
            render: (_, r) => rate(r.requests?.satisfaction ?? null),
          },
        ]}
      />
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
          gap: 16,
          marginTop: 16,
        }}
      >
        {listed(t('work.bulletin.red'), 'red', bulletin.red)}
        {listed(t('work.bulletin.black'), 'grey', bulletin.black)}
      </div>
      {bulletin.comments.length > 0 ? (
        <>
          <Typography.Title level={5}>{t('work.bulletin.comments')}</Typography.Title>
          {bulletin.comments.map((c, i) => (
            <Typography.Paragraph key={i}>
              {c.leader}：{c.text}
            </Typography.Paragraph>
          ))}
        </>
      ) : null}
      {bulletin.requirements.length > 0 ? (
        <>
          <Typography.Title level={5}>{t('work.bulletin.requirements')}</Typography.Title>
          {bulletin.requirements.map((r, i) => (
            <Typography.Paragraph key={i}>{r}</Typography.Paragraph>
          ))}
        </>
      ) : null}
    </div>
  );
}
