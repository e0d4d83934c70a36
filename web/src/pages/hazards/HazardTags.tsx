// The small labels every hazard view shows: status, grade (or "not graded"), overdue.
import { useTranslation } from 'react-i18next';
import { StatusTag } from '../../components/StatusTag';
import { GRADE_TONES, gradeLabel, STATUS_TONES, statusLabel } from './labels';
import type { Hazard } from './types';

export function HazardStatusTag({ hazard }: { hazard: Pick<Hazard, 'status' | 'withdrawnAt'> }) {
  const { t } = useTranslation();
  if (hazard.withdrawnAt) return <StatusTag tone="neutral">{t('common.withdrawn')}</StatusTag>;
  return <StatusTag tone={STATUS_TONES[hazard.status]}>{statusLabel(hazard.status)}</StatusTag>;
}

/** While reported the grade is the reporter's proposal; from assessment on it is the grade. */
export function HazardGradeTag({ hazard }: { hazard: Pick<Hazard, 'grade' | 'status'> }) {
  const { t } = useTranslation();
  if (!hazard.grade) return <StatusTag tone="neutral">{t('hazards.ungraded')}</StatusTag>;
  const text = hazard.status === 'reported' ? t('hazards.proposedGrade', { grade: gradeLabel(hazard.grade) }) : gradeLabel(hazard.grade);
  return <StatusTag tone={hazard.status === 'reported' ? 'neutral' : GRADE_TONES[hazard.grade]}>{text}</StatusTag>;
}

export function OverdueTag({ hazard }: { hazard: Pick<Hazard, 'overdue'> }) {
  const { t } = useTranslation();
  return hazard.overdue ? <StatusTag tone="error">{t('hazards.overdue')}</StatusTag> : null;
}
