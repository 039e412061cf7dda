import { Button, Table } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../api/types';
import { workApi, type WorkItem } from '../../api/work';
import { ToneTag, type Tone } from '../../components/tags';
import { useLang } from '../../hooks/use-lang';
import { formatDate } from '../../lib/format';

const STATE_TONES: Record<WorkItem['state'], Tone> = {
  registered: 'grey',
  assigned: 'blue',
  answered: 'gold',
  closed: 'green',
  filed: 'purple',
};

/** The number and subject each source is known by. */
export function referenceOf(item: WorkItem): { reference: string; subject: string } {
  switch (item.source) {
    case 'instruction':
      return { reference: item.docNumber, subject: `${item.leader}：${item.title}` };
    case 'decision':
      return { reference: item.itemNo, subject: item.topic };
    case 'suggestion':
    case 'proposal':
      return { reference: item.number, subject: item.title };
    case 'list':
      return { reference: item.reference ?? '', subject: item.title };
  }
}

/** 事项台账: each item with its source named, the unit on it, its deadline and where it stands. */
export function WorkItemsTable({
  items,
  units,
  loading,
  onAssign,
}: {
  items: WorkItem[];
  units: Pick<Unit, 'id' | 'name'>[];
  loading?: boolean;
  /** The office's 交办 of an item still only registered; no action column without it. */
  onAssign?: (item: WorkItem) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return (
    <Table<WorkItem>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('work.empty') }}
      // On a phone the ledger scrolls sideways rather than squeezing a title one character a line.
      scroll={{ x: 760 }}
      columns={[
        {
          title: t('work.columns.source'),
          key: 'source',
          render: (_, item) => t(`work.sources.${item.source}`),
        },
        {
          title: t('work.columns.reference'),
          key: 'reference',
          render: (_, item) => referenceOf(item).reference,
        },
        {
          title: t('work.columns.subject'),
          key: 'subject',
          render: (_, item) => (
            <>
              {referenceOf(item).subject}
              {item.source === 'instruction' && item.scanFileId !== null ? (
                <>
                  {' '}
                  <a href={workApi.itemFileUrl(item.id, item.scanFileId)} target="_blank" rel="noreferrer">
                    <PaperClipOutlined /> {t('work.file.scan')}
                  </a>
                </>
              ) : null}
            </>
          ),
        },
        {
          title: t('work.columns.leadUnit'),
          key: 'lead',
          render: (_, item) => (item.leadUnitId === null ? '—' : (unitName.get(item.leadUnitId) ?? '—')),
        },
        {
          title: t('work.columns.dueOn'),
          key: 'due',
          render: (_, item) => (item.dueOn ? formatDate(item.dueOn, lang) : '—'),
        },
        {
          title: t('work.columns.state'),
          key: 'state',
          render: (_, item) => (
            <ToneTag tone={STATE_TONES[item.state]}>{t(`work.states.${item.state}`)}</ToneTag>
          ),
        },
        ...(onAssign
          ? [
              {
                title: t('work.columns.actions'),
                key: 'actions',
                render: (_: unknown, item: WorkItem) =>
                  item.state === 'registered' && item.source !== 'list' ? (
                    <Button size="small" type="primary" onClick={() => onAssign(item)}>
                      {t('work.assign.ok')}
                    </Button>
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}
