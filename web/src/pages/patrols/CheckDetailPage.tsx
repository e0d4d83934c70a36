// One opening / closing check (PAT-04): its items, who checked and who confirmed; the second person
// confirms here from their own account, or on the recorder's phone with their own username and
// password (never the one who recorded it); print, history.
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RecordTimeline } from '../../components/RecordTimeline';
import { StatusTag } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';
import { CheckStatusTags } from './ChecksPage';
import { label } from './labels';
import { PrintLink } from './shared';
import type { OpeningCheck } from './types';

export default function CheckDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['opening-checks', 'one', id], queryFn: () => api.get<OpeningCheck>(`/opening-checks/${id}`) });
  const [secondForm] = Form.useForm<{ username: string; password: string }>();
  const done = { invalidate: [['opening-checks'], ['dashboard']], onSuccess: () => void message.success(t('patrols.confirmed')) };
  const confirm = useFormMutation(() => api.post<OpeningCheck>(`/opening-checks/${id}/confirm`, { version: q.data?.version }), done);
  const confirmHere = useFormMutation((v: { username: string; password: string }) => api.post<OpeningCheck>(`/opening-checks/${id}/confirm`, { username: v.username.trim(), password: v.password, version: q.data?.version }), { ...done, form: secondForm });
  if (q.isLoading) return <Loading />;
  const c = q.data;
  if (!c) return <ErrorAlert error={q.error} />;
  return (
    <>
      <PageHeader
        title={`${c.orgName} · ${label('checkKindLabel', c.kind)} · ${c.day}`}
        tags={<CheckStatusTags c={c} />}
        back={{ to: '/patrols/checks', label: t('patrols.checks') }}
        extra={
          <>
            {allows(c, 'confirm') && (
              <Button type="primary" size="large" loading={confirm.isPending} onClick={() => confirm.mutate(undefined)}>
                {t('patrols.confirm')}
              </Button>
            )}
            <PrintLink href={`/opening-checks/${c.id}/print`} />
          </>
        }
      />
      <ErrorAlert error={confirm.error} />
      {c.status === 'awaiting_second' && <Alert type="info" showIcon message={t('patrols.confirmHint')} style={{ marginBottom: 12 }} />}
      {allows(c, 'confirmWithPassword') && (
        <Card size="small" title={t('patrols.confirmHereTitle')} style={{ marginBottom: 12 }}>
          <ErrorAlert error={confirmHere.error} form={secondForm} />
          <Form form={secondForm} name="secondPerson" layout="vertical" onFinish={(v) => confirmHere.mutate(v)} style={{ maxWidth: 420 }}>
            <Form.Item name="username" label={t('patrols.secondUsername')} extra={t('patrols.confirmHereHint')} rules={[{ required: true, whitespace: true }]}>
              <Input autoComplete="off" autoCapitalize="none" />
            </Form.Item>
            <Form.Item name="password" label={t('patrols.secondPassword')} rules={[{ required: true }]}>
              <Input.Password autoComplete="off" />
            </Form.Item>
            <Button htmlType="submit" size="large" loading={confirmHere.isPending}>
              {t('patrols.confirmHere')}
            </Button>
          </Form>
        </Card>
      )}
      <Card size="small">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('patrols.checkedBy')}>{`${c.firstBy?.name ?? ''} ${formatDateTime(c.firstAt)}`}</Descriptions.Item>
          <Descriptions.Item label={t('patrols.confirmedBy')}>{`${c.secondBy?.name ?? ''} ${formatDateTime(c.secondAt)}`}</Descriptions.Item>
          {c.note && <Descriptions.Item label={t('patrols.note')}>{c.note}</Descriptions.Item>}
        </Descriptions>
        <DataTable
          label={t('patrols.checks')}
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={c.items}
          columns={[
            { key: 'text', title: t('patrols.checkKind'), render: (_, i) => i.text },
            { key: 'ok', title: t('patrols.status'), render: (_, i) => <StatusTag tone={i.ok ? 'success' : 'error'}>{i.ok ? t('patrols.itemOk') : t('patrols.itemNotOk')}</StatusTag> },
            { key: 'note', title: t('patrols.note'), render: (_, i) => i.note ?? '' },
          ]}
        />
      </Card>
      <Card size="small" title={t('patrols.history')} style={{ marginTop: 12 }}>
        <RecordTimeline path={`/opening-checks/${c.id}/history`} />
      </Card>
    </>
  );
}
