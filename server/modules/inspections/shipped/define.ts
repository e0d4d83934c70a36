// Shorthand for writing the shipped checklists as data (INS-01). Each item: a key unique in its
// template, the check and its standard (检查标准) in Chinese and English, the method (现场查看 /
// 技术检测 / 资料审核), the hazard category and the grade a failure proposes.
import type { InspectionMethod, TemplateItem, TemplateSection, TEMPLATE_KINDS } from '../../../db/schema/inspections.ts';

export interface ShippedTemplate {
  kind: (typeof TEMPLATE_KINDS)[number];
  name: string;
  nameEn: string;
  description: string;
  sections: TemplateSection[];
}

export function item(
  key: string,
  text: [string, string],
  standard: [string, string],
  method: InspectionMethod,
  category: TemplateItem['category'],
  defaultGrade: TemplateItem['defaultGrade'],
): TemplateItem {
  return { key, text: text[0], textEn: text[1], standard: standard[0], standardEn: standard[1], method, category, defaultGrade };
}

export const section = (title: string, titleEn: string, items: TemplateItem[]): TemplateSection => ({ title, titleEn, items });
