// The register on a phone: one card per hazard (number, title, tags, unit, deadline), large targets,
// paging under the list. The same query and address-bar state as the desktop table.
import { Card, Empty, Pagination, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../app/format';
import { categoryLabel } from './labels';
import { HazardGradeTag, HazardStatusTag, OverdueTag } from './HazardTags';
import type { Hazard } from './types';
import type { HazardListState } from './useHazardFilters';

export function HazardCards({ items, total, list, loading }: { items: Hazard[]; total: number; list: HazardListState; loading: boolean }) {
  const { t } = useTranslation();
  if (!loading && items.length === 0) return <Empty description={t('hazards.noneFound')} />;
  return (
    <>
      <ul className="plain-list hazard-cards" aria-label={t('hazards.title')} aria-busy={loading}>
        {items.map((h) => (
          <li key={h.id}>
            <Card size="small" className={h.overdue ? 'hazard-card hazard-card-overdue' : 'hazard-card'}>
              <Link to={`/hazards/${h.id}`} className="hazard-card-link">
                <Typography.Text type="secondary">{h.number}</Typography.Text>
                <div className="hazard-card-title">{h.title}</div>
              </Link>
              <Space wrap size={4}>
                <HazardStatusTag hazard={h} />
                <HazardGradeTag hazard={h} />
                <OverdueTag hazard={h} />
              </Space>
              <div className="hazard-card-meta">
                {categoryLabel(h.category)} · {h.orgName}
                {h.siteName ? ` · ${h.siteName}` : ''}
              </div>
              <div className={h.overdue ? 'hazard-overdue-text' : undefined}>
                {t('hazards.field.dueAt')}: {formatDate(h.dueAt)}
              </div>
            </Card>
          </li>
        ))}
      </ul>
      <Pagination
        className="block-gap"
        current={list.page}
        pageSize={list.pageSize}
        total={total}
        simple
        onChange={(p, size) => list.setPaging(p, size, list.sort)}
        showTotal={(n) => t('common.totalItems', { count: n })}
      />
    </>
  );
}
