// A delivery's state in the log: waiting (pending, or being sent), sent, or failed for good.
import { useTranslation } from 'react-i18next';
import { StatusTag, type Tone } from '../../components/StatusTag';
import type { DeliveryStatus } from './types';

const TONES: Record<DeliveryStatus, Tone> = { pending: 'warning', sending: 'info', sent: 'success', failed: 'error' };

export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation();
  return <StatusTag tone={TONES[status]}>{t(`notificationDeliveries.status.${status}`)}</StatusTag>;
}
