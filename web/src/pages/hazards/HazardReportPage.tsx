// 上报隐患 (HAZ-07): anyone may report a hazard, typically from a phone with a photo taken on the
// spot. One column, large fields; the unit defaults to the reporter's own; photos are uploaded as
// they are taken and linked to the hazard when it is saved.
import { SendOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import type { PageOf, Site } from '../../app/api-types';
import { canAt, hasPermission, P } from '../../app/permissions';
import { useOrgTree } from '../../app/org-tree';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { PhotoUpload } from '../../components/PhotoUpload';
import { useFormMutation } from '../../components/useFormMutation';
import { categoryLabel, gradeLabel, hazardCategories, hazardGrades, options, reportSources, sourceLabel } from './labels';
import { HP } from './permissions';
import type { HazardCategory, HazardDetail, HazardGrade, HazardSource } from './types';
import './hazards.css';

interface Values {
  title: string;
  description?: string;
  category: HazardCategory;
  source?: Exclude<HazardSource, 'inspection'>;
  orgId: string;
  siteId?: string;
  location?: string;
  grade?: HazardGrade;
  attachmentIds?: string[];
}

export default function HazardReportPage() {
  const { t } = useTranslation();
  const me = useSession();
  const { index } = useOrgTree();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  const canSeeSites = hasPermission(me, P.orgs.read);
  const sites = useQuery({
    queryKey: ['sites', 'list', { orgId, forHazard: true }],
    queryFn: () => api.get<PageOf<Site>>('/sites', { orgId, pageSize: 200 }),
    enabled: canSeeSites && !!orgId,
  });
  const save = useFormMutation(
    (v: Values) =>
      api.create<HazardDetail>('/hazards', {
        ...v,
        title: v.title.trim(),
        description: v.description?.trim() || null,
        location: v.location?.trim() || null,
        siteId: v.siteId ?? null,
        grade: v.grade ?? null,
        attachmentIds: v.attachmentIds ?? [],
      }),
    {
      form,
      invalidate: [['hazards'], ['dashboard']],
      onSuccess: (h) => {
        void message.success(t('hazards.reported', { number: h.number }));
        navigate(`/hazards/${h.id}`);
      },
    },
  );
  // The reporter's own unit when they may report there; otherwise they choose.
  const ownUnit = canAt(me, HP.report, me.user.orgId, index) ? me.user.orgId : undefined;
  // The org tree loads after the first render: the default unit is filled in once it is known.
  useEffect(() => {
    if (ownUnit && !form.getFieldValue('orgId')) form.setFieldValue('orgId', ownUnit);
  }, [ownUnit, form]);
  const back = { to: '/hazards', label: t('hazards.title') };
  return (
    <>
      <PageHeader title={t('hazards.reportTitle')} back={back} />
      <Card className="hazard-form">
        <ErrorAlert error={save.error} form={form} />
        <Form<Values>
          form={form}
          name="hazardReport"
          layout="vertical"
          requiredMark
          initialValues={{ orgId: ownUnit, source: 'report', attachmentIds: [] }}
          onFinish={(v) => save.mutate(v)}
          onValuesChange={(changed) => {
            if ('orgId' in changed) form.setFieldValue('siteId', undefined);
          }}
          scrollToFirstError
        >
          <Form.Item name="title" label={t('hazards.field.title')} rules={[{ required: true, whitespace: true, message: t('hazards.titleRequired') }, { max: 200 }]}>
            <Input maxLength={200} placeholder={t('hazards.titlePlaceholder')} />
          </Form.Item>
          <Form.Item name="category" label={t('hazards.field.category')} rules={[{ required: true, message: t('hazards.categoryRequired') }]}>
            <Select options={options(hazardCategories, categoryLabel)} placeholder={t('hazards.choose')} />
          </Form.Item>
          <Form.Item name="attachmentIds" label={t('hazards.field.photos')} extra={t('hazards.photosHint')}>
            <PhotoUpload max={20} />
          </Form.Item>
          <Form.Item name="description" label={t('hazards.field.description')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={4} maxLength={5000} placeholder={t('hazards.descriptionPlaceholder')} />
          </Form.Item>
          <Form.Item name="orgId" label={t('hazards.field.orgId')} rules={[{ required: true, message: t('hazards.orgRequired') }]}>
            <OrgTreeSelect permission={HP.report} allowClear={false} />
          </Form.Item>
          {canSeeSites && (
            <Form.Item name="siteId" label={t('hazards.field.siteId')}>
              <Select
                allowClear
                disabled={!orgId}
                loading={sites.isFetching}
                placeholder={t('hazards.sitePlaceholder')}
                options={(sites.data?.items ?? []).filter((s) => !s.withdrawnAt).map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          )}
          <Form.Item name="location" label={t('hazards.field.location')} rules={[{ max: 200 }]}>
            <Input maxLength={200} placeholder={t('hazards.locationPlaceholder')} />
          </Form.Item>
          <Form.Item name="grade" label={t('hazards.field.proposedGrade')} extra={t('hazards.proposedGradeHint')}>
            <Select allowClear options={options(hazardGrades, gradeLabel)} placeholder={t('hazards.choose')} />
          </Form.Item>
          <Form.Item name="source" label={t('hazards.field.source')}>
            <Select options={options(reportSources, sourceLabel)} />
          </Form.Item>
          <Space className="hazard-form-actions" wrap>
            <Button type="primary" htmlType="submit" size="large" icon={<SendOutlined aria-hidden />} loading={save.isPending}>
              {t('hazards.submitReport')}
            </Button>
            <Button size="large" onClick={() => navigate('/hazards')}>
              {t('common.cancel')}
            </Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
