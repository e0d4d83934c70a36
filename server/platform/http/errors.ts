// Errors with stable codes (DESIGN §5). The message is looked up by code in the request's language
// when the response is written; `params` fill its placeholders; `details` name offending fields.
export interface ErrorDetail {
  path: string;
  /** A message code (translated) or, for schema violations, a ready sentence. */
  code: string;
  params?: Record<string, unknown>;
}

export interface DenialInfo {
  /** Audit the refusal as a denied request (403s, and 404s that hide another unit's record). */
  action?: string;
  targetType?: string;
  targetId?: string;
  orgId?: string | null;
  reason?: string;
}

export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly params: Record<string, unknown> = {},
    public readonly details: ErrorDetail[] = [],
    public readonly denial?: DenialInfo,
  ) {
    super(code);
  }
}

export const badRequest = (code: string, params?: Record<string, unknown>, details?: ErrorDetail[]) =>
  new AppError(400, code, params, details);

/** A field-specific 400: the field is named in details. */
export const invalidField = (path: string, code: string, params?: Record<string, unknown>) =>
  new AppError(400, 'VALIDATION_FAILED', {}, [{ path, code, params }]);

export const unauthorized = (code = 'UNAUTHENTICATED', params?: Record<string, unknown>) => new AppError(401, code, params);

export const forbidden = (code = 'FORBIDDEN', denial: DenialInfo = {}, params?: Record<string, unknown>) =>
  new AppError(403, code, params, [], denial);

/** 404 for "absent" and for "outside the caller's org scope" alike; the latter is audited as denied. */
export const notFound = (code = 'NOT_FOUND', denial?: DenialInfo) => new AppError(404, code, {}, [], denial);

export const conflict = (code: string, params?: Record<string, unknown>) => new AppError(409, code, params);

export const invalidState = (state: string) => new AppError(409, 'INVALID_STATE', { state });

/** 422: a business rule refused the request (e.g. SEPARATION_OF_DUTIES). */
export const ruleRefused = (code: string, params?: Record<string, unknown>, details?: ErrorDetail[]) =>
  new AppError(422, code, params, details);
