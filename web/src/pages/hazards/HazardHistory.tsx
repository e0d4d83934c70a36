// A hazard's change history (GET /hazards/:id/history, from the audit trail) in the hazard's own
// words: step names, field names and status / grade values labelled in the UI language, deadlines as
// dates. The shell's RecordTimeline would show the raw codes of this module's actions and fields.
import { useQuery } from '@tanstack/react-query';
import { Empty, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { HistoryEntry } from '../../app/api-types';
import { formatDateTime, formatValue } from '../../app/format';
import { i18next } from '../../app/i18n';
import { historyKey } from '../../components/RecordTimeline';
import { ErrorAlert } from '../../components/ErrorAlert';
import { gradeLabel, hazardGrades, hazardStatuses, statusLabel } from './labels';
import type { HazardGrade, HazardStatus } from './types';

const FIELD_KEYS: Record<string, string> = { responsibleUserId: 'responsibleUser', status: 'status' };

function actionText(action: string): string {
  const step = action.replace(/^hazards\./, '');
  for (const key of [`hazardStep.${step}`, `hazardHistory.${step}`]) if (i18next.exists(key)) return String(i18next.t(key as never));
  return action;
}

function fieldText(field: string): string {
  if (field === 'status') return i18next.t('common.status');
  const key = `hazards.field.${FIELD_KEYS[field] ?? field}`;
  return i18next.exists(key) ? String(i18next.t(key as never)) : field;
}

function valueText(field: string, v: unknown): string {
  if (field === 'status' && hazardStatuses.includes(v as HazardStatus)) return statusLabel(v as HazardStatus);
  if (field === 'grade' && hazardGrades.includes(v as HazardGrade)) return gradeLabel(v as HazardGrade);
  if ((field === 'dueAt' || field === 'closedAt') && typeof v === 'string') return formatDateTime(v);
  return formatValue(v);
}

export function HazardHistory({ hazardId }: { hazardId: string }) {
  const { t } = useTranslation();
  const path = `/hazards/${hazardId}/history`;
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
              <Typography.Text strong>{e.actorName ?? t('history.system')}</Typography.Text> {actionText(e.action)}
            </div>
            {e.changes && Object.keys(e.changes).length > 0 && (
              <ul className="plain-list history-changes">
                {Object.entries(e.changes).map(([field, pair]) => (
                  <li key={field}>{t('history.change', { field: fieldText(field), before: valueText(field, pair[0]), after: valueText(field, pair[1]) })}</li>
                ))}
              </ul>
            )}
            {e.reason && <div>{t('history.reason', { reason: e.reason })}</div>}
          </div>
        ),
      }))}
    />
  );
}
