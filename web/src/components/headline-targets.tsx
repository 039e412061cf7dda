import { Card, Col, Collapse, Progress, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Health, Target } from '../api/types';
import { formatNumber, formatPromise, formatQuantity, type Lang } from '../lib/format';
import type { TargetGroup } from '../lib/headline';
import { HealthTag } from './tags';

/** A headline target, with health figures once tracking (issue 4) supplies them. */
export interface HeadlineTarget {
  target: Target;
  health?: Health;
  /** The latest approved value, in the target's unit. */
  actual?: number;
  /** What the value should be by now (序时进度), in the target's unit. */
  expected?: number;
}

export interface HeadlineTargetsProps {
  items: HeadlineTarget[];
  lang: Lang;
  /** Where a target's card links to. */
  hrefOf: (target: Target) => string;
}

/** The year's headline targets as cards: metric, promise, and actual against expected when known. */
export function HeadlineTargets({ items, lang, hrefOf }: HeadlineTargetsProps) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]} data-testid="headline-targets">
      {items.map(({ target, health, actual, expected }) => {
        const comparator = t(`comparator.${target.comparator}`);
        const promise = formatPromise(target.value, target.unit, target.comparator, comparator, lang);
        return (
          <Col key={target.id} xs={24} sm={12} lg={8} xl={6}>
            <Link to={hrefOf(target)} aria-label={`${target.metric} ${promise}`}>
              <Card hoverable size="small" style={{ height: '100%' }}>
                <Statistic
                  title={
                    <Typography.Text ellipsis={{ tooltip: target.metric }} style={{ maxWidth: '100%' }}>
                      {target.metric}
                    </Typography.Text>
                  }
                  value={promise}
                />
                <div
                  style={{ marginTop: 8, display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}
                >
                  {health ? <HealthTag health={health} /> : null}
                  <Typography.Text type="secondary">{target.period}</Typography.Text>
                  {target.baseline ? (
                    <Typography.Text type="secondary">
                      {t('fields.baseline')}{' '}
                      {formatQuantity(target.baseline.value, target.baseline.unit, lang)}
                    </Typography.Text>
                  ) : null}
                </div>
                {actual !== undefined && expected !== undefined && expected !== 0 ? (
                  <Progress
                    percent={Math.round((actual / expected) * 100)}
                    size="small"
                    status={health === 'behind' ? 'exception' : undefined}
                    format={() => `${formatNumber(actual, lang)} / ${formatNumber(expected, lang)}`}
                    aria-label={`${target.metric}：${formatNumber(actual, lang)} / ${formatNumber(expected, lang)}`}
                  />
                ) : null}
              </Card>
            </Link>
          </Col>
        );
      })}
    </Row>
  );
}

export interface HeadlineTargetGroupsProps {
  /** The plan's year: its own targets lead. */
  year: number;
  /** The plan year's targets. */
  own: HeadlineTarget[];
  /** Targets of other periods (five-year spans first), one group each. */
  others: TargetGroup<HeadlineTarget>[];
  lang: Lang;
  hrefOf: (target: Target) => string;
}

/**
 * 主要预期目标 grouped by period: the plan year's own targets open, then each other period
 * (a five-year span such as 2022-2026) in a collapsed group labelled as such.
 */
export function HeadlineTargetGroups({ year, own, others, lang, hrefOf }: HeadlineTargetGroupsProps) {
  const { t } = useTranslation();
  return (
    <div data-testid="headline-groups">
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 0 }}>
        {t('planHealth.headline.year', { year })}
      </Typography.Title>
      {own.length > 0 ? (
        <HeadlineTargets items={own} lang={lang} hrefOf={hrefOf} />
      ) : (
        <Typography.Text type="secondary">{t('planHealth.headline.none')}</Typography.Text>
      )}
      {others.length > 0 ? (
        <Collapse
          ghost
          size="small"
          style={{ marginTop: 16 }}
          data-testid="headline-other-periods"
          items={others.map((group) => ({
            key: group.period,
            label: (
              <Typography.Text type="secondary">
                {t(`planHealth.headline.${group.kind === 'multiYear' ? 'multiYear' : 'otherPeriod'}`, {
                  period: group.period,
                  count: group.items.length,
                })}
              </Typography.Text>
            ),
            children: <HeadlineTargets items={group.items} lang={lang} hrefOf={hrefOf} />,
          }))}
        />
      ) : null}
    </div>
  );
}
