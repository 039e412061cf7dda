import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Health, Project, Target, Task, Unit } from '../api/types';
import type { HealthWhy } from '../api/tracking';
import { formatDate, formatNumber, formatPromise, type Lang } from '../lib/format';
import { healthReasonText } from '../lib/health-why';
import { isOverdue } from '../lib/filters';
import { HealthTag, TaskStateTag, ToneTag } from './tags';
import { SlipTag } from './slip-tag';
import { slipKey, type PromiseSlips } from '../hooks/use-promise-slips';

/**
 * A header cell's content that antd also copies into the table's hidden measuring row
 * (`aria-hidden`, drawn when the table scrolls sideways): the copy is made inert, so the
 * select-all checkbox is not a focusable element inside an aria-hidden region (WCAG 4.1.2).
 */
export function OutOfHiddenRows({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [hidden, setHidden] = useState(false);
  useLayoutEffect(() => {
    if (ref.current?.closest('[aria-hidden="true"]')) setHidden(true);
  }, []);
  return (
    <span ref={ref} inert={hidden}>
      {children}
    </span>
  );
}

interface Common {
  units: Map<number, Unit>;
  lang: Lang;
  hrefOf: (id: number) => string;
  /** ISO date, for marking overdue rows. */
  today: string;
  /** Computed health per item id (issue 4), with a task's deadline after approved extensions. */
  health?: Map<number, ItemHealthCell>;
  /** Original vs current promise by `type:id` (issue 19): a tag beside the current one where they differ. */
  slips?: PromiseSlips;
}

/** What a row shows of its computed health. */
export interface ItemHealthCell {
  health: Health;
  /** Why, said in the reader's language; `reason` (English) when a code is unknown. */
  why?: HealthWhy;
  reason?: string;
  deadline?: string | null;
  extended?: boolean;
}

function healthColumn<T extends Task | Target>(
  health: Map<number, ItemHealthCell> | undefined,
  title: string,
  reasonOf: (cell: ItemHealthCell) => string | undefined,
): ColumnsType<T> {
  if (!health) return [];
  return [
    {
      title,
      key: 'health',
      width: 90,
      render: (_, row) => {
        const cell = health.get(row.id);
        return cell ? (
          <span title={reasonOf(cell)}>
            <HealthTag health={cell.health} />
          </span>
        ) : null;
      },
    },
  ];
}

interface Selectable {
  selectedIds: number[];
  onSelectionChange: (ids: number[]) => void;
}

function unitNames(units: Map<number, Unit>, ids: number[]): string {
  return ids.map((id) => units.get(id)?.name ?? `#${id}`).join('、');
}

function useOwnerColumns<T extends Task | Target>(
  units: Map<number, Unit>,
  lang: Lang,
  today: string,
  health?: Map<number, ItemHealthCell>,
  slips?: PromiseSlips,
) {
  const { t } = useTranslation();
  const columns: ColumnsType<T> = [
    {
      title: t('fields.leadUnit'),
      key: 'lead',
      width: 140,
      render: (_, row) =>
        row.leadUnitId === null ? (
          <Tag>{t('fields.unassigned')}</Tag>
        ) : (
          (units.get(row.leadUnitId)?.name ?? `#${row.leadUnitId}`)
        ),
    },
    {
      title: t('fields.coUnits'),
      key: 'co',
      width: 160,
      responsive: ['lg'],
      render: (_, row) => unitNames(units, row.coUnitIds) || '—',
    },
    {
      title: t('fields.leader'),
      dataIndex: 'leader',
      width: 100,
      responsive: ['md'],
      render: (v) => v ?? '—',
    },
    {
      title: t('fields.deadline'),
      key: 'deadline',
      width: 130,
      render: (_, row) => {
        const cell = health?.get(row.id);
        const slip = slips?.get(slipKey('state' in row ? 'task' : 'target', row.id))?.deadline;
        const deadline = slip?.current ?? (cell?.extended && cell.deadline ? cell.deadline : row.deadline);
        const late =
          'state' in row ? isOverdue({ ...row, deadline }, today) : deadline !== null && deadline < today;
        const moved = slip !== undefined && slip !== null && slip.original !== slip.current;
        return (
          <span>
            {formatDate(deadline, lang)}{' '}
            {moved ? (
              <SlipTag view={{ deadline: slip, value: null, changes: [] }} lang={lang} />
            ) : cell?.extended ? (
              <ToneTag tone="blue">{t('healthView.extended')}</ToneTag>
            ) : null}
            {late ? <ToneTag tone="red">{t('fields.overdue')}</ToneTag> : null}
          </span>
        );
      },
    },
  ];
  return columns;
}

/** Tasks with owners, state and progress; rows can be selected for bulk assignment. */
export function TaskTable({
  tasks,
  units,
  lang,
  hrefOf,
  today,
  selectedIds,
  onSelectionChange,
  health,
  slips,
}: Common & Selectable & { tasks: Task[] }) {
  const { t } = useTranslation();
  const owners = useOwnerColumns<Task>(units, lang, today, health, slips);
  const columns: ColumnsType<Task> = [
    {
      title: t('fields.text'),
      dataIndex: 'text',
      width: 360,
      render: (text: string, row) => (
        <Link to={hrefOf(row.id)}>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {text}
          </Typography.Paragraph>
        </Link>
      ),
    },
    ...owners,
    {
      title: t('fields.state'),
      dataIndex: 'state',
      width: 100,
      render: (state: Task['state']) => <TaskStateTag state={state} />,
    },
    ...healthColumn<Task>(health, t('fields.health'), (cell) => healthReasonText(cell, t, lang)),
    {
      title: t('fields.progress'),
      dataIndex: 'progress',
      width: 80,
      responsive: ['md'],
      render: (value: number) => `${formatNumber(value, lang)}%`,
    },
  ];
  return (
    <Table<Task>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={tasks}
      pagination={{
        defaultPageSize: 20,
        showSizeChanger: true,
        showTotal: (total) => t('common.total', { count: total }),
      }}
      scroll={{ x: 960 }}
      rowSelection={{
        selectedRowKeys: selectedIds,
        onChange: (keys) => onSelectionChange(keys.map(Number)),
        columnTitle: (checkbox) => <OutOfHiddenRows>{checkbox}</OutOfHiddenRows>,
      }}
    />
  );
}

/** Targets with their promise and owners; rows can be selected for bulk assignment. */
export function TargetTable({
  targets,
  units,
  lang,
  hrefOf,
  today,
  selectedIds,
  onSelectionChange,
  health,
  slips,
}: Common & Selectable & { targets: Target[] }) {
  const { t } = useTranslation();
  const owners = useOwnerColumns<Target>(units, lang, today, health, slips);
  const columns: ColumnsType<Target> = [
    {
      title: t('fields.metric'),
      dataIndex: 'metric',
      width: 220,
      render: (metric: string, row) => <Link to={hrefOf(row.id)}>{metric}</Link>,
    },
    {
      title: t('fields.value'),
      key: 'value',
      width: 150,
      render: (_, row) => {
        const comparator = t(`comparator.${row.comparator}`);
        const value = slips?.get(slipKey('target', row.id))?.value ?? null;
        return (
          <>
            {formatPromise(value?.current ?? row.value, row.unit, row.comparator, comparator, lang)}{' '}
            {value ? <SlipTag view={{ deadline: null, value, changes: [] }} lang={lang} /> : null}
          </>
        );
      },
    },
    { title: t('fields.period'), dataIndex: 'period', width: 90, responsive: ['md'] },
    ...healthColumn<Target>(health, t('fields.health'), (cell) => healthReasonText(cell, t, lang)),
    ...owners,
  ];
  return (
    <Table<Target>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={targets}
      pagination={{
        defaultPageSize: 20,
        showSizeChanger: true,
        showTotal: (total) => t('common.total', { count: total }),
      }}
      scroll={{ x: 960 }}
      rowSelection={{
        selectedRowKeys: selectedIds,
        onChange: (keys) => onSelectionChange(keys.map(Number)),
        columnTitle: (checkbox) => <OutOfHiddenRows>{checkbox}</OutOfHiddenRows>,
      }}
    />
  );
}

/** Named projects with the step promised and where each is now. */
export function ProjectTable({ projects, hrefOf }: { projects: Project[]; hrefOf: (id: number) => string }) {
  const { t } = useTranslation();
  const columns: ColumnsType<Project> = [
    {
      title: t('fields.name'),
      dataIndex: 'name',
      render: (name: string, row) => <Link to={hrefOf(row.id)}>{name}</Link>,
    },
    { title: t('fields.stage'), dataIndex: 'stage', width: 120 },
    {
      title: t('fields.currentStage'),
      dataIndex: 'currentStage',
      width: 120,
      render: (stage: string) => <Tag>{stage}</Tag>,
    },
  ];
  return (
    <Table<Project>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={projects}
      pagination={{ defaultPageSize: 20, showTotal: (total) => t('common.total', { count: total }) }}
    />
  );
}
