// One hazard: its fields, photos, grade / status / deadline (overdue highlighted), the workflow
// buttons its allowedActions give, the step timeline with evidence, extension requests and the
// change history.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, Image, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import type { Attachment } from '../../app/api-types';
import { formatDate, formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { HazardActions } from './HazardActions';
import { HazardExtensions } from './HazardExtensions';
import { HazardHistory } from './HazardHistory';
import { HazardGradeTag, HazardStatusTag, OverdueTag } from './HazardTags';
import { categoryLabel, sourceLabel, statusLabel } from './labels';
import type { HazardDetail, HazardStatus, HazardStep } from './types';
import './hazards.css';

const contentUrl = (a: Attachment) => `/api/v1/attachments/${a.id}/content`;
const person = (p: { name: string } | null, at?: string | null) => (p ? `${p.name}${at ? ` · ${formatDateTime(at)}` : ''}` : '—');

function Photos({ items, label }: { items: Attachment[]; label: string }) {
  const images = items.filter((a) => a.contentType.startsWith('image/') && !a.withdrawnAt);
  const files = items.filter((a) => !a.contentType.startsWith('image/') && !a.withdrawnAt);
  return (
    <>
      {images.length > 0 && (
        <Image.PreviewGroup>
          <div className="hazard-photo-grid">
            {images.map((a, i) => (
              <Image key={a.id} src={contentUrl(a)} alt={`${label} ${i + 1}`} />
            ))}
          </div>
        </Image.PreviewGroup>
      )}
      {files.map((a) => (
        <div key={a.id}>
          <a href={`${contentUrl(a)}?download=true`}>{a.fileName}</a>
        </div>
      ))}
    </>
  );
}

export default function HazardDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['hazards', 'one', id], queryFn: () => api.get<HazardDetail>(`/hazards/${id}`) });
  const back = { to: '/hazards', label: t('hazards.title') };
  if (q.isLoading) return <Loading />;
  if (!q.data) {
    return (
      <>
        <PageHeader title={t('hazards.title')} back={back} />
        <ErrorAlert error={q.error} />
      </>
    );
  }
  const h = q.data;
  const stepLabel = (s: HazardStep) => t(`hazardStep.${s}`);
  const move = (from: string | null, to: string | null) => (from && to && from !== to ? `${statusLabel(from as HazardStatus)} → ${statusLabel(to as HazardStatus)}` : null);
  return (
    <>
      <PageHeader
        title={`${h.number} ${h.title}`}
        back={back}
        tags={
          <>
            <HazardStatusTag hazard={h} />
            <HazardGradeTag hazard={h} />
            <OverdueTag hazard={h} />
          </>
        }
        extra={
          <div className="hazard-actions">
            <Space wrap>
              <HazardActions hazard={h} />
            </Space>
          </div>
        }
      />
      {h.overdue && <Alert className="block-gap" type="error" showIcon title={t('hazards.overdueAlert', { date: formatDate(h.dueAt) })} />}
      {h.signoffPending && <Alert className="block-gap" type="warning" showIcon title={h.signoffPending === 'closure' ? t('hazards.signoffClosure') : t('hazards.signoffAssessment')} />}
      {h.pendingExtension && <Alert className="block-gap" type="info" showIcon title={t('hazards.extensionPending', { date: formatDate(h.pendingExtension.requestedDueAt) })} />}
      <Card className="card-gap" title={<h2 className="section-title">{t('common.details')}</h2>}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('hazards.field.number')}>{h.number}</Descriptions.Item>
          <Descriptions.Item label={t('hazards.field.category')}>{categoryLabel(h.category)}</Descriptions.Item>
          <Descriptions.Item label={t('hazards.field.orgId')}>{h.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('hazards.field.siteId')}>{h.siteName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('hazards.field.location')}>{h.location ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('hazards.field.source')}>
            {sourceLabel(h.source)}
            {h.inspectionId && (
              <>
                {' · '}
                <Link to={`/inspections/${h.inspectionId}`}>{t('hazards.fromInspection')}</Link>
              </>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('hazards.field.dueAt')}>
            <span className={h.overdue ? 'hazard-overdue-text' : undefined}>{formatDate(h.dueAt)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('hazards.field.reportedBy')}>{person(h.reportedBy, h.reportedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('hazards.field.description')} span={{ xs: 1, sm: 1, md: 2 }}>
            <Typography.Paragraph className="hazard-text">{h.description ?? '—'}</Typography.Paragraph>
          </Descriptions.Item>
          {h.assessedBy && <Descriptions.Item label={t('hazards.field.assessedBy')}>{person(h.assessedBy, h.assessedAt)}</Descriptions.Item>}
          {h.assessmentNote && <Descriptions.Item label={t('hazards.field.assessmentNote')}>{h.assessmentNote}</Descriptions.Item>}
          {h.interimMeasures && <Descriptions.Item label={t('hazards.field.interimMeasures')}>{h.interimMeasures}</Descriptions.Item>}
          {h.assessmentSignoffBy && <Descriptions.Item label={t('hazards.field.assessmentSignoff')}>{person(h.assessmentSignoffBy, h.assessmentSignoffAt)}</Descriptions.Item>}
          {h.noticeNumber && <Descriptions.Item label={t('hazards.field.noticeNumber')}>{`${h.noticeNumber} · ${person(h.noticeIssuedBy, h.noticeIssuedAt)}`}</Descriptions.Item>}
          {h.measures && <Descriptions.Item label={t('hazards.field.measures')}>{h.measures}</Descriptions.Item>}
          {h.responsibleUser && <Descriptions.Item label={t('hazards.field.responsibleUser')}>{h.responsibleUser.name}</Descriptions.Item>}
          {h.rectifiedBy && <Descriptions.Item label={t('hazards.field.rectifiedBy')}>{person(h.rectifiedBy, h.rectifiedAt)}</Descriptions.Item>}
          {h.rectificationNote && <Descriptions.Item label={t('hazards.field.rectificationNote')}>{h.rectificationNote}</Descriptions.Item>}
          {h.verifiedBy && <Descriptions.Item label={t('hazards.field.verifiedBy')}>{person(h.verifiedBy, h.verifiedAt)}</Descriptions.Item>}
          {h.verificationNote && <Descriptions.Item label={t('hazards.field.verificationNote')}>{h.verificationNote}</Descriptions.Item>}
          {h.closureSignoffBy && <Descriptions.Item label={t('hazards.field.closureSignoff')}>{person(h.closureSignoffBy, h.closureSignoffAt)}</Descriptions.Item>}
          {h.closedAt && <Descriptions.Item label={t('hazards.field.closedAt')}>{formatDateTime(h.closedAt)}</Descriptions.Item>}
          {h.reopenCount > 0 && <Descriptions.Item label={t('hazards.field.reopenCount')}>{h.reopenCount}</Descriptions.Item>}
          {h.withdrawnAt && <Descriptions.Item label={t('field.withdrawnAt')}>{formatDateTime(h.withdrawnAt)}</Descriptions.Item>}
          {h.withdrawnReason && <Descriptions.Item label={t('field.withdrawnReason')}>{h.withdrawnReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card className="card-gap" title={<h2 className="section-title">{t('hazards.field.photos')}</h2>}>
        {h.photos.length ? <Photos items={h.photos} label={t('hazards.field.photos')} /> : <Empty description={t('hazards.noPhotos')} />}
      </Card>
      <HazardExtensions hazard={h} />
      <Card className="card-gap" title={<h2 className="section-title">{t('hazards.timeline')}</h2>}>
        <Timeline
          items={h.timeline.map((e) => ({
            key: e.id,
            content: (
              <div className="history-entry">
                <div className="history-time">{formatDateTime(e.at)}</div>
                <div>
                  <Typography.Text strong>{e.by?.name ?? t('history.system')}</Typography.Text> {stepLabel(e.step)}
                  {move(e.fromStatus, e.toStatus) && <Typography.Text type="secondary"> ({move(e.fromStatus, e.toStatus)})</Typography.Text>}
                </div>
                {e.note && <div className="hazard-text">{e.note}</div>}
                {e.attachments.length > 0 && <Photos items={e.attachments} label={t('hazards.field.evidence')} />}
              </div>
            ),
          }))}
        />
      </Card>
      <Card title={<h2 className="section-title">{t('history.title')}</h2>}>
        <HazardHistory hazardId={h.id} />
      </Card>
    </>
  );
}
