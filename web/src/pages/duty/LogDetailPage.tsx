// One duty log entry (DUT-02): what happened and what was done, by whom and when, the entry it corrects
// or the corrections made to it, and its shift.
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { DutyTabs } from './shared';
import type { DutyLog } from './types';

export default function LogDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['duty', 'log', id], queryFn: () => api.get<DutyLog>(`/duty-logs/${id}`) });
  const l = q.data;
  return (
    <>
      <PageHeader title={t('duty.log.one')} tags={l?.urgent && <StatusTag tone="error">{t('duty.log.urgent')}</StatusTag>} back={{ to: '/duty/logs', label: t('duty.log.title') }} />
      <DutyTabs />
      <ErrorAlert error={q.error} />
      {l && (
        <Descriptions bordered column={1} size="small">
          <Descriptions.Item label={t('duty.log.time')}>{formatDateTime(l.occurredAt)}</Descriptions.Item>
          <Descriptions.Item label={t('duty.field.shift')}>
            <Link to={`/duty/rosters/${l.assignmentId}`}>{`${l.orgName} · ${l.dutyDate} ${l.shiftName}`}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('duty.log.happened')}>{l.happened}</Descriptions.Item>
          <Descriptions.Item label={t('duty.log.actionTaken')}>{l.actionTaken ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('duty.log.author')}>{l.author.name}</Descriptions.Item>
          {l.correctsId && (
            <Descriptions.Item label={t('duty.log.corrects')}>
              <Link to={`/duty/logs/${l.correctsId}`}>{t('duty.log.original')}</Link>
            </Descriptions.Item>
          )}
          {l.correctedBy.length > 0 && (
            <Descriptions.Item label={t('duty.log.correctedBy')}>
              <Space>
                {l.correctedBy.map((c, i) => (
                  <Link key={c} to={`/duty/logs/${c}`}>
                    {t('duty.log.correctionN', { n: i + 1 })}
                  </Link>
                ))}
              </Space>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('duty.log.locked')}>{l.locked ? t('duty.log.lockedYes') : t('duty.log.lockedNo')}</Descriptions.Item>
        </Descriptions>
      )}
    </>
  );
}
