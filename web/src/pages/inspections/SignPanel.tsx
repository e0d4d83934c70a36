// Signatures on the record (INS-03): the inspector (a team member) and the inspected unit's head.
// On site both are collected on the inspector's phone: a drawn signature (SignaturePad → PNG
// upload) or the signer's password. The unit's head may also sign later from their own session
// ("account"). Each shows who signed, how and when.
import { EditOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SignaturePad, uploadSignature } from '../../components/SignaturePad';
import { useFormMutation } from '../../components/useFormMutation';
import { detailKey } from './ItemCard';
import { signMethodLabel } from './labels';
import type { InspectionDetail, Signature } from './types';

type Role = 'inspector' | 'unit';

export function SignPanel({ d }: { d: InspectionDetail }) {
  const { t } = useTranslation();
  return (
    <Card className="card-gap" title={<h2 className="section-title">{t('inspections.signatures')}</h2>}>
      <div className="ins-sign-grid">
        <SignBlock d={d} role="inspector" signature={d.inspectorSignature} canCollect={allows(d, 'signInspector')} />
        <SignBlock d={d} role="unit" signature={d.unitSignature} canCollect={allows(d, 'signUnit')} canSignOwn={allows(d, 'signUnitAccount')} />
      </div>
    </Card>
  );
}

function Signed({ s }: { s: Signature }) {
  const { t } = useTranslation();
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label={t('inspections.signer')}>{s.signerName}</Descriptions.Item>
      <Descriptions.Item label={t('inspections.signMethod')}>{signMethodLabel(s.method)}</Descriptions.Item>
      <Descriptions.Item label={t('inspections.signedAt')}>{formatDateTime(s.signedAt)}</Descriptions.Item>
      {s.imageId && (
        <Descriptions.Item label={t('inspections.signatureImage')}>
          <img className="ins-signature-image" src={`/api/v1/attachments/${s.imageId}/content`} alt={t('inspections.signatureOf', { name: s.signerName })} />
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

interface BlockProps {
  d: InspectionDetail;
  role: Role;
  signature: InspectionDetail['inspectorSignature'];
  /** A team member collects it on site (drawn or password). */
  canCollect: boolean;
  /** The unit's head signs from their own session. */
  canSignOwn?: boolean;
}

interface SignValues {
  signerName?: string;
  username?: string;
  password?: string;
}

function SignBlock({ d, role, signature, canCollect, canSignOwn }: BlockProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<SignValues>();
  const [method, setMethod] = useState<'drawn' | 'password'>('drawn');
  const [drawing, setDrawing] = useState<File | null>(null);
  const title = role === 'inspector' ? t('inspections.inspectorSignature') : t('inspections.unitSignature');
  const sign = useFormMutation(
    async (v: SignValues & { method: 'drawn' | 'password' | 'account' }) => {
      const body: Record<string, unknown> = { role, method: v.method };
      if (v.method === 'drawn') {
        body.signatureAttachmentId = await uploadSignature(drawing!);
        if (role === 'unit') body.signerName = v.signerName?.trim();
      } else if (v.method === 'password') {
        body.password = v.password;
        if (role === 'unit') body.username = v.username?.trim();
      }
      return api.post<InspectionDetail>(`/inspections/${d.id}/sign`, body);
    },
    {
      form,
      invalidate: [['inspections', 'list'], ['history']],
      onSuccess: (r) => {
        qc.setQueryData(detailKey(d.id), r);
      },
    },
  );
  return (
    <section aria-label={title}>
      <h3 className="ins-section-title">{title}</h3>
      {signature ? (
        <Signed s={signature} />
      ) : canCollect ? (
        <>
          <Segmented
            block
            size="large"
            value={method}
            onChange={(v) => setMethod(v as 'drawn' | 'password')}
            options={[
              { value: 'drawn', label: t('inspections.signDrawn'), icon: <EditOutlined aria-hidden /> },
              { value: 'password', label: t('inspections.signPassword'), icon: <LockOutlined aria-hidden /> },
            ]}
            aria-label={t('inspections.signMethodOf', { who: title })}
          />
          <ErrorAlert error={sign.error} form={form} />
          <Form<SignValues> form={form} name={`sign-${role}`} layout="vertical" style={{ marginTop: 12 }} onFinish={(v) => sign.mutate({ ...v, method })}>
            {role === 'unit' && method === 'drawn' && (
              <Form.Item name="signerName" label={t('inspections.unitSignerName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 50, message: t('validation.maxLength', { max: 50 }) }]}>
                <Input size="large" />
              </Form.Item>
            )}
            {role === 'unit' && method === 'password' && (
              <Form.Item name="username" label={t('inspections.unitSignerUsername')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
                <Input size="large" autoCapitalize="none" spellCheck={false} autoComplete="off" />
              </Form.Item>
            )}
            {method === 'password' && (
              <Form.Item
                name="password"
                label={role === 'inspector' ? t('inspections.ownPassword') : t('inspections.unitSignerPassword')}
                extra={role === 'inspector' ? t('inspections.ownPasswordHint') : t('inspections.unitPasswordHint')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <Input.Password size="large" autoComplete="off" />
              </Form.Item>
            )}
            {method === 'drawn' && <SignaturePad label={title} onChange={setDrawing} />}
            <Button type="primary" htmlType="submit" className="ins-big-button" block style={{ marginTop: 12 }} loading={sign.isPending} disabled={method === 'drawn' && !drawing}>
              {t('inspections.signAs', { who: title })}
            </Button>
          </Form>
        </>
      ) : canSignOwn ? (
        <>
          <Typography.Paragraph>{t('inspections.signOwnHint')}</Typography.Paragraph>
          <ErrorAlert error={sign.error} />
          <Button type="primary" className="ins-big-button" icon={<UserOutlined aria-hidden />} loading={sign.isPending} onClick={() => sign.mutate({ method: 'account' })}>
            {t('inspections.signOwn')}
          </Button>
        </>
      ) : (
        <Typography.Text type="secondary">{t('inspections.notSigned')}</Typography.Text>
      )}
    </section>
  );
}
