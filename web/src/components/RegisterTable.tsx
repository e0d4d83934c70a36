// The register table every list page uses: server-paginated and server-sorted, state in the
// address bar (useListParams), horizontal scrolling on narrow screens.
import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';
import type { TableProps } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { DataTable } from './DataTable';
import { api, type Query } from '../app/api';
import type { PageOf } from '../app/api-types';
import { ErrorAlert } from './ErrorAlert';
import type { ListParams } from './useListParams';

interface Props<T extends { id: string | number }, K extends string> {
  /** Cache key prefix of the register (refreshed after changes), e.g. ['sites']. */
  queryKey: QueryKey;
  path: string;
  params: ListParams<K>;
  /** Turns the address-bar filters into the API query (e.g. dates, booleans). */
  toQuery?: (filters: Partial<Record<K, string>>) => Query;
  /** Columns; a column with `sorter: true` sorts on the server by its `key`. */
  columns: ColumnsType<T>;
  onRowClick?: (row: T) => void;
  rowClassName?: TableProps<T>['rowClassName'];
  /** Accessible name of the table's region (e.g. the page title). */
  label: string;
}

export function RegisterTable<T extends { id: string | number }, K extends string>({ queryKey, path, params, toQuery, columns, onRowClick, rowClassName, label }: Props<T, K>) {
  const { t } = useTranslation();
  const query: Query = { ...(toQuery ? toQuery(params.filters) : params.filters), page: params.page, pageSize: params.pageSize, sort: params.sort };
  const q = useQuery({
    queryKey: [...queryKey, 'list', query],
    queryFn: () => api.get<PageOf<T>>(path, query),
    placeholderData: keepPreviousData,
  });
  const sortField = params.sort?.replace(/^-/, '');
  const sortedColumns = columns.map((c) =>
    c.sorter && c.key === sortField ? { ...c, sortOrder: params.sort?.startsWith('-') ? ('descend' as const) : ('ascend' as const) } : c.sorter ? { ...c, sortOrder: null } : c,
  );
  const onChange: TableProps<T>['onChange'] = (pagination, _filters, sorter) => {
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
    const sort = s?.order && s.columnKey ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : undefined;
    params.setPaging(pagination.current ?? 1, pagination.pageSize ?? params.pageSize, sort);
  };
  return (
    <>
      <ErrorAlert error={q.error} />
      <DataTable<T>
        label={label}
        rowKey="id"
        columns={sortedColumns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        onChange={onChange}
        rowClassName={rowClassName}
        onRow={onRowClick ? (row) => ({ onClick: (e) => (e.target as HTMLElement).closest('a,button') || onRowClick(row), className: 'clickable-row' }) : undefined}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.totalItems', { count: total }),
        }}
      />
    </>
  );
}
