// One checklist template version (INS-01): its sections and items (standard, method, category,
// default grade), every version of the family, edit (writes a new version) and withdraw.
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { useFormMutation } from '../../components/useFormMutation';
import { bi, categoryLabel, gradeLabel, kindLabel, methodLabel } from './labels';
import { TemplateForm } from './TemplateForm';
import { TemplateState } from './TemplatesPage';
import type { Template, TemplateDetail } from './types';
import './inspections.css';

type Item = TemplateDetail['sections'][number]['items'][number];

export default function TemplateDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'edit' | 'withdraw' | null>(null);
  const q = useQuery({ queryKey: ['inspection-templates', 'one', id], queryFn: () => api.get<TemplateDetail>(`/inspection-templates/${id}`) });
  const versions = useQuery({ queryKey: ['inspection-templates', 'versions', id], queryFn: () => api.get<Template[]>(`/inspection-templates/${id}/versions`) });
  const withdraw = useFormMutation((reason: string) => api.post<TemplateDetail>(`/inspection-templates/${id}/withdraw`, { reason, version: q.data?.version }), {
    invalidate: [['inspection-templates']],
    onSuccess: () => setDialog(null),
  });
  const back = { to: '/inspection-templates', label: t('inspectionTemplates.nav') };
  if (q.isLoading) return <Loading />;
  if (!q.data) {
    return (
      <>
        <PageHeader title={t('inspectionTemplates.nav')} back={back} />
        <ErrorAlert error={q.error} />
      </>
    );
  }
  const x = q.data;
  const itemColumns = [
    { key: 'key', title: t('inspectionTemplates.itemKey'), render: (_: unknown, i: Item) => <code>{i.key}</code> },
    { key: 'text', title: t('inspectionTemplates.itemText'), render: (_: unknown, i: Item) => bi(i.text, i.textEn) },
    { key: 'standard', title: t('inspectionTemplates.standard'), render: (_: unknown, i: Item) => bi(i.standard, i.standardEn) },
    { key: 'method', title: t('inspectionTemplates.method'), render: (_: unknown, i: Item) => methodLabel(i.method) },
    { key: 'category', title: t('inspectionTemplates.category'), render: (_: unknown, i: Item) => categoryLabel(i.category) },
    { key: 'grade', title: t('inspectionTemplates.defaultGrade'), render: (_: unknown, i: Item) => gradeLabel(i.defaultGrade) },
  ];
  return (
    <>
      <PageHeader
        title={bi(x.name, x.nameEn)}
        back={back}
        tags={<TemplateState x={x} />}
        extra={
          <>
            {allows(x, 'edit') && (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog('edit')}>
                {t('inspectionTemplates.edit')}
              </Button>
            )}
            {allows(x, 'withdraw') && (
              <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => setDialog('withdraw')}>
                {t('common.withdraw')}
              </Button>
            )}
          </>
        }
      />
      <Card className="card-gap" title={<h2 className="section-title">{t('common.details')}</h2>}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('inspectionTemplates.kind')}>{kindLabel(x.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('inspectionTemplates.version')}>{t('inspectionTemplates.versionN', { n: x.templateVersion })}</Descriptions.Item>
          <Descriptions.Item label={t('inspectionTemplates.owner')}>{x.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('inspectionTemplates.shipped')}>{x.shipped ? t('common.yes') : t('common.no')}</Descriptions.Item>
          <Descriptions.Item label={t('inspectionTemplates.description')}>{x.description ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.updatedAt')}>{formatDateTime(x.updatedAt)}</Descriptions.Item>
          {x.withdrawnReason && <Descriptions.Item label={t('field.withdrawnReason')}>{x.withdrawnReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {x.sections.map((s, si) => (
        <Card key={si} className="card-gap" title={<h2 className="section-title">{`${si + 1}. ${bi(s.title, s.titleEn)}`}</h2>}>
          <DataTable<Item> label={bi(s.title, s.titleEn)} rowKey="key" size="small" pagination={false} columns={itemColumns} dataSource={s.items} />
        </Card>
      ))}
      <Card className="card-gap" title={<h2 className="section-title">{t('inspectionTemplates.versions')}</h2>}>
        <ErrorAlert error={versions.error} />
        <DataTable<Template>
          label={t('inspectionTemplates.versions')}
          rowKey="id"
          size="small"
          pagination={false}
          loading={versions.isLoading}
          dataSource={versions.data ?? []}
          columns={[
            { key: 'v', title: t('inspectionTemplates.version'), render: (_, v) => (v.id === x.id ? t('inspectionTemplates.versionN', { n: v.templateVersion }) : <Link to={`/inspection-templates/${v.id}`}>{t('inspectionTemplates.versionN', { n: v.templateVersion })}</Link>) },
            { key: 'name', title: t('inspectionTemplates.name'), render: (_, v) => bi(v.name, v.nameEn) },
            { key: 'items', title: t('inspectionTemplates.items'), render: (_, v) => t('inspectionTemplates.counts', { sections: v.sectionCount, items: v.itemCount }) },
            { key: 'state', title: t('common.status'), render: (_, v) => <TemplateState x={v} /> },
            { key: 'at', title: t('field.createdAt'), render: (_, v) => formatDateTime(v.createdAt) },
          ]}
        />
      </Card>
      <TemplateForm
        open={dialog === 'edit'}
        template={x}
        onClose={() => setDialog(null)}
        onSaved={(n) => {
          setDialog(null);
          navigate(`/inspection-templates/${n.id}`);
        }}
      />
      <ReasonModal open={dialog === 'withdraw'} title={t('inspectionTemplates.withdrawTitle', { name: x.name })} description={<p>{t('inspectionTemplates.withdrawHint')}</p>} okText={t('common.withdraw')} danger onCancel={() => setDialog(null)} onSubmit={(r) => withdraw.mutateAsync(r)} />
    </>
  );
}
