// A site's photos and documents (attachments with ownerType "site"): view, upload (where the server
// allows "attach"), withdraw with a reason.
import { DeleteOutlined, DownloadOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Image, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Attachment } from '../../app/api-types';
import { formatBytes, formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ReasonModal } from '../../components/ReasonModal';
import { useFormMutation } from '../../components/useFormMutation';

const contentUrl = (a: Attachment, download = false) => `/api/v1/attachments/${a.id}/content${download ? '?download=true' : ''}`;

export function SitePhotos({ siteId, canAttach }: { siteId: string; canAttach: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const key = ['attachments', 'site', siteId];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<Attachment[]>('/attachments', { ownerType: 'site', ownerId: siteId }) });
  const [withdrawing, setWithdrawing] = useState<Attachment | null>(null);
  const upload = useFormMutation((file: File) => api.upload<Attachment>('/attachments', file, { ownerType: 'site', ownerId: siteId }), {
    invalidate: [key, ['history']],
    onSuccess: (a) => void message.success(t('sites.uploaded', { name: a.fileName })),
  });
  const withdraw = useFormMutation((v: { id: string; reason: string }) => api.post<Attachment>(`/attachments/${v.id}/withdraw`, { reason: v.reason }), {
    invalidate: [key],
    onSuccess: () => setWithdrawing(null),
  });
  const items = q.data ?? [];
  return (
    <Card
      className="card-gap"
      title={<h2 className="section-title">{t('sites.photos')}</h2>}
      extra={
        canAttach && (
          <Upload
            accept="image/*,application/pdf"
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              upload.mutateAsync(file as File).then(
                (r) => onSuccess?.(r),
                (e: Error) => onError?.(e),
              );
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>
              {t('sites.upload')}
            </Button>
          </Upload>
        )
      }
    >
      <ErrorAlert error={upload.error ?? q.error} />
      {items.length === 0 ? (
        <Empty description={t('sites.noPhotos')} />
      ) : (
        <div className="photo-grid">
          {items.map((a) => (
            <Card
              key={a.id}
              size="small"
              className="photo-card"
              cover={
                a.contentType.startsWith('image/') ? (
                  <Image src={contentUrl(a)} alt={a.fileName} />
                ) : (
                  <div className="center-block">
                    <FilePdfOutlined aria-hidden style={{ fontSize: 48 }} />
                  </div>
                )
              }
              actions={[
                <a key="download" href={contentUrl(a, true)} aria-label={t('sites.downloadFile', { name: a.fileName })}>
                  <DownloadOutlined aria-hidden /> {t('common.download')}
                </a>,
                ...(allows(a, 'withdraw')
                  ? [
                      <Button key="withdraw" type="link" danger size="small" icon={<DeleteOutlined aria-hidden />} onClick={() => setWithdrawing(a)} aria-label={t('sites.withdrawFile', { name: a.fileName })}>
                        {t('common.withdraw')}
                      </Button>,
                    ]
                  : []),
              ]}
            >
              <Space orientation="vertical" size={0}>
                <Typography.Text ellipsis={{ tooltip: a.fileName }} className="photo-name">
                  {a.fileName}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {formatBytes(a.size)} · {formatDateTime(a.createdAt)}
                </Typography.Text>
              </Space>
            </Card>
          ))}
        </div>
      )}
      <ReasonModal
        open={!!withdrawing}
        title={t('sites.withdrawFile', { name: withdrawing?.fileName ?? '' })}
        okText={t('common.withdraw')}
        danger
        onCancel={() => setWithdrawing(null)}
        onSubmit={(reason) => withdraw.mutateAsync({ id: withdrawing!.id, reason })}
      />
    </Card>
  );
}
