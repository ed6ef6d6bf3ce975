/**
 * The one error vocabulary of the web app. Every failure of a BFF call becomes an `ApiError`;
 * components never look inside response bodies, they ask `describeError()`.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the request never got an answer (network down, CORS, aborted proxy). */
  readonly status: number;
  /** Stable machine code from the BFF (`FORBIDDEN`, `UPSTREAM_UNREACHABLE`...) or one we name here. */
  readonly code: string;
  /** The upstream that failed, when the BFF knows it (e.g. `vtctld`). */
  readonly source: string | undefined;
  /** What a vtctl command printed before failing: shown beside the error, it is often the real diagnosis. */
  readonly output: string | undefined;

  constructor(init: { status: number; code: string; message: string; source?: string; output?: string }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.source = init.source;
    this.output = init.output;
  }
}

/** Codes the client itself assigns when the BFF could not give one. */
export const ClientCodes = {
  network: 'NETWORK',
  badResponse: 'BAD_RESPONSE',
  vtctl: 'VTCTL_ERROR',
} as const;

export type ErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'invalid'
  | 'vtctl'
  | 'network'
  | 'outage'
  | 'unknown';

export interface ErrorDescription {
  kind: ErrorKind;
  /** 403/404-like problems are the user's context, not an outage: shown calmly. */
  calm: boolean;
  message: string;
  status: number;
  code: string;
  source: string | undefined;
  output: string | undefined;
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError({ status: 0, code: 'UNKNOWN', message });
}

function kindOf(e: ApiError): ErrorKind {
  if (e.code === ClientCodes.vtctl) return 'vtctl';
  if (e.code === ClientCodes.network) return 'network';
  if (e.status === 401) return 'unauthorized';
  if (e.status === 403) return 'forbidden';
  if (e.status === 404) return 'not_found';
  if (e.status >= 400 && e.status < 500) return 'invalid';
  if (e.status >= 500 || e.code === ClientCodes.badResponse) return 'outage';
  return 'unknown';
}

export function describeError(err: unknown): ErrorDescription {
  const e = toApiError(err);
  const kind = kindOf(e);
  return {
    kind,
    calm: kind === 'forbidden' || kind === 'not_found' || kind === 'unauthorized' || kind === 'invalid',
    message: e.message,
    status: e.status,
    code: e.code,
    source: e.source,
    output: e.output,
  };
}

/** Retrying a client error only repeats it; vtctl's own refusals are answers, not glitches. */
export function isRetryable(err: unknown): boolean {
  const e = toApiError(err);
  if (e.code === ClientCodes.vtctl) return false;
  return e.status === 0 || e.status >= 500;
}
