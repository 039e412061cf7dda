import { useMemo } from 'react';
import { Button, Col, Descriptions, Empty, Progress, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Explanation, ExplainAnswer, ItemHealth, OutlineHealth } from '../api/tracking';
import type { Health, OutlineNode } from '../api/types';
import type { UnitRow } from '../lib/health';
import { formatNumber, formatPercent, type Lang } from '../lib/format';
import { explainFormula, healthReasonText } from '../lib/health-why';
import { HealthTag } from './tags';

const HEALTHS: Health[] = ['on_track', 'at_risk', 'behind', 'done', 'not_started', 'no_data'];
const HEALTH_COLOR: Record<Health, string> = {
  on_track: '#389e0d',
  at_risk: '#d4b106',
  behind: '#cf1322',
  done: '#0958d9',
  not_started: '#8c8c8c',
  no_data: '#d9d9d9',
};

function pct(value: number | null | undefined, lang: Lang): string {
  return value === null || value === undefined ? '—' : `${formatNumber(Math.round(value * 10) / 10, lang)}%`;
}

/** The plan's progress against expected, and how many tasks and targets are in each health. */
export function PlanHealthSummary(props: {
  plan: OutlineHealth | null;
  counts: { tasks: Record<Health, number>; targets: Record<Health, number> };
  lang: Lang;
  onExplain: () => void;
  onCount: (type: 'task' | 'target', health: Health) => void;
}) {
  const { t } = useTranslation();
  const { plan, lang } = props;
  return (
    <Row gutter={[24, 16]} data-testid="plan-health">
      <Col xs={24} md={8}>
        <Button
          type="link"
          onClick={props.onExplain}
          style={{ padding: 0, height: 'auto' }}
          aria-label={t('healthView.explain')}
        >
          <Statistic title={t('healthView.plan')} value={pct(plan?.progress, lang)} />
        </Button>
        <div>
          <Typography.Text type="secondary">
            {t('healthView.expected')} {pct(plan?.expected, lang)}
          </Typography.Text>{' '}
          {plan ? <HealthTag health={plan.health} /> : null}
        </div>
        {plan?.coverage !== null && plan?.coverage !== undefined ? (
          <Typography.Text type="secondary">
            {t('healthView.coverage')} {formatPercent(plan.coverage, lang)}
          </Typography.Text>
        ) : null}
      </Col>
      {(['tasks', 'targets'] as const).map((kind) => (
        <Col xs={24} md={8} key={kind}>
          <Typography.Text strong>{t(`dashboard.${kind}`)}</Typography.Text>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }}>
            {HEALTHS.filter((h) => (props.counts[kind][h] ?? 0) > 0).map((h) => (
              <Button
                key={h}
                size="small"
                onClick={() => props.onCount(kind === 'tasks' ? 'task' : 'target', h)}
                data-testid={`count-${kind}-${h}`}
              >
                <HealthTag health={h} /> {props.counts[kind][h]}
              </Button>
            ))}
          </div>
        </Col>
      ))}
    </Row>
  );
}

/** Health of every chapter and section; a row opens its explanation. */
export function ChapterHealthTable(props: {
  nodes: OutlineNode[];
  health: Map<number, OutlineHealth>;
  lang: Lang;
  onExplain: (nodeId: number) => void;
}) {
  const { t } = useTranslation();
  const rows = useMemo(
    () =>
      [...props.nodes]
        .filter((n) => n.level <= 2)
        .sort((a, b) => a.span[0] - b.span[0])
        .map((n) => ({ node: n, health: props.health.get(n.id) })),
    [props.nodes, props.health],
  );
  return (
    <Table
      rowKey={(row) => row.node.id}
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="chapter-health"
      columns={[
        {
          title: t('fields.section'),
          key: 'title',
          render: (_, row) => (
            <span
              style={{
                paddingLeft: row.node.level === 2 ? 20 : 0,
                fontWeight: row.node.level === 1 ? 600 : 400,
              }}
            >
              {row.node.title}
            </span>
          ),
        },
        {
          title: t('fields.health'),
          key: 'health',
          render: (_, row) => (row.health ? <HealthTag health={row.health.health} /> : null),
        },
        {
          title: t('healthView.actual'),
          key: 'progress',
          render: (_, row) => (
            <Button type="link" size="small" onClick={() => props.onExplain(row.node.id)}>
              {pct(row.health?.progress, props.lang)}
            </Button>
          ),
        },
        {
          title: t('healthView.expected'),
          key: 'expected',
          render: (_, row) => pct(row.health?.expected, props.lang),
        },
      ]}
    />
  );
}

/** The items behind or at risk, each with why. */
export function LaggingList(props: {
  items: ItemHealth[];
  labelOf: (item: ItemHealth) => { text: string; href?: string };
  lang: Lang;
  /** Rows a page (10 by default). */
  pageSize?: number;
}) {
  const { t } = useTranslation();
  if (props.items.length === 0) return <Empty description={t('healthView.none')} />;
  return (
    <Table<ItemHealth>
      rowKey={(item) => `${item.type}:${item.id}`}
      size="small"
      pagination={{ pageSize: props.pageSize ?? 10, hideOnSinglePage: true, showSizeChanger: false }}
      dataSource={props.items}
      data-testid="lagging-items"
      columns={[
        {
          title: t('supervision.item'),
          key: 'item',
          render: (_, item) => {
            const label = props.labelOf(item);
            return label.href ? <Link to={label.href}>{label.text}</Link> : label.text;
          },
        },
        { title: t('fields.health'), dataIndex: 'health', render: (h: Health) => <HealthTag health={h} /> },
        {
          title: `${t('healthView.actual')} / ${t('healthView.expected')}`,
          key: 'figures',
          render: (_, item) =>
            `${item.actual === null ? '—' : formatNumber(item.actual, props.lang)} / ${
              item.expected === null ? '—' : formatNumber(item.expected, props.lang)
            }`,
        },
        {
          title: t('healthView.why'),
          key: 'why',
          render: (_, item) => healthReasonText(item, t, props.lang),
        },
      ]}
    />
  );
}

/** Units ranked by on-time reporting, then lagging items. */
export function UnitRanking(props: {
  rows: UnitRow[];
  unitName: (id: number) => string;
  lang: Lang;
  hrefOf: (unitId: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <Table<UnitRow>
      rowKey="unitId"
      size="small"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      dataSource={props.rows}
      data-testid="unit-ranking"
      columns={[
        { title: '#', key: 'rank', render: (_, __, index) => index + 1, width: 48 },
        {
          title: t('supervision.unit'),
          dataIndex: 'unitId',
          render: (id: number) => <Link to={props.hrefOf(id)}>{props.unitName(id)}</Link>,
        },
        {
          title: t('healthView.onTime'),
          key: 'rate',
          render: (_, row) =>
            row.rate === null ? (
              '—'
            ) : (
              <Progress
                percent={Math.round(row.rate * 100)}
                size="small"
                format={() => `${row.onTime}/${row.due}`}
                status={row.rate < 0.8 ? 'exception' : 'normal'}
                aria-label={`${props.unitName(row.unitId)} ${t('healthView.onTime')} ${row.onTime}/${row.due}`}
              />
            ),
        },
        { title: t('healthView.lagging'), dataIndex: 'lagging' },
        {
          title: t('healthView.unreported'),
          dataIndex: 'unreported',
          render: (count: number) =>
            count > 0 ? (
              <Typography.Text type="danger" strong>
                {count}
              </Typography.Text>
            ) : (
              count
            ),
        },
        { title: t('healthView.items'), dataIndex: 'items' },
      ]}
    />
  );
}

function ExplanationTable({
  explanation,
  lang,
  labelOf,
}: {
  explanation: Explanation;
  lang: Lang;
  labelOf: (id: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t('healthView.formula')}：</Typography.Text>
        <code>{explainFormula(explanation, t, lang, labelOf)}</code>
      </Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={explanation.children}
        columns={[
          { title: t('healthView.child'), key: 'id', render: (_, c) => c.label ?? labelOf(c.id) },
          {
            title: t('healthView.share'),
            key: 'share',
            render: (_, c) => formatPercent(c.effectiveShare, lang),
          },
          { title: t('healthView.value'), key: 'value', render: (_, c) => pct(c.value, lang) },
          { title: t('healthView.contribution'), key: 'c', render: (_, c) => pct(c.contribution, lang) },
        ]}
      />
    </>
  );
}

/** What a rolled-up figure is made of: children, shares, values, the arithmetic. */
export function ExplainView({
  answer,
  lang,
  labelOf,
}: {
  answer: ExplainAnswer;
  lang: Lang;
  labelOf: (id: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid="explain">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('healthView.asOf', { date: answer.asOf })}>
          {answer.health ? <HealthTag health={answer.health.health} /> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('healthView.actual')}>
          {pct(answer.progress.value, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('healthView.expected')}>
          {pct(answer.expected.value, lang)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('healthView.actual')}</Typography.Title>
      <ExplanationTable explanation={answer.progress} lang={lang} labelOf={labelOf} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('healthView.expected')}
      </Typography.Title>
      <ExplanationTable explanation={answer.expected} lang={lang} labelOf={labelOf} />
    </div>
  );
}

export { HEALTH_COLOR };
