// The fields of each workflow step's dialog. The server checks every rule again (and its refusals
// land under these fields); the rules here only save a round trip.
import { Alert, DatePicker, Form, Input, Radio, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { PhotoUpload } from '../../components/PhotoUpload';
import { UserSelect } from '../../components/UserSelect';
import { gradeLabel, hazardGrades } from './labels';
import type { HazardDetail, HazardGrade } from './types';
import { orgToday } from '../../app/org-time';

const beforeToday = (d: Dayjs) => d.isBefore(orgToday());

export function NoteField({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item name="note" label={label ?? t('hazards.field.note')} rules={[{ max: 5000 }]}>
      <Input.TextArea rows={3} maxLength={5000} />
    </Form.Item>
  );
}

export function ReasonField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }, { max: 500 }]}>
      <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('common.reasonPlaceholder')} />
    </Form.Item>
  );
}

/** HAZ-02: the grade sets the default deadline (shown from defaultDueOn); a major hazard needs interim measures. */
export function AssessFields({ form, defaultDueOn }: { form: FormInstance; defaultDueOn: HazardDetail['defaultDueOn'] }) {
  const { t } = useTranslation();
  const grade = Form.useWatch('grade', form) as HazardGrade | undefined;
  const defaultDay = grade && defaultDueOn ? defaultDueOn[grade] : undefined;
  return (
    <>
      <Form.Item name="grade" label={t('hazards.field.grade')} rules={[{ required: true, message: t('hazards.gradeRequired') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={hazardGrades.map((g) => ({ value: g, label: gradeLabel(g) }))} />
      </Form.Item>
      <Form.Item
        name="dueOn"
        label={t('hazards.field.dueOn')}
        extra={defaultDay ? t('hazards.defaultDue', { date: formatDate(`${defaultDay}T00:00:00`) }) : t('hazards.defaultDueChooseGrade')}
      >
        <DatePicker disabledDate={beforeToday} placeholder={defaultDay ?? t('hazards.useDefaultDue')} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="interimMeasures"
        label={t('hazards.field.interimMeasures')}
        rules={[{ required: grade === 'major', whitespace: true, message: t('hazards.interimRequired') }, { max: 5000 }]}
        extra={grade === 'major' ? t('hazards.interimHint') : undefined}
      >
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <NoteField label={t('hazards.field.assessmentNote')} />
    </>
  );
}

export function SignoffDescription({ hazard }: { hazard: HazardDetail }) {
  const { t } = useTranslation();
  return <Alert className="block-gap" type="info" showIcon title={hazard.signoffPending === 'closure' ? t('hazards.signoffClosure') : t('hazards.signoffAssessment')} />;
}

/** HAZ-03: the rectification notice — measures, responsible person, deadline (default: the assessed one). */
export function NoticeFields({ dueAt }: { dueAt: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="measures" label={t('hazards.field.measures')} rules={[{ required: true, whitespace: true, message: t('hazards.measuresRequired') }, { max: 5000 }]}>
        <Input.TextArea rows={4} maxLength={5000} />
      </Form.Item>
      <Form.Item name="responsibleUserId" label={t('hazards.field.responsibleUser')} rules={[{ required: true, message: t('hazards.responsibleRequired') }]}>
        <UserSelect activeOnly />
      </Form.Item>
      <Form.Item name="dueOn" label={t('hazards.field.dueOn')} extra={t('hazards.noticeDueHint', { date: formatDate(dueAt) })}>
        <DatePicker disabledDate={beforeToday} style={{ width: '100%' }} />
      </Form.Item>
      <NoteField />
    </>
  );
}

/** What was done, with evidence photos (required when submitting the rectification). */
export function RectifyFields({ evidenceRequired }: { evidenceRequired: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="note" label={t('hazards.field.rectificationNote')} rules={[{ required: true, whitespace: true, message: t('hazards.noteRequired') }, { max: 5000 }]}>
        <Input.TextArea rows={4} maxLength={5000} />
      </Form.Item>
      <Form.Item
        name="attachmentIds"
        label={t('hazards.field.evidence')}
        rules={evidenceRequired ? [{ required: true, type: 'array', min: 1, message: t('hazards.evidenceRequired') }] : []}
      >
        <PhotoUpload max={20} />
      </Form.Item>
    </>
  );
}

export interface VerifyValues {
  result: 'pass' | 'fail';
  note?: string;
}

/** HAZ-05: pass closes it (major: after the head's closure sign-off); fail sends it back with the reason. */
export function VerifyFields({ form, canFail }: { form: FormInstance<VerifyValues>; canFail: boolean }) {
  const { t } = useTranslation();
  const result = Form.useWatch('result', form);
  return (
    <>
      <Form.Item name="result" label={t('hazards.field.verifyResult')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'pass', label: t('hazards.verifyPass') },
            ...(canFail ? [{ value: 'fail', label: t('hazards.verifyFail') }] : []),
          ]}
        />
      </Form.Item>
      <Form.Item
        name="note"
        label={result === 'fail' ? t('hazards.field.failReason') : t('hazards.field.verificationNote')}
        rules={result === 'fail' ? [{ required: true, whitespace: true, message: t('common.reasonRequired') }, { max: 500 }] : [{ max: 5000 }]}
      >
        <Input.TextArea rows={3} maxLength={result === 'fail' ? 500 : 5000} />
      </Form.Item>
    </>
  );
}

/** HAZ-04: a later deadline is asked for, and approved by the security head — never a silent edit. */
export function ExtensionFields({ dueAt }: { dueAt: string | null }) {
  const { t } = useTranslation();
  const current = dueAt ? dayjs(dueAt) : orgToday();
  return (
    <>
      <p>{t('hazards.currentDue', { date: formatDate(dueAt) })}</p>
      <Form.Item name="requestedDueOn" label={t('hazards.field.requestedDueOn')} rules={[{ required: true, message: t('hazards.requestedDueRequired') }]}>
        <DatePicker disabledDate={(d) => !d.isAfter(current, 'day')} style={{ width: '100%' }} />
      </Form.Item>
      <ReasonField />
    </>
  );
}
