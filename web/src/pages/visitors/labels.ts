// Visitor, entry and key enums with their labels and tones. Each list is a Record over the server's own
// union type, so a value added on the server fails the type check here until it is labelled.
import { i18next } from '../../app/i18n';
import type { Tone } from '../../components/StatusTag';
import type { DocumentType, RoomEntryStatus, VisitorStatus } from './types';

export const VISIT_TONES: Record<VisitorStatus, Tone> = { appointed: 'info', inside: 'warning', left: 'success', cancelled: 'neutral', no_show: 'neutral' };
export const ENTRY_TONES: Record<RoomEntryStatus, Tone> = { pending_approval: 'warning', approved: 'info', inside: 'warning', left: 'success', rejected: 'error' };
const DOCS: Record<DocumentType, true> = { resident_id: true, passport: true, other: true };

export const visitStatuses = Object.keys(VISIT_TONES) as VisitorStatus[];
export const entryStatuses = Object.keys(ENTRY_TONES) as RoomEntryStatus[];
export const documentTypes = Object.keys(DOCS) as DocumentType[];

export const visitStatusLabel = (s: VisitorStatus) => i18next.t(`visitors.status.${s}`);
export const entryStatusLabel = (s: RoomEntryStatus) => i18next.t(`visitors.entryStatus.${s}`);
export const documentTypeLabel = (d: DocumentType) => i18next.t(`visitors.documentType.${d}`);
export const options = <T extends string>(values: readonly T[], label: (v: T) => string) => values.map((value) => ({ value, label: label(value) }));
