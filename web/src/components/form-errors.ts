// Server field errors onto form fields: details name fields by dotted path ("name",
// "security.passwordMinLength", "permissions.0"); each goes to the deepest registered field it names.
import type { FormInstance } from 'antd';
import type { ErrorDetail } from '../app/api-types';
import { ApiError } from '../app/api';

type NamePath = Array<string | number>;

function registeredFields(form: FormInstance): Map<string, NamePath> {
  return new Map(form.getFieldsError().map((f) => [f.name.join('.'), f.name as NamePath]));
}

/** The registered field a detail path belongs to, if any ("permissions.0" → "permissions"). */
function fieldFor(fields: Map<string, NamePath>, path: string): NamePath | undefined {
  const segs = path.split('.');
  for (let n = segs.length; n > 0; n--) {
    const hit = fields.get(segs.slice(0, n).join('.'));
    if (hit) return hit;
  }
  return undefined;
}

/** Shows each detail under its field; returns the details no field took (shown in the alert). */
export function applyFieldErrors(form: FormInstance, error: unknown): ErrorDetail[] {
  if (!(error instanceof ApiError)) return [];
  const fields = registeredFields(form);
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const rest: ErrorDetail[] = [];
  for (const d of error.details) {
    const name = fieldFor(fields, d.path);
    if (!name) {
      rest.push(d);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(d.message);
    byField.set(key, entry);
  }
  if (byField.size) form.setFields([...byField.values()].map((f) => ({ name: f.name, errors: f.errors })));
  return rest;
}

/** Details of an error that no field of the form takes. */
export function unmatchedDetails(form: FormInstance | undefined, error: ApiError): ErrorDetail[] {
  if (!form) return error.details;
  const fields = registeredFields(form);
  return error.details.filter((d) => !fieldFor(fields, d.path));
}
