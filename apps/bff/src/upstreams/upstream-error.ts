import type { UpstreamErrorKind } from '@vtdeck/contracts';

/** Socket errors that mean the upstream could not be reached or dropped the connection. */
export const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
/** The same for an undici client, which adds its own socket errors. */
export const HTTP_UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  ...UNREACHABLE_CODES,
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
/** undici's timeouts (connect, headers, body). */
export const HTTP_TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * The one failure type every upstream client throws. Routes never look at undici errors or raw
 * status codes: they see a kind, the upstream that failed and (when it answered) its status.
 */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly source: string;
  readonly kind: UpstreamErrorKind;
  readonly status: number | undefined;
  readonly cluster: string;

  constructor(init: {
    source: string;
    cluster: string;
    kind: UpstreamErrorKind;
    message: string;
    status?: number;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.source = init.source;
    this.cluster = init.cluster;
    this.kind = init.kind;
    this.status = init.status;
  }
}

export function isUpstreamError(err: unknown): err is UpstreamError {
  return err instanceof UpstreamError;
}
