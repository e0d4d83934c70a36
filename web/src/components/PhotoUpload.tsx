// Photos for a form field (hazard reports, rectification evidence, inspection items): on a phone the
// main button opens the camera (capture="environment"); each image is uploaded to /api/v1/attachments
// straight away (without an owner — the record links it by id when it is saved) and the field's value
// is the list of attachment ids. Controlled, so it sits inside an antd Form.Item like any input.
import { CameraOutlined, DeleteOutlined, PictureOutlined } from '@ant-design/icons';
import { Button, Image, Spin, Typography } from 'antd';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api';
import type { Attachment } from '../app/api-types';
import { useIsMobile } from '../app/useIsMobile';
import { ErrorAlert } from './ErrorAlert';
import './PhotoUpload.css';

export interface PhotoUploadProps {
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** At most this many photos (the API takes 20 per record). */
  max?: number;
  disabled?: boolean;
  /** Text of the main button (default 拍照/上传照片). */
  label?: string;
  /** Set by antd Form.Item; kept on the wrapper (on the button, the field's label would replace the button's own name). */
  id?: string;
}

const contentUrl = (id: string) => `/api/v1/attachments/${id}/content`;

export function PhotoUpload({ value, onChange, max = 20, disabled, label, id }: PhotoUploadProps) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const ids = value ?? [];
  // The latest value, so that uploads finishing after a re-render add to what is there now.
  const latest = useRef(ids);
  latest.current = ids;
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  const galleryInput = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const room = Math.max(0, max - ids.length - pending);
  const full = room === 0;

  async function onFiles(list: FileList | null, input: HTMLInputElement | null) {
    const files = Array.from(list ?? []).slice(0, room);
    if (input) input.value = ''; // the same photo may be chosen again after removing it
    if (files.length === 0) return;
    setError(null);
    setPending((n) => n + files.length);
    const results = await Promise.allSettled(files.map((f) => api.upload<Attachment>('/attachments', f)));
    setPending((n) => n - files.length);
    const uploaded = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.id] : []));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) setError(failed.reason);
    if (uploaded.length) onChange?.([...latest.current, ...uploaded.filter((x) => !latest.current.includes(x))]);
  }

  const remove = (removed: string) => onChange?.(latest.current.filter((x) => x !== removed));

  return (
    <div id={id} className="photo-upload">
      {(ids.length > 0 || pending > 0) && (
        <div className="photo-upload-grid">
          {ids.map((photoId, i) => (
            <div key={photoId} className="photo-upload-thumb">
              <Image src={contentUrl(photoId)} alt={t('hazardsPhotoUpload.photoAlt', { n: i + 1 })} width="100%" height="100%" />
              {!disabled && (
                <Button
                  className="photo-upload-remove"
                  danger
                  shape="circle"
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('hazardsPhotoUpload.remove', { n: i + 1 })}
                  onClick={() => remove(photoId)}
                />
              )}
            </div>
          ))}
          {Array.from({ length: pending }, (_, i) => (
            <div key={`pending-${i}`} className="photo-upload-thumb">
              <div className="photo-upload-pending">
                <Spin aria-label={t('hazardsPhotoUpload.uploading')} />
              </div>
            </div>
          ))}
        </div>
      )}
      {!disabled && (
        <div className="photo-upload-actions">
          <Button size="large" icon={<CameraOutlined aria-hidden />} disabled={full} loading={pending > 0} onClick={() => cameraInput.current?.click()}>
            {label ?? t('hazardsPhotoUpload.add')}
          </Button>
          {mobile && (
            <Button size="large" icon={<PictureOutlined aria-hidden />} disabled={full} onClick={() => galleryInput.current?.click()}>
              {t('hazardsPhotoUpload.gallery')}
            </Button>
          )}
        </div>
      )}
      <Typography.Text type="secondary" className="photo-upload-count">
        {t('hazardsPhotoUpload.count', { count: ids.length, max })}
      </Typography.Text>
      {/* Off-screen inputs: the buttons above are what people (and screen readers) use. */}
      <input
        ref={cameraInput}
        id={`${inputId}-camera`}
        className="photo-upload-input"
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        tabIndex={-1}
        aria-hidden
        disabled={disabled || full}
        onChange={(e) => void onFiles(e.target.files, e.target)}
      />
      <input
        ref={galleryInput}
        id={`${inputId}-gallery`}
        className="photo-upload-input"
        type="file"
        accept="image/*"
        multiple
        tabIndex={-1}
        aria-hidden
        disabled={disabled || full}
        onChange={(e) => void onFiles(e.target.files, e.target)}
      />
      <ErrorAlert error={error} />
    </div>
  );
}
