import { Alert, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LedgerChangeReport } from '../api/documents';
import type { ErrorDetail } from '../api/types';

/** The change report of a ledger import: which cell, which column, before → after. */
export function LedgerChanges({ changes }: { changes: LedgerChangeReport[] }) {
  const { t } = useTranslation();
  return (
    <Table<LedgerChangeReport>
      rowKey={(c) => `${c.cell}-${c.taskId}-${c.field}-${c.period ?? ''}`}
      size="small"
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      dataSource={changes}
      data-testid="ledger-changes"
      locale={{ emptyText: t('downloads.noChanges') }}
      columns={[
        { title: t('downloads.cell'), dataIndex: 'cell' },
        { title: t('kind.task'), dataIndex: 'taskId', render: (id: number) => `#${id}` },
        { title: t('downloads.column'), dataIndex: 'column' },
        { title: t('healthView.before'), dataIndex: 'before' },
        { title: t('healthView.after'), dataIndex: 'after' },
      ]}
    />
  );
}

/** Every problem of a refused file, each pointing at its cell. */
export function CellProblems({ details, title }: { details: ErrorDetail[]; title: string }) {
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="cell-problems">
          {details.map((d, i) => (
            <li key={`${d.path}-${i}`}>
              <code>{d.path}</code>：{d.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}
