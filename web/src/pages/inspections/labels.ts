// The inspections module's enums with their labels and tones. Each list is a Record over the
// server's own union type, so a value added on the server fails the type check here until labelled.
import { i18next } from '../../app/i18n';
import type { Tone } from '../../components/StatusTag';
import type { HazardCategory, HazardGrade, InspectionMethod, InspectionStatus, ItemResult, Recurrence, TemplateKind } from './types';

export const STATUS_TONES: Record<InspectionStatus, Tone> = { planned: 'info', in_progress: 'warning', submitted: 'success' };
export const RESULT_TONES: Record<ItemResult, Tone> = { pass: 'success', fail: 'error', na: 'neutral' };
export const GRADE_TONES: Record<HazardGrade, Tone> = { general: 'info', significant: 'warning', major: 'error' };
const METHODS: Record<InspectionMethod, true> = { onsite: true, technical: true, documents: true };
const CATEGORIES: Record<HazardCategory, true> = { physical: true, network: true, fire: true, personnel: true, other: true };
const RECURRENCES: Record<Recurrence, true> = { daily: true, weekly: true, monthly: true, quarterly: true, yearly: true, once: true };
const KINDS: Record<TemplateKind, true> = { business_hall: true, machine_room: true, vault: true, fire: true, atm: true, network: true, personnel: true, other: true };

export const inspectionStatuses = Object.keys(STATUS_TONES) as InspectionStatus[];
export const itemResults = Object.keys(RESULT_TONES) as ItemResult[];
export const hazardGrades = Object.keys(GRADE_TONES) as HazardGrade[];
export const inspectionMethods = Object.keys(METHODS) as InspectionMethod[];
export const hazardCategories = Object.keys(CATEGORIES) as HazardCategory[];
export const recurrences = Object.keys(RECURRENCES) as Recurrence[];
export const templateKinds = Object.keys(KINDS) as TemplateKind[];

export const statusLabel = (s: InspectionStatus) => i18next.t(`inspectionEnums.status.${s}`);
export const resultLabel = (r: ItemResult) => i18next.t(`inspectionEnums.result.${r}`);
export const gradeLabel = (g: HazardGrade) => i18next.t(`inspectionEnums.grade.${g}`);
export const methodLabel = (m: InspectionMethod) => i18next.t(`inspectionEnums.method.${m}`);
export const categoryLabel = (c: HazardCategory) => i18next.t(`inspectionEnums.category.${c}`);
export const recurrenceLabel = (r: Recurrence) => i18next.t(`inspectionEnums.recurrence.${r}`);
export const kindLabel = (k: TemplateKind) => i18next.t(`inspectionEnums.kind.${k}`);
export const signMethodLabel = (m: 'drawn' | 'password' | 'account') => i18next.t(`inspectionEnums.signMethod.${m}`);

/** Chinese or English text of a bilingual field (the English one may be empty: then the Chinese). */
export const bi = (zh: string, en: string | undefined | null) => (i18next.language === 'en' && en ? en : zh);
