// Deadline extension requests of a hazard (HAZ-04): who asked, from which deadline to which, why, and
// the security head's decision; approve / reject where the extension's allowedActions say so.
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { formatDate, formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { DataTable } from '../../components/DataTable';
import { StatusTag, type Tone } from '../../components/StatusTag';
import { useHazardRefresh } from './HazardActions';
import { StepDialog } from './StepDialog';
import type { HazardDetail, HazardExtension } from './types';

const TONES: Record<HazardExtension['status'], Tone> = { pending: 'warning', approved: 'success', rejected: 'neutral' };

export function HazardExtensions({ hazard }: { hazard: HazardDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useHazardRefresh();
  const [deciding, setDeciding] = useState<{ ext: HazardExtension; approve: boolean } | null>(null);
  const [form] = Form.useForm<{ note?: string }>();
  if (hazard.extensions.length === 0) return null;
  return (
    <Card className="card-gap" title={<h2 className="section-title">{t('hazards.extensions')}</h2>}>
      <DataTable<HazardExtension>
        label={t('hazards.extensions')}
        rowKey="id"
        pagination={false}
        dataSource={hazard.extensions}
        columns={[
          { key: 'requestedBy', title: t('hazards.field.requestedBy'), render: (_, e) => `${e.requestedBy?.name ?? ''} · ${formatDateTime(e.requestedAt)}` },
          { key: 'due', title: t('hazards.field.requestedDueOn'), render: (_, e) => `${formatDate(e.currentDueAt)} → ${formatDate(e.requestedDueAt)}` },
          { key: 'reason', title: t('common.reason'), render: (_, e) => e.reason },
          { key: 'status', title: t('common.status'), render: (_, e) => <StatusTag tone={TONES[e.status]}>{t(`hazardExtensionStatus.${e.status}`)}</StatusTag> },
          { key: 'decided', title: t('hazards.field.decidedBy'), render: (_, e) => (e.decidedBy ? `${e.decidedBy.name} · ${formatDateTime(e.decidedAt)}${e.decisionNote ? ` · ${e.decisionNote}` : ''}` : '—') },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, e) => (
              <Space wrap>
                {allows(e, 'approve') && (
                  <Button size="small" type="primary" icon={<CheckOutlined aria-hidden />} onClick={() => setDeciding({ ext: e, approve: true })}>
                    {t('hazards.action.approveExtension')}
                  </Button>
                )}
                {allows(e, 'reject') && (
                  <Button size="small" danger icon={<CloseOutlined aria-hidden />} onClick={() => setDeciding({ ext: e, approve: false })}>
                    {t('hazards.action.rejectExtension')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <StepDialog
        open={!!deciding}
        name="hazardExtensionDecision"
        form={form}
        danger={deciding ? !deciding.approve : false}
        title={deciding?.approve ? t('hazards.action.approveExtension') : t('hazards.action.rejectExtension')}
        description={deciding && <p>{t('hazards.extensionSummary', { from: formatDate(deciding.ext.currentDueAt), to: formatDate(deciding.ext.requestedDueAt), reason: deciding.ext.reason })}</p>}
        onCancel={() => setDeciding(null)}
        onReload={() => {
          setDeciding(null);
          void refresh();
        }}
        onSubmit={async (v) => {
          const d = deciding!;
          await api.post(`/hazards/${hazard.id}/extensions/${d.ext.id}/${d.approve ? 'approve' : 'reject'}`, { note: v.note?.trim() || null, version: d.ext.version });
          setDeciding(null);
          await refresh();
          void message.success(d.approve ? t('hazards.done.approveExtension') : t('hazards.done.rejectExtension'));
        }}
      >
        <Form.Item name="note" label={t('hazards.field.decisionNote')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </StepDialog>
    </Card>
  );
}
