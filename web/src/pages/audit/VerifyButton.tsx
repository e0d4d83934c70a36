// "校验审计链" (SEC-04): the server seals what is committed, walks the whole hash chain and names
// the first broken entry, if any, and any entries not yet sealed. By default the database recomputes
// the hashes (Anbao rechecks doubtful ranges); the auditor can run it again with every hash recomputed
// by Anbao itself, relying on no database function.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Descriptions, Modal, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { AuditVerification } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormMutation } from '../../components/useFormMutation';

export function VerifyButton({ onShowEntry }: { onShowEntry: (id: number) => void }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const verify = useFormMutation((recompute: AuditVerification['recompute']) => api.post<AuditVerification>(`/audit/verify?recompute=${recompute}`), {
    invalidate: [['audit']],
    onSuccess: (r) => setResult(r),
  });
  const broken = result?.firstBroken;
  return (
    <>
      <Button icon={<SafetyCertificateOutlined aria-hidden />} loading={verify.isPending} onClick={() => verify.mutate('database')}>
        {t('audit.verify')}
      </Button>
      <Modal open={!!result || !!verify.error} title={t('audit.verifyTitle')} onCancel={() => (setResult(null), verify.reset())} footer={null} width={640}>
        <ErrorAlert error={verify.error} />
        {result && (
          <>
            <Result
              status={result.ok ? 'success' : 'error'}
              title={<h2 className="result-title">{result.ok ? t('audit.verifyOk') : t('audit.verifyBroken')}</h2>}
              subTitle={t('audit.verifyChecked', { count: result.checked, ms: result.durationMs })}
            />
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('audit.verifyWay')}>
                {result.recompute === 'app' ? t('audit.verifyWayApp') : t('audit.verifyWayDatabase', { count: result.recomputedInApp })}
              </Descriptions.Item>
              <Descriptions.Item label={t('audit.headSeq')}>{result.headSeq}</Descriptions.Item>
              <Descriptions.Item label={t('audit.headHash')}>
                <Typography.Text code className="break-all">
                  {result.headHash || '—'}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('audit.checkpointsChecked')}>{result.checkpoints}</Descriptions.Item>
              <Descriptions.Item label={t('audit.unsealedBacklog')}>
                {result.unsealed.count ? t('audit.unsealedCount', { count: result.unsealed.count, since: formatDateTime(result.unsealed.oldestAt) }) : t('common.none')}
              </Descriptions.Item>
              {broken && (
                <Descriptions.Item label={t('audit.firstBroken')}>
                  <div>
                    {t('audit.seq')} {broken.seq}
                    {broken.id !== null && (
                      <>
                        {' · '}
                        <Button type="link" size="small" className="inline-link" onClick={() => onShowEntry(broken.id!)}>
                          {t('audit.showEntry', { id: broken.id })}
                        </Button>
                      </>
                    )}
                  </div>
                  <div>
                    {t('audit.brokenReason')}: {broken.reason}
                  </div>
                  {broken.action && (
                    <div>
                      {t('audit.action')}: {broken.action} · {formatDateTime(broken.occurredAt)}
                    </div>
                  )}
                </Descriptions.Item>
              )}
            </Descriptions>
            {result.recompute === 'database' && (
              <div className="top-gap">
                <Button loading={verify.isPending} onClick={() => verify.mutate('app')}>
                  {t('audit.verifyInApp')}
                </Button>
              </div>
            )}
          </>
        )}
      </Modal>
    </>
  );
}
