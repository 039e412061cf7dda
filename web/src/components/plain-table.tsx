import type { Key, ReactNode } from 'react';
import { Empty } from 'antd';
import './plain-table.css';

export interface PlainColumn<R> {
  key: string;
  title: ReactNode;
  render: (row: R) => ReactNode;
  width?: number;
}

/**
 * A small read-only table drawn as plain HTML in antd's small table's look: for a first
 * screen of a few short lists (the cockpit), where antd's Table — sorting, paging, selection,
 * virtual rows, 140 KiB of code — would cost the page more than it gives. No rows: antd's
 * "no data".
 */
export function PlainTable<R>({
  columns,
  rows,
  rowKey,
}: {
  columns: PlainColumn<R>[];
  rows: readonly R[];
  rowKey: (row: R) => Key;
}) {
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div className="lx-plain-table">
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" style={c.width ? { width: c.width } : undefined}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.key}>{c.render(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
