import type { ReactNode } from 'react';
import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Achievement, Project, Target, Task, Unit } from '../api/types';
import { formatDate, formatNumber, formatPromise, formatQuantity, type Lang } from '../lib/format';
import { TaskStateTag } from './tags';

export type AnyItem =
  | { kind: 'task'; item: Task }
  | { kind: 'target'; item: Target }
  | { kind: 'achievement'; item: Achievement }
  | { kind: 'project'; item: Project };

export interface ItemSummaryProps {
  entry: AnyItem;
  lang: Lang;
  /** Unit names by id, to show owners. */
  units?: Map<number, Unit>;
  column?: number;
}

function unitName(units: Map<number, Unit> | undefined, id: number | null): string | undefined {
  if (id === null) return undefined;
  return units?.get(id)?.name ?? `#${id}`;
}

/** The facts of one extracted item, and its owners when it has any. */
export function ItemSummary({ entry, lang, units, column = 1 }: ItemSummaryProps) {
  const { t } = useTranslation();
  const rows: { key: string; label: string; children: ReactNode }[] = [];
  const add = (key: string, children: ReactNode) => rows.push({ key, label: t(`fields.${key}`), children });

  if (entry.kind === 'target' || entry.kind === 'achievement') {
    const item = entry.item;
    add('metric', item.metric);
    const comparator = t(`comparator.${item.comparator}`);
    add('value', formatPromise(item.value, item.unit, item.comparator, comparator, lang));
    add('period', item.period);
    if (entry.kind === 'target' && entry.item.baseline) {
      const baseline = entry.item.baseline;
      add('baseline', `${formatQuantity(baseline.value, baseline.unit, lang)} (${baseline.period})`);
    }
  }
  if (entry.kind === 'task') {
    add('state', <TaskStateTag state={entry.item.state} />);
    add('progress', `${formatNumber(entry.item.progress, lang)}%`);
  }
  if (entry.kind === 'project') {
    add('name', entry.item.name);
    add('stage', entry.item.stage);
    add('currentStage', <Tag>{entry.item.currentStage}</Tag>);
  }
  if (entry.kind === 'task' || entry.kind === 'target') {
    const item = entry.item;
    add('leadUnit', unitName(units, item.leadUnitId) ?? <Tag>{t('fields.unassigned')}</Tag>);
    add(
      'coUnits',
      item.coUnitIds.length > 0
        ? item.coUnitIds.map((id) => unitName(units, id)).join('、')
        : t('common.none'),
    );
    add('leader', item.leader ?? '—');
    add('deadline', formatDate(item.deadline, lang));
  }
  return <Descriptions size="small" column={column} bordered items={rows} />;
}
