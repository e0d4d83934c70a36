// One checklist item of an inspection (INS-03): the check, its standard and method; pass / fail / not
// applicable as big buttons (each tap saves at once, PUT .../results/:itemKey); a note and photos;
// for a failure the hazard grade — proposed by the item's default, confirmed or changed by the
// inspector (INS-04). Read-only once the record is submitted: then the hazard it opened is linked.
import { CheckOutlined, CloseOutlined, MinusOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Image, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { request } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PhotoUpload } from '../../components/PhotoUpload';
import { StatusTag } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';
import { bi, categoryLabel, GRADE_TONES, gradeLabel, hazardGrades, methodLabel, RESULT_TONES, resultLabel } from './labels';
import type { HazardGrade, InspectionDetail, InspectionItem, ItemResult } from './types';

interface Props {
  inspectionId: string;
  item: InspectionItem;
  /** "2 / 11" on the phone's step-through. */
  position?: string;
  editable: boolean;
  /** After a pass or n/a is saved (the phone moves on to the next item). */
  onAnswered?: (result: ItemResult) => void;
}

const RESULT_ICONS: Record<ItemResult, React.ReactNode> = { pass: <CheckOutlined aria-hidden />, fail: <CloseOutlined aria-hidden />, na: <MinusOutlined aria-hidden /> };
const photoUrl = (id: string) => `/api/v1/attachments/${id}/content`;

export const detailKey = (id: string) => ['inspections', 'one', id] as const;

export function ItemCard({ inspectionId, item, position, editable, onAnswered }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const saved = item.result;
  const [note, setNote] = useState(saved?.note ?? '');
  const [grade, setGrade] = useState<HazardGrade>(saved?.grade ?? item.defaultGrade);
  const [photos, setPhotos] = useState<string[]>([]);
  const [chosen, setChosen] = useState<ItemResult | null>(saved?.result ?? null);
  const save = useFormMutation(
    (result: ItemResult) =>
      request<InspectionDetail>('PUT', `/inspections/${inspectionId}/results/${encodeURIComponent(item.key)}`, {
        body: { result, note: note.trim() || null, grade: result === 'fail' ? grade : null, attachmentIds: photos.length ? photos : undefined },
      }),
    {
      invalidate: [['inspections', 'list'], ['history']],
      onSuccess: (d, result) => {
        qc.setQueryData(detailKey(inspectionId), d);
        setPhotos([]);
        if (result !== 'fail') onAnswered?.(result);
      },
    },
  );
  const text = bi(item.text, item.textEn);
  const dirty = !!saved && (note.trim() !== (saved.note ?? '') || photos.length > 0 || (saved.result === 'fail' && grade !== saved.grade));
  const current = chosen ?? saved?.result ?? null;

  return (
    <Card
      className="ins-item"
      size="small"
      title={
        <Space wrap>
          {position && <Typography.Text type="secondary">{position}</Typography.Text>}
          {saved ? <StatusTag tone={RESULT_TONES[saved.result]}>{resultLabel(saved.result)}</StatusTag> : <StatusTag tone="neutral">{t('inspections.unanswered')}</StatusTag>}
          {saved?.result === 'fail' && saved.grade && <StatusTag tone={GRADE_TONES[saved.grade]}>{gradeLabel(saved.grade)}</StatusTag>}
        </Space>
      }
    >
      <h3 className="ins-item-text">{text}</h3>
      <p className="ins-item-standard">
        {t('inspections.standard')}：{bi(item.standard, item.standardEn)}
      </p>
      <Typography.Text type="secondary">
        {methodLabel(item.method)} · {categoryLabel(item.category)} · {t('inspections.defaultGrade')}：{gradeLabel(item.defaultGrade)}
      </Typography.Text>

      {editable && (
        <div role="group" aria-label={t('inspections.resultOf', { item: text })} className="ins-result-buttons">
          {(['pass', 'fail', 'na'] as const).map((r) => (
            <Button
              key={r}
              type={current === r ? 'primary' : 'default'}
              danger={r === 'fail'}
              icon={RESULT_ICONS[r]}
              aria-pressed={current === r}
              loading={save.isPending && save.variables === r}
              onClick={() => {
                setChosen(r);
                save.mutate(r);
              }}
            >
              {resultLabel(r)}
            </Button>
          ))}
        </div>
      )}
      <ErrorAlert error={save.error} />

      <Form layout="vertical" component={false}>
      {editable && current === 'fail' && (
        <Form.Item label={t('inspections.hazardGrade')} extra={t('inspections.gradeHint', { grade: gradeLabel(item.defaultGrade) })}>
          <Radio.Group aria-label={t('inspections.hazardGrade')} className="ins-grade" optionType="button" buttonStyle="solid" value={grade} onChange={(e) => setGrade(e.target.value as HazardGrade)} options={hazardGrades.map((g) => ({ value: g, label: gradeLabel(g) }))} />
        </Form.Item>
      )}
      {editable && current && (
        <>
          <Form.Item label={t('inspections.note')} htmlFor={`note-${item.key}`}>
            <Input.TextArea id={`note-${item.key}`} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={current === 'fail' ? t('inspections.notePlaceholderFail') : undefined} />
          </Form.Item>
          {!!saved?.photos.length && <SavedPhotos photos={saved.photos} />}
          <Form.Item label={t('inspections.photos')}>
            <PhotoUpload value={photos} onChange={setPhotos} max={Math.max(0, 10 - (saved?.photos.length ?? 0))} label={t('inspections.addPhoto')} />
          </Form.Item>
          {dirty && (
            <Button type="primary" className="ins-big-button" block icon={<SaveOutlined aria-hidden />} loading={save.isPending} onClick={() => save.mutate(saved!.result)}>
              {t('inspections.saveItem')}
            </Button>
          )}
        </>
      )}
      </Form>

      {!editable && saved && (
        <div style={{ marginTop: 8 }}>
          {saved.note && (
            <p>
              {t('inspections.note')}：{saved.note}
            </p>
          )}
          {!!saved.photos.length && <SavedPhotos photos={saved.photos} />}
          {saved.hazard && (
            <p>
              {t('inspections.hazardOpened')}：<Link className="ins-inline-link" to={`/hazards/${saved.hazard.id}`}>{saved.hazard.number}</Link>
            </p>
          )}
          {saved.updatedBy && (
            <Typography.Text type="secondary">{t('inspections.answeredBy', { name: saved.updatedBy.name })}</Typography.Text>
          )}
        </div>
      )}
    </Card>
  );
}

function SavedPhotos({ photos }: { photos: Array<{ id: string; fileName: string }> }) {
  const { t } = useTranslation();
  return (
    <div className="ins-photos">
      {photos.map((p, i) => (
        <Image key={p.id} src={photoUrl(p.id)} alt={t('inspections.photoAlt', { n: i + 1, name: p.fileName })} />
      ))}
    </div>
  );
}
