// Status tags of equipment and fault tickets, and the expiry hint (EQP-04).
import { useTranslation } from 'react-i18next';
import { StatusTag } from '../../components/StatusTag';
import { FAULT_TONES, faultStatusLabel, STATUS_TONES, statusLabel } from './labels';
import type { EquipmentStatus, FaultStatus } from './types';

export const EquipmentStatusTag = ({ status }: { status: EquipmentStatus }) => <StatusTag tone={STATUS_TONES[status]}>{statusLabel(status)}</StatusTag>;
export const FaultStatusTag = ({ status }: { status: FaultStatus }) => <StatusTag tone={FAULT_TONES[status]}>{faultStatusLabel(status)}</StatusTag>;

export function ExpiryTag({ days }: { days: number | null }) {
  const { t } = useTranslation();
  if (days === null || days > 60) return null;
  return days < 0 ? <StatusTag tone="error">{t('equipment.daysOver', { days: -days })}</StatusTag> : <StatusTag tone="warning">{t('equipment.daysLeft', { days })}</StatusTag>;
}
