// One site: fields, allowed actions, photos and history.
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import type { Site } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { siteKindLabel } from '../../components/enum-labels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { RecordTimeline } from '../../components/RecordTimeline';
import { StatusTag } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';
import { SiteFormModal } from './SiteFormModal';
import { SitePhotos } from './SitePhotos';

export default function SiteDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [dialog, setDialog] = useState<'edit' | 'withdraw' | null>(null);
  const q = useQuery({ queryKey: ['sites', 'one', id], queryFn: () => api.get<Site>(`/sites/${id}`) });
  const withdraw = useFormMutation((reason: string) => api.post<Site>(`/sites/${id}/withdraw`, { reason, version: q.data?.version }), {
    invalidate: [['sites'], ['history'], ['home']],
    onSuccess: () => setDialog(null),
  });
  const back = { to: '/sites', label: t('nav.sites') };
  if (q.isLoading) return <Loading />;
  if (!q.data) {
    return (
      <>
        <PageHeader title={t('nav.sites')} back={back} />
        <ErrorAlert error={q.error} />
      </>
    );
  }
  const site = q.data;
  return (
    <>
      <PageHeader
        title={site.name}
        back={back}
        tags={site.withdrawnAt ? <StatusTag tone="neutral">{t('common.withdrawn')}</StatusTag> : <StatusTag tone="success">{t('common.inUse')}</StatusTag>}
        extra={
          <>
            {allows(site, 'update') && (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog('edit')}>
                {t('common.edit')}
              </Button>
            )}
            {allows(site, 'withdraw') && (
              <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => setDialog('withdraw')}>
                {t('common.withdraw')}
              </Button>
            )}
          </>
        }
      />
      <Card className="card-gap" title={<h2 className="section-title">{t('common.details')}</h2>}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('field.kind')}>{siteKindLabel(site.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('field.orgId')}>
            <Link to={`/orgs?id=${site.orgId}`}>{site.orgName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('field.location')}>{site.location ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.notes')}>{site.notes ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.createdAt')}>{formatDateTime(site.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('field.updatedAt')}>{formatDateTime(site.updatedAt)}</Descriptions.Item>
          {site.withdrawnAt && <Descriptions.Item label={t('field.withdrawnAt')}>{formatDateTime(site.withdrawnAt)}</Descriptions.Item>}
          {site.withdrawnReason && <Descriptions.Item label={t('field.withdrawnReason')}>{site.withdrawnReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <SitePhotos siteId={site.id} canAttach={allows(site, 'attach')} />
      <Card title={<h2 className="section-title">{t('history.title')}</h2>}>
        <RecordTimeline path={`/sites/${site.id}/history`} />
      </Card>
      <SiteFormModal open={dialog === 'edit'} site={site} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />
      <ReasonModal
        open={dialog === 'withdraw'}
        title={t('sites.withdrawTitle', { name: site.name })}
        okText={t('common.withdraw')}
        danger
        onCancel={() => setDialog(null)}
        onSubmit={(reason) => withdraw.mutateAsync(reason)}
      />
    </>
  );
}
