/**
 * The read-only views of 派单目录 versions: a version's rows as a table (type, owner, the three
 * deadlines with their calendars) and what changed from one version to the next. Fetch nothing.
 */
import { useMemo, type ReactNode } from 'react';
import { Descriptions, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CatalogueRow } from '../../api/requests-admin';
import type { Unit } from '../../api/types';
import { ToneTag } from '../../components/tags';
import { ownerText, ruleText } from './admin-bits';
import { isEmptyDiff, type CatalogueDiff, type RowField } from './admin-rules';

const A = 'requests.admin.catalogue';

/** A unit's name by id, `#id` for one not (or no longer) known. */
export function useUnitName(units: Unit[]) {
  return useMemo(() => {
    const names = new Map(units.map((u) => [u.id, u.name]));
    return (id: number) => names.get(id) ?? `#${id}`;
  }, [units]);
}

/** The rows of a version as a table: type, owner, the three deadlines with their calendars. */
export function CatalogueRowsTable({
  rows,
  units,
  problems,
  actions,
}: {
  rows: CatalogueRow[];
  units: Unit[];
  problems?: (index: number) => number;
  actions?: (row: CatalogueRow, index: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const unitName = useUnitName(units);
  return (
    <Table<CatalogueRow & { index: number }>
      rowKey="index"
      size="small"
      pagination={false}
      scroll={{ x: 900 }}
      dataSource={rows.map((row, index) => ({ ...row, index }))}
      expandable={{
        expandedRowRender: (row) => (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t(`requests.admin.row.description`)}>
              {row.description || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t(`requests.admin.row.keywords`)}>
              {row.keywords.join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t(`requests.admin.row.coFinish`)}>
              {ruleText(t, row.coFinish ?? row.finish)}
            </Descriptions.Item>
          </Descriptions>
        ),
      }}
      columns={[
        {
          title: t('requests.admin.row.category'),
          key: 'category',
          render: (_, row) => (
            <Space size={4} wrap>
              <strong>{row.category || '—'}</strong>
              {row.code ? <Typography.Text type="secondary">{row.code}</Typography.Text> : null}
              {problems && problems(row.index) > 0 ? (
                <ToneTag tone="red">{t(`${A}.rowProblems`, { count: problems(row.index) })}</ToneTag>
              ) : null}
            </Space>
          ),
        },
        { title: t('requests.admin.row.group'), dataIndex: 'group', width: 100 },
        {
          title: t('requests.admin.row.owner'),
          key: 'owner',
          render: (_, row) => (
            <Space size={4} wrap>
              <span>
                <ToneTag tone="grey">{t(`requests.admin.owner.${row.owner.by}`)}</ToneTag>
                {ownerText(t, row.owner, unitName)}
              </span>
              {row.designated ? <ToneTag tone="purple">{t('requests.admin.row.designated')}</ToneTag> : null}
            </Space>
          ),
        },
        {
          title: t('requests.admin.row.sign'),
          key: 'sign',
          width: 120,
          render: (_, row) => ruleText(t, row.sign),
        },
        {
          title: t('requests.admin.row.contact'),
          key: 'contact',
          width: 120,
          render: (_, row) => ruleText(t, row.contact),
        },
        {
          title: t('requests.admin.row.finish'),
          key: 'finish',
          width: 120,
          render: (_, row) => ruleText(t, row.finish),
        },
        ...(actions
          ? [
              {
                title: t('requests.common.actions'),
                key: 'actions',
                width: 150,
                render: (_: unknown, row: CatalogueRow & { index: number }) => actions(row, row.index),
              },
            ]
          : []),
      ]}
    />
  );
}

/** What changed from one version to the next, field by field. */
export function CatalogueDiffView({ diff, units }: { diff: CatalogueDiff; units: Unit[] }) {
  const { t } = useTranslation();
  const unitName = useUnitName(units);
  if (isEmptyDiff(diff)) return <Typography.Text type="secondary">{t(`${A}.noChanges`)}</Typography.Text>;
  const value = (row: CatalogueRow, field: RowField): string => {
    switch (field) {
      case 'owner':
        return ownerText(t, row.owner, unitName);
      case 'designated':
        return row.designated ? t(`${A}.yes`) : t(`${A}.no`);
      case 'keywords':
        return row.keywords.join('、') || '—';
      case 'sign':
      case 'contact':
      case 'finish':
        return ruleText(t, row[field]);
      case 'coFinish':
        return ruleText(t, row.coFinish ?? row.finish);
      case 'code':
        return row.code ?? row.category;
      default:
        return row[field] || '—';
    }
  };
  return (
    <ul data-testid="catalogue-diff" style={{ margin: 0, paddingInlineStart: 20 }}>
      {diff.added.map((row) => (
        <li key={`+${row.category}`}>
          <ToneTag tone="green">{t(`${A}.added`)}</ToneTag>
          {row.category}：{ownerText(t, row.owner, unitName)}，{t('requests.admin.row.finish')}{' '}
          {ruleText(t, row.finish)}
        </li>
      ))}
      {diff.removed.map((row) => (
        <li key={`-${row.category}`}>
          <ToneTag tone="red">{t(`${A}.removed`)}</ToneTag>
          {row.category}
        </li>
      ))}
      {diff.changed.map((change) => (
        <li key={`~${change.category}`}>
          <ToneTag tone="gold">{t(`${A}.changed`)}</ToneTag>
          {change.category}：
          {change.fields.map((field, i) => (
            <span key={field}>
              {i > 0 ? '；' : ''}
              {t(`requests.admin.row.${field}`)} {value(change.before, field)} → {value(change.after, field)}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}
