// Per-org settings, grouped in sections that modules declare (security policy here; reminder
// thresholds, deadlines… in their modules). A unit's effective value of a key is its own, else the
// nearest ancestor's, else the shipped default (the number the regulation gives).
import { type TObject, Type } from '@fastify/type-provider-typebox';

export interface SettingsSection<T extends Record<string, unknown> = Record<string, unknown>> {
  name: string;
  /** Full schema of the section; updates accept any subset of its keys. */
  schema: TObject;
  defaults: T;
  /** Extra rule check on the merged value; return [field, message code, params] on refusal. */
  check?: (value: T) => [string, string, Record<string, unknown>?] | null;
}

const sections = new Map<string, SettingsSection>();

export function defineSettingsSection<T extends Record<string, unknown>>(s: SettingsSection<T>): SettingsSection<T> {
  if (sections.has(s.name)) throw new Error(`settings section ${s.name} defined twice`);
  sections.set(s.name, s as unknown as SettingsSection);
  return s;
}

export function settingsSections(): SettingsSection[] {
  return [...sections.values()];
}

export function settingsSection(name: string): SettingsSection | undefined {
  return sections.get(name);
}

/** Schema of a PATCH body: every section optional, every key in it optional. */
export function settingsPatchSchema() {
  const props: Record<string, ReturnType<typeof Type.Partial>> = {};
  for (const s of sections.values()) props[s.name] = Type.Optional(Type.Partial(s.schema, { additionalProperties: false }));
  return Type.Object({ ...props, version: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false });
}
