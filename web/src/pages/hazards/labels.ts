// Hazard enums with their labels and tones. Each list is a Record over the server's own union type,
// so a value added on the server fails the type check here until it is labelled in both languages.
import { i18next } from '../../app/i18n';
import type { Tone } from '../../components/StatusTag';
import type { HazardCategory, HazardGrade, HazardSource, HazardStatus } from './types';

export const STATUS_TONES: Record<HazardStatus, Tone> = { reported: 'info', assessed: 'warning', rectifying: 'warning', rectified: 'info', closed: 'success' };
export const GRADE_TONES: Record<HazardGrade, Tone> = { general: 'neutral', significant: 'warning', major: 'error' };
const CATEGORIES: Record<HazardCategory, true> = { physical: true, network: true, fire: true, personnel: true, other: true };
const SOURCES: Record<HazardSource, true> = { inspection: true, patrol: true, report: true, audit: true, assessment: true, other: true };

export const hazardStatuses = Object.keys(STATUS_TONES) as HazardStatus[];
export const hazardGrades = Object.keys(GRADE_TONES) as HazardGrade[];
export const hazardCategories = Object.keys(CATEGORIES) as HazardCategory[];
export const hazardSources = Object.keys(SOURCES) as HazardSource[];
/** What a reporter may name as the source (the inspection source is set by inspections only). */
export const reportSources = hazardSources.filter((s): s is Exclude<HazardSource, 'inspection'> => s !== 'inspection');

export const statusLabel = (s: HazardStatus) => i18next.t(`hazardStatus.${s}`);
export const gradeLabel = (g: HazardGrade) => i18next.t(`hazardGrade.${g}`);
export const categoryLabel = (c: HazardCategory) => i18next.t(`hazardCategory.${c}`);
export const sourceLabel = (s: HazardSource) => i18next.t(`hazardSource.${s}`);

export const options = <T extends string>(values: readonly T[], label: (v: T) => string) => values.map((value) => ({ value, label: label(value) }));
