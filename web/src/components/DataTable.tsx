// antd's Table with horizontal scrolling on narrow screens, where the scrolling area is a named,
// keyboard-focusable region (so it can be scrolled without a mouse; axe scrollable-region-focusable).
import { Table, type TableProps } from 'antd';
import { useEffect, useRef } from 'react';

export function DataTable<T extends object>({ label, ...props }: TableProps<T> & { label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // antd renders the scrolling element itself and exposes no props for it.
    for (const el of ref.current?.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body') ?? []) {
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', label);
    }
  });
  return (
    <div ref={ref}>
      <Table<T> scroll={{ x: 'max-content' }} {...props} />
    </div>
  );
}
