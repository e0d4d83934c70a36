// A record's history on its detail page (DESIGN §8): who changed which fields, when and why, from
// GET /api/v1/<resource>/:id/history.
import { useQuery } from '@tanstack/react-query';
import { Empty, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api';
import type { HistoryEntry } from '../app/api-types';
import { formatDateTime, formatValue } from '../app/format';
import { codeLabel } from '../app/i18n';
import { useOrgTree, type OrgIndex } from '../app/org-tree';
import { ErrorAlert } from './ErrorAlert';
import { enumLabel } from './enum-labels';

export const historyKey = (path: string) => ['history', path] as const;

function valueText(field: string, v: unknown, orgs: OrgIndex): string {
  const leaf = field.split('.').pop() ?? field;
  if (typeof v === 'string' && (leaf === 'orgId' || leaf === 'parentId')) return orgs.name(v) || v;
  if (typeof v === 'string') {
    const label = enumLabel(leaf, v);
    if (label) return label;
  }
  if (Array.isArray(v)) return v.map((x) => formatValue(x)).join(', ') || '—';
  return formatValue(v);
}

/** `path`: the history endpoint, e.g. `/sites/<id>/history`. */
export function RecordTimeline({ path }: { path: string }) {
  const { t } = useTranslation();
  const { index } = useOrgTree();
  const q = useQuery({ queryKey: historyKey(path), queryFn: () => api.get<HistoryEntry[]>(path) });
  if (q.isLoading) return <Skeleton active />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const entries = [...(q.data ?? [])].reverse();
  if (!entries.length) return <Empty description={t('history.empty')} />;
  return (
    <Timeline
      items={entries.map((e, i) => ({
        key: `${e.at}-${i}`,
        content: (
          <div className="history-entry">
            <div className="history-time">{formatDateTime(e.at)}</div>
            <div>
              <Typography.Text strong>{e.actorName ?? t('history.system')}</Typography.Text> {codeLabel('auditAction', e.action)}
            </div>
            {e.changes && Object.keys(e.changes).length > 0 && (
              <ul className="plain-list history-changes">
                {Object.entries(e.changes).map(([field, pair]) => (
                  <li key={field}>{t('history.change', { field: codeLabel('field', field), before: valueText(field, pair[0], index), after: valueText(field, pair[1], index) })}</li>
                ))}
              </ul>
            )}
            {e.reason && (
              <div>{t('history.reason', { reason: e.reason })}</div>
            )}
          </div>
        ),
      }))}
    />
  );
}
