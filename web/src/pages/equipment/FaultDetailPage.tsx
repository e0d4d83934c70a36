// One fault ticket (EQP-03): its steps as the server allows them to this person (allowedActions):
// assign to a person, report the repair (with photos), verify (never by the fixer or the reporter —
// the server's refusal is shown as it comes), send back with a reason, withdraw; and its history.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Image, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyFieldErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PhotoUpload } from '../../components/PhotoUpload';
import { ReasonModal } from '../../components/ReasonModal';
import { UserSelect } from '../../components/UserSelect';
import { EquipmentStatusTag, FaultStatusTag } from './EquipmentTags';
import type { FaultDetail } from './types';

type Step = 'assign' | 'fix' | 'verify';

export default function FaultDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [step, setStep] = useState<Step | null>(null);
  const [reason, setReason] = useState<'reopen' | 'withdraw' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const q = useQuery({ queryKey: ['faults', 'detail', id], queryFn: () => api.get<FaultDetail>(`/equipment-faults/${id}`) });
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorAlert error={q.error} />;
  const f = q.data;
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['faults'] }), qc.invalidateQueries({ queryKey: ['equipment'] }), qc.invalidateQueries({ queryKey: ['dashboard'] })]);
  const send = async (name: string, body: Record<string, unknown>) => {
    await api.post(`/equipment-faults/${f.id}/${name}`, { ...body, version: f.version });
    await refresh();
  };
  const submitStep = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await send(step!, step === 'fix' ? { note: v.note, attachmentIds: v.attachmentIds ?? [] } : step === 'assign' ? { assigneeId: v.assigneeId } : { note: v.note || null });
      void message.success(step === 'verify' ? t('faults.verified') : t('equipment.completed'));
      setStep(null);
      form.resetFields();
    } catch (e) {
      applyFieldErrors(form, e);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const stepTitle = step === 'assign' ? t('faults.assign') : step === 'fix' ? t('faults.fix') : t('faults.verify');
  return (
    <>
      <PageHeader
        title={`${f.number} ${f.equipmentName}`}
        tags={<FaultStatusTag status={f.status} />}
        back={{ to: '/equipment/faults', label: t('faults.title') }}
        extra={
          <Space wrap>
            {allows(f, 'assign') && <Button onClick={() => setStep('assign')}>{t('faults.assign')}</Button>}
            {allows(f, 'fix') && (
              <Button type="primary" onClick={() => setStep('fix')}>
                {t('faults.fix')}
              </Button>
            )}
            {allows(f, 'verify') && (
              <Button type="primary" onClick={() => setStep('verify')}>
                {t('faults.verify')}
              </Button>
            )}
            {allows(f, 'reopen') && <Button onClick={() => setReason('reopen')}>{t('faults.reopen')}</Button>}
            {allows(f, 'withdraw') && (
              <Button danger onClick={() => setReason('withdraw')}>
                {t('faults.withdraw')}
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('maintenance.field.equipment')}>
            <Space size={4}>
              <Link to={`/equipment/${f.equipmentId}`}>{`${f.equipmentNumber} ${f.equipmentName}`}</Link>
              <EquipmentStatusTag status={f.equipmentStatus} />
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('equipment.field.orgId')}>{f.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('equipment.faultDescription')}>{f.description}</Descriptions.Item>
          <Descriptions.Item label={t('faults.reportedBy')}>{`${f.reportedBy?.name ?? ''} ${formatDateTime(f.reportedAt)}`}</Descriptions.Item>
          <Descriptions.Item label={t('faults.assignee')}>{f.assignee?.name ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('faults.fixNote')}>{f.fixNote ? `${f.fixNote} · ${f.fixedBy?.name ?? ''} ${formatDateTime(f.fixedAt)}` : ''}</Descriptions.Item>
          <Descriptions.Item label={t('faults.verifyNote')}>{f.verifiedAt ? `${f.verificationNote ?? ''} · ${f.verifiedBy?.name ?? ''} ${formatDateTime(f.verifiedAt)}` : ''}</Descriptions.Item>
          {f.reopenReason && <Descriptions.Item label={t('faults.reopen')}>{f.reopenReason}</Descriptions.Item>}
          {f.hazardId && (
            <Descriptions.Item label={t('faults.hazard')}>
              <Link to={`/hazards/${f.hazardId}`}>{t('faults.hazard')}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        {f.photos.length > 0 && (
          <Image.PreviewGroup>
            <Space wrap>
              {f.photos.map((p) => (
                <Image key={p.id} width={96} src={`/api/v1/attachments/${p.id}/content`} alt={p.fileName} />
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
      </Card>
      <Modal open={!!step} title={stepTitle} onCancel={() => setStep(null)} onOk={() => void submitStep()} confirmLoading={busy} destroyOnHidden>
        <ErrorAlert error={error} form={form} />
        <Form form={form} layout="vertical" name="faultStep">
          {step === 'assign' && (
            <Form.Item name="assigneeId" label={t('faults.assignee')} rules={[{ required: true }]}>
              <UserSelect activeOnly />
            </Form.Item>
          )}
          {step === 'fix' && (
            <>
              <Form.Item name="note" label={t('faults.fixNote')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
              <Form.Item name="attachmentIds" label={t('equipment.photos')}>
                <PhotoUpload max={10} />
              </Form.Item>
            </>
          )}
          {step === 'verify' && (
            <Form.Item name="note" label={t('faults.verifyNote')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <ReasonModal
        open={!!reason}
        title={reason === 'reopen' ? t('faults.reopenTitle') : t('faults.withdraw')}
        danger={reason === 'withdraw'}
        onCancel={() => setReason(null)}
        onSubmit={async (r) => {
          await send(reason!, { reason: r });
          setReason(null);
        }}
      />
    </>
  );
}
