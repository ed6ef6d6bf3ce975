import type { UpstreamErrorKind } from '@vtdeck/contracts';

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
