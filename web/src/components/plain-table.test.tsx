import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { PlainTable } from './plain-table';

const columns = [
  { key: 'name', title: '单位', render: (r: { id: number; name: string }) => r.name },
  { key: 'id', title: '排名', render: (r: { id: number; name: string }) => r.id, width: 64 },
];

describe('PlainTable', () => {
  it('draws a header cell per column and a row per item, in order', () => {
    render(
      <PlainTable
        columns={columns}
        rowKey={(r) => r.id}
        rows={[
          { id: 1, name: '区发展改革委' },
          { id: 2, name: '区住房城乡建设委' },
        ]}
      />,
    );
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['单位', '排名']);
    const cells = [...document.querySelectorAll('tbody tr')].map((tr) => tr.textContent);
    expect(cells).toEqual(['区发展改革委1', '区住房城乡建设委2']);
  });

  it('says there is nothing to show rather than drawing an empty table', () => {
    render(
      <ConfigProvider locale={zhCN}>
        <PlainTable columns={columns} rowKey={(r) => r.id} rows={[]} />
      </ConfigProvider>,
    );
    expect(document.querySelector('table')).toBeNull();
    expect(document.querySelector('.ant-empty-description')?.textContent).toBe('暂无数据');
  });
});
