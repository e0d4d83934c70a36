// Labels of the patrol enums in the UI language (from the area's i18n catalogue).
import { i18next } from '../../app/i18n';

type Group = 'statusLabel' | 'outcomeLabel' | 'cpStatus' | 'kindLabel' | 'mediumLabel' | 'archiveLabel' | 'checkKindLabel' | 'checkStatusLabel' | 'weekday';

export const label = (group: Group, v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(i18next.t(`patrols.${group}.${v}` as never)));

export const OUTCOMES = ['done', 'problem', 'not_started', 'missed_checkpoints', 'flagged'] as const;
export const MONITORING_KINDS = ['shift', 'event', 'archive'] as const;
export const MEDIA = ['hard_disk', 'nas', 'optical_disc', 'tape', 'cloud', 'other'] as const;
export const ARCHIVE_STATES = ['archived', 'in_retention', 'lost'] as const;
export const CHECK_KINDS = ['opening', 'closing'] as const;
export const CHECK_STATUSES = ['awaiting_second', 'done', 'missed'] as const;
export const options = (values: readonly string[], group: Group) => values.map((v) => ({ value: v, label: label(group, v) }));
