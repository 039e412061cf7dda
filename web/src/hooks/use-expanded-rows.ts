import { useCallback, useMemo, useState } from 'react';

/**
 * A table's rows open by default, including rows that arrive after the first render (antd's
 * `defaultExpandAllRows` opens only the rows there at mount: a list read after the page opened
 * stayed shut). The rows the reader closes stay closed.
 * @example const expand = useExpandedRows(reports.map((r) => r.id));
 *   <Table expandable={{ expandedRowRender, ...expand }} />
 */
export function useExpandedRows<K extends string | number>(keys: readonly K[]) {
  const [closed, setClosed] = useState<ReadonlySet<K>>(() => new Set());
  const expandedRowKeys = useMemo(() => keys.filter((k) => !closed.has(k)), [keys, closed]);
  const onExpand = useCallback((open: boolean, key: K) => {
    setClosed((previous) => {
      const next = new Set(previous);
      if (open) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);
  return { expandedRowKeys, onExpand };
}
