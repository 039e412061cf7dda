import { List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Commitment } from '../lib/commitments';
import { formatDate, formatPromise, type Lang } from '../lib/format';
import { ToneTag, type Tone } from './tags';

export interface CommitmentListProps {
  rows: Commitment[];
  lang: Lang;
  asOf: string | null;
}

const KIND_TONE: Record<Commitment['kind'], Tone> = {
  target: 'blue',
  task: 'grey',
  project: 'orange',
  achievement: 'green',
};

/**
 * Every commitment with its source sentence, status and as-of date; one column on a phone. An
 * owner or a deadline not set yet is left out (no internal placeholder reaches the public), an
 * overdue one says so in words, and an achievement shows what the report says, not a status.
 */
export function CommitmentList({ rows, lang, asOf }: CommitmentListProps) {
  const { t } = useTranslation();
  const status = (row: Commitment) =>
    row.kind === 'task'
      ? t(`taskState.${row.status}`)
      : row.kind === 'target'
        ? t(`health.${row.status}`)
        : row.status;
  return (
    <List
      itemLayout="vertical"
      dataSource={rows}
      rowKey="key"
      pagination={{ defaultPageSize: 20, showSizeChanger: false, size: 'small', hideOnSinglePage: true }}
      renderItem={(row) => {
        const comparator = row.comparator ? t(`comparator.${row.comparator}`) : '';
        return (
          <List.Item>
            <article aria-labelledby={`c-${row.key}`}>
              <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
                <ToneTag tone={KIND_TONE[row.kind]}>{t(`kind.${row.kind}`)}</ToneTag>
                <Typography.Text strong id={`c-${row.key}`}>
                  {row.kind === 'task'
                    ? row.title.slice(0, 60) + (row.title.length > 60 ? '…' : '')
                    : row.title}
                </Typography.Text>
                {row.value !== undefined && row.unit !== undefined ? (
                  <Typography.Text>
                    {formatPromise(row.value, row.unit, row.comparator ?? '', comparator, lang)} ·{' '}
                    {row.period}
                  </Typography.Text>
                ) : null}
              </div>
              <blockquote className="lx-public-source">{row.source}</blockquote>
              <dl className="lx-public-facts">
                {row.kind !== 'achievement' && row.status ? (
                  <div>
                    <dt>{t('public.status')}</dt>
                    <dd>
                      {status(row)}
                      {row.overdue ? (
                        <>
                          {' '}
                          <ToneTag tone="red">{t('fields.overdue')}</ToneTag>
                        </>
                      ) : null}
                    </dd>
                  </div>
                ) : null}
                {row.leadUnit ? (
                  <div>
                    <dt>{t('fields.leadUnit')}</dt>
                    <dd>{row.leadUnit}</dd>
                  </div>
                ) : null}
                {row.deadline ? (
                  <div>
                    <dt>{t('fields.deadline')}</dt>
                    <dd>{formatDate(row.deadline, lang)}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>{t('common.asOf', { date: '' }).trim()}</dt>
                  <dd>{formatDate(asOf, lang)}</dd>
                </div>
              </dl>
            </article>
          </List.Item>
        );
      }}
    />
  );
}
