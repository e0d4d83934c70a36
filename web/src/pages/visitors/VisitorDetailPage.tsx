// One visit: who, document (masked; reveal with a reason), host, areas, escort, times, its buttons and
// its change history.
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RecordTimeline } from '../../components/RecordTimeline';
import { documentTypeLabel } from './labels';
import type { Visitor } from './types';
import { VisitorActions } from './VisitorActions';
import { VisitorStatusTag } from './VisitorsPage';

export default function VisitorDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['visitors', 'one', id], queryFn: () => api.get<Visitor>(`/visitors/${id}`) });
  const back = { to: '/visitors', label: t('visitors.title') };
  if (q.isLoading) return <Loading />;
  if (!q.data) {
    return (
      <>
        <PageHeader title={t('visitors.title')} back={back} />
        <ErrorAlert error={q.error} />
      </>
    );
  }
  const v = q.data;
  return (
    <>
      <PageHeader title={`${v.number} ${v.name}`} back={back} tags={<VisitorStatusTag v={v} />} extra={<VisitorActions visitor={v} />} />
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('visitors.field.kind')}>{t(`visitors.kind.${v.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.field.company')}>{v.company ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.field.documentType')}>{documentTypeLabel(v.documentType)}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.field.documentNumber')}>{v.documentNumber}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.field.purpose')}>{v.purpose}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.field.orgId')}>{v.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.field.hostId')}>{v.host?.name}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.field.siteIds')}>
            {v.sites.map((s) => s.name).join('、') || '—'} {v.restricted ? `（${t('visitors.restricted')}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('visitors.field.escortId')}>{v.escort?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.field.expectedAt')}>{formatDateTime(v.expectedAt) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.field.checkedInAt')}>{v.checkedInAt ? `${formatDateTime(v.checkedInAt)} · ${v.checkedInBy?.name ?? ''}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.field.checkedOutAt')}>{v.checkedOutAt ? `${formatDateTime(v.checkedOutAt)} · ${v.checkedOutBy?.name ?? ''}` : '—'}</Descriptions.Item>
          {v.afterClosingAt && <Descriptions.Item label={t('visitors.field.afterClosingAt')}>{formatDateTime(v.afterClosingAt)}</Descriptions.Item>}
          {v.endReason && <Descriptions.Item label={t('visitors.field.endReason')}>{v.endReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('visitors.history')} className="block-gap">
        <RecordTimeline path={`/visitors/${v.id}/history`} />
      </Card>
    </>
  );
}
