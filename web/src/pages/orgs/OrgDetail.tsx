// One unit: its fields, the actions the server allows on it, links to its people and sites, and its
// history.
import { ApartmentOutlined, DeleteOutlined, EditOutlined, EnvironmentOutlined, LockOutlined, PlusOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api';
import type { Org } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { useOrgTree } from '../../app/org-tree';
import { allows } from '../../app/permissions';
import { orgKindLabel } from '../../components/enum-labels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { ReasonModal } from '../../components/ReasonModal';
import { RecordTimeline } from '../../components/RecordTimeline';
import { StatusTag } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';
import { SiteFormModal } from '../sites/SiteFormModal';
import { OrgFormModal } from './OrgFormModal';
import { OrgMoveModal } from './OrgMoveModal';

type Dialog = 'edit' | 'child' | 'move' | 'withdraw' | 'site' | null;
const ORG_ACTIONS = ['addChild', 'update', 'move', 'addSite', 'settings', 'withdraw'];

export function OrgDetail({ id, onSelect }: { id: string; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { index } = useOrgTree(true);
  const [dialog, setDialog] = useState<Dialog>(null);
  const q = useQuery({ queryKey: ['orgs', 'one', id], queryFn: () => api.get<Org>(`/orgs/${id}`) });
  const withdraw = useFormMutation((reason: string) => api.post<Org>(`/orgs/${id}/withdraw`, { reason, version: q.data?.version }), {
    invalidate: [['orgs'], ['history']],
    onSuccess: () => setDialog(null),
  });
  if (q.isLoading) return <Loading />;
  if (q.error || !q.data) return <ErrorAlert error={q.error} />;
  const org = q.data;
  const close = () => setDialog(null);
  return (
    <>
      <Card
        className="card-gap"
        title={
          <Space wrap>
            <h2 className="section-title">{org.name}</h2>
            {org.withdrawnAt && <StatusTag tone="neutral">{t('common.withdrawn')}</StatusTag>}
          </Space>
        }
      >
        {ORG_ACTIONS.some((a) => allows(org, a)) && (
          <Space wrap className="block-gap">
            {allows(org, 'addChild') && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog('child')}>
                {t('orgs.addChild')}
              </Button>
            )}
            {allows(org, 'update') && (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog('edit')}>
                {t('common.edit')}
              </Button>
            )}
            {allows(org, 'move') && (
              <Button icon={<SwapOutlined aria-hidden />} onClick={() => setDialog('move')}>
                {t('orgs.move')}
              </Button>
            )}
            {allows(org, 'addSite') && (
              <Button icon={<EnvironmentOutlined aria-hidden />} onClick={() => setDialog('site')}>
                {t('sites.create')}
              </Button>
            )}
            {allows(org, 'settings') && (
              <Button icon={<LockOutlined aria-hidden />} onClick={() => navigate(`/security-policy?orgId=${org.id}`)}>
                {t('nav.securityPolicy')}
              </Button>
            )}
            {allows(org, 'withdraw') && (
              <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => setDialog('withdraw')}>
                {t('common.withdraw')}
              </Button>
            )}
          </Space>
        )}
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('field.kind')}>{orgKindLabel(org.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('field.code')}>{org.code}</Descriptions.Item>
          <Descriptions.Item label={t('field.shortName')}>{org.shortName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.parentId')}>
            {!org.parentId ? t('orgs.topLevel') : index.byId.has(org.parentId) ? <Link to={`/orgs?id=${org.parentId}`}>{index.name(org.parentId)}</Link> : t('orgs.outsideScope')}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.address')}>{org.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.sortOrder')}>{org.sortOrder}</Descriptions.Item>
          <Descriptions.Item label={t('field.createdAt')}>{formatDateTime(org.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('field.updatedAt')}>{formatDateTime(org.updatedAt)}</Descriptions.Item>
          {org.withdrawnAt && <Descriptions.Item label={t('field.withdrawnAt')}>{formatDateTime(org.withdrawnAt)}</Descriptions.Item>}
          {org.withdrawnReason && <Descriptions.Item label={t('field.withdrawnReason')}>{org.withdrawnReason}</Descriptions.Item>}
        </Descriptions>
        <Space wrap className="links-row">
          <Button type="link" icon={<TeamOutlined aria-hidden />} onClick={() => navigate(`/users?orgId=${org.id}`)}>
            {t('orgs.peopleHere')}
          </Button>
          <Button type="link" icon={<EnvironmentOutlined aria-hidden />} onClick={() => navigate(`/sites?orgId=${org.id}`)}>
            {t('orgs.sitesHere')}
          </Button>
          {index.childrenOf(org.id).length > 0 && (
            <Typography.Text type="secondary">
              <ApartmentOutlined aria-hidden /> {t('orgs.childCount', { count: index.childrenOf(org.id).length })}
            </Typography.Text>
          )}
        </Space>
      </Card>
      <Card title={<h2 className="section-title">{t('history.title')}</h2>}>
        <RecordTimeline path={`/orgs/${org.id}/history`} />
      </Card>
      <OrgFormModal open={dialog === 'edit'} org={org} onClose={close} onSaved={close} />
      <OrgFormModal
        open={dialog === 'child'}
        parent={org}
        onClose={close}
        onSaved={(created) => {
          close();
          onSelect(created.id);
        }}
      />
      {dialog === 'move' && <OrgMoveModal open org={org} onClose={close} />}
      <SiteFormModal open={dialog === 'site'} orgId={org.id} onClose={close} onSaved={(s) => navigate(`/sites/${s.id}`)} />
      <ReasonModal
        open={dialog === 'withdraw'}
        title={t('orgs.withdrawTitle', { name: org.name })}
        description={<p>{t('orgs.withdrawHint')}</p>}
        okText={t('common.withdraw')}
        danger
        onCancel={close}
        onSubmit={(reason) => withdraw.mutateAsync(reason)}
      />
    </>
  );
}
