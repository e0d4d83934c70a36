// The filter bar above every register table: labelled fields, "search" and "reset". Values come
// from (and go back to) the address bar through the page's ListParams. On a phone the fields fold
// away behind a "filters" button that shows how many are in use.
import { FilterOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Form, Space } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../app/useIsMobile';

interface Props<V extends object> {
  /** Form name: prefixes the ids of the fields (unique per page). */
  name: string;
  values: V;
  onSearch: (values: V) => void;
  onReset: () => void;
  children: ReactNode;
}

const inUse = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== false && !(Array.isArray(v) && v.every((x) => x === null));

export function FilterBar<V extends object>({ name, values, onSearch, onReset, children }: Props<V>) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const [form] = Form.useForm<V>();
  // The form is re-created whenever the filters in the address bar change (search, reset, back
  // button), so every field shows exactly what is in force.
  const serial = JSON.stringify(values);
  const active = Object.values(values).filter(inUse).length;
  const shown = !isMobile || open;
  return (
    <div role="search" className="filter-bar" aria-label={t('common.filters')}>
      {isMobile && (
        <Button icon={<FilterOutlined aria-hidden />} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)} className="filter-toggle">
          {active ? t('common.filtersInUse', { count: active }) : t('common.filters')}
        </Button>
      )}
      <div id={panelId} hidden={!shown}>
        <Form
          key={serial}
          form={form}
          initialValues={values}
          name={name}
          layout="vertical"
          onFinish={(v) => {
            setOpen(false);
            onSearch(v);
          }}
          className="filter-form"
        >
          <div className="filter-fields">{children}</div>
          <Space wrap className="filter-buttons">
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
              {t('common.search')}
            </Button>
            <Button
              icon={<ReloadOutlined aria-hidden />}
              onClick={() => {
                setOpen(false);
                onReset();
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>
      </div>
    </div>
  );
}
