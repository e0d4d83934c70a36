// 巡查点扫码 (PAT-01, phone): the page a checkpoint's QR code opens (/patrols/scan/<token>). It shows
// the checkpoint and the guard's patrol of its route; one tap records the visit with the time and,
// when the browser allows it, the position. Without a patrol in progress the tap starts one.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Progress, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { AnomalyForm } from './AnomalyForm';
import { FlagList } from './PatrolDetailPage';
import type { PatrolDetail, ScanTarget } from './types';

type Position = { lat: number; lng: number; accuracy: number } | null;

/** The browser's position, if it gives one within a few seconds (never blocks the scan). */
function position(): Promise<Position> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) return resolve(null);
    const timer = setTimeout(() => resolve(null), 6000);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        clearTimeout(timer);
        resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy });
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
      { enableHighAccuracy: true, timeout: 5000, maximumAge: 30_000 },
    );
  });
}

export default function ScanPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['patrols', 'scan', token], queryFn: () => api.get<ScanTarget>(`/patrol-scan/${token}`) });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<PatrolDetail | null>(null);
  if (q.isLoading) return <Loading />;
  const target = q.data;
  if (!target) return <ErrorAlert error={q.error} />;
  const patrol = done ?? target.patrol;
  const record = async (start: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const pos = await position();
      const p = await api.post<PatrolDetail>(`/patrol-scan/${token}`, { ...(pos ?? {}), start });
      setDone(p);
      void message.success(t('patrols.scanRecorded', { name: target.checkpointName }));
      void qc.invalidateQueries({ queryKey: ['patrols'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const visited = patrol ? patrol.checkpoints.filter((c) => c.scans > 0).length : 0;
  return (
    <>
      <PageHeader title={`${target.seq}. ${target.checkpointName}`} back={{ to: '/patrols/mine', label: t('patrols.mine') }} />
      <Card size="small">
        <Typography.Paragraph>
          {target.orgName} · {target.routeName}
        </Typography.Paragraph>
        <ErrorAlert error={error} />
        {done ? (
          <Result status="success" title={t('patrols.scanRecorded', { name: target.checkpointName })} />
        ) : patrol ? (
          <Button type="primary" size="large" block loading={busy} onClick={() => void record(false)}>
            {t('patrols.scanRecord')}
          </Button>
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="info" showIcon message={t('patrols.scanNoPatrol')} />
            <Button type="primary" size="large" block loading={busy} onClick={() => void record(true)}>
              {t('patrols.scanStart')}
            </Button>
          </Space>
        )}
      </Card>
      {patrol && (
        <Card size="small" style={{ marginTop: 12 }} title={<Link to={`/patrols/${patrol.id}`}>{patrol.routeName}</Link>}>
          <Typography.Text>{t('patrols.scanProgress', { done: visited, total: patrol.checkpoints.length })}</Typography.Text>
          <Progress aria-label={t('patrols.scanProgress', { done: visited, total: patrol.checkpoints.length })} percent={Math.round((visited / Math.max(1, patrol.checkpoints.length)) * 100)} />
          <FlagList p={patrol} />
        </Card>
      )}
      {patrol && (
        <div style={{ marginTop: 12 }}>
          <AnomalyForm patrol={patrol} checkpointId={target.checkpointId} onDone={(p) => setDone(p)} />
        </div>
      )}
    </>
  );
}
