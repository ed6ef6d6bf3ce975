import { ApiException } from '@kubernetes/client-node';
import type { UpstreamErrorKind } from '@vtdeck/contracts';
import { UNREACHABLE_CODES, UpstreamError } from '../upstream-error';

export const SOURCE = 'kubernetes';

/**
 * A failure of the Kubernetes API. Besides the kind every upstream error has, it keeps the API's own
 * HTTP status and Status `reason` (AlreadyExists, Invalid, ...), so routes can hand a refusal back
 * with its status and Kubernetes' message instead of a generic 502.
 */
export class KubeError extends UpstreamError {
  readonly reason: string | undefined;

  constructor(init: {
    cluster: string;
    kind: UpstreamErrorKind;
    message: string;
    status?: number;
    reason?: string;
    cause?: unknown;
  }) {
    super({ ...init, source: SOURCE });
    this.reason = init.reason;
  }

  /** The API server refused the request itself (400, 409, 410, 422...): the caller's problem, not an outage. */
  get isRefusal(): boolean {
    return this.status !== undefined && this.status >= 400 && this.status < 500 && this.status !== 401;
  }
}

interface StatusBody {
  message?: string;
  reason?: string;
  code?: number;
}

/** client-node 1.x leaves the Status as raw text in `body` (and drops it entirely on 401). */
function statusOf(err: ApiException<unknown>): StatusBody {
  const body: unknown = err.body;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as unknown;
      if (parsed && typeof parsed === 'object') return parsed as StatusBody;
    } catch {
      return { message: body.trim().slice(0, 500) || undefined };
    }
  }
  if (body && typeof body === 'object') return body as StatusBody;
  return {};
}

function kindOfStatus(status: number): UpstreamErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'upstream_5xx';
  // Other refusals (400, 409, 422...) have no kind of their own; `isRefusal` tells them apart.
  return 'bad_response';
}

/** The one boundary: whatever client-node or the network threw becomes a KubeError. */
export function toKubeError(err: unknown, cluster: string): KubeError {
  if (err instanceof KubeError) return err;
  if (err instanceof ApiException) {
    const status = err.code;
    const st = statusOf(err);
    const message =
      status === 401
        ? 'the Kubernetes API refused the BFF credentials (401 Unauthorized)'
        : (st.message ?? `the Kubernetes API answered ${status}`);
    return new KubeError({
      cluster,
      kind: kindOfStatus(status),
      status,
      reason: st.reason,
      message,
      cause: err,
    });
  }
  const e = err as { code?: string; type?: string; name?: string; message?: string };
  if (e?.name === 'AbortError' || e?.type === 'aborted' || e?.code === 'ETIMEDOUT') {
    return new KubeError({
      cluster,
      kind: 'timeout',
      message: 'the Kubernetes API did not answer in time',
      cause: err,
    });
  }
  const code = e?.code ?? '';
  const detail = e?.message ?? String(err);
  return new KubeError({
    cluster,
    kind: 'unreachable',
    message: UNREACHABLE_CODES.has(code)
      ? `cannot reach the Kubernetes API of cluster ${cluster}: ${code}`
      : `cannot use the Kubernetes API of cluster ${cluster}: ${detail}`,
    cause: err,
  });
}
