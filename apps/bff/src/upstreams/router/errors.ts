import type { UpstreamErrorKind } from '@vtdeck/contracts';
import { HTTP_TIMEOUT_CODES, HTTP_UNREACHABLE_CODES, UpstreamError } from '../upstream-error';

// The one place that sorts a Router call's failure into an UpstreamError kind. The client and the
// raw pass-through both use it, so a wrong password, an untrusted certificate and a Router that is
// down read the same everywhere.

export interface RouterRef {
  cluster: string;
  name: string;
}

// Node's certificate verification codes (OpenSSL names) and its own TLS/SSL failures.
const TLS_CODE = /CERT|SIGNATURE|^ERR_TLS_|^ERR_SSL_|^EPROTO$/;

export const routerSource = (name: string) => `router:${name}`;

export function routerError(
  ref: RouterRef,
  kind: UpstreamErrorKind,
  message: string,
  status?: number,
  cause?: unknown,
): UpstreamError {
  return new UpstreamError({
    source: routerSource(ref.name),
    cluster: ref.cluster,
    kind,
    status,
    cause,
    message: `MySQL Router ${ref.name} (cluster ${ref.cluster}) ${message}`,
  });
}

/** A call that got no HTTP answer: timeout, TLS refusal or unreachable. */
export function fromThrown(
  ref: RouterRef,
  err: unknown,
  what: string,
  timeoutMs: number,
  aborted = false,
): UpstreamError {
  if (err instanceof UpstreamError) return err;
  const code = errorCode(err);
  if (aborted || HTTP_TIMEOUT_CODES.has(code)) {
    return routerError(ref, 'timeout', `did not answer ${what} within ${timeoutMs} ms`, undefined, err);
  }
  const detail = describeCause(err);
  if (TLS_CODE.test(code)) {
    return routerError(
      ref,
      'tls',
      `presented a certificate the BFF does not trust (${detail}); set the router's \`ca\` to its CA file, or \`insecure: true\` to skip verification`,
      undefined,
      err,
    );
  }
  const message = HTTP_UNREACHABLE_CODES.has(code)
    ? `is unreachable (${detail})`
    : `could not be called for ${what} (${detail})`;
  return routerError(ref, 'unreachable', message, undefined, err);
}

/** A non-2xx answer. 401 bodies are empty on a Router, so the message says what it means. */
export function fromStatus(ref: RouterRef, status: number, body: string, what: string): UpstreamError {
  if (status === 401) {
    return routerError(
      ref,
      'unauthorized',
      `refused the configured user and password (401 to ${what})`,
      status,
    );
  }
  if (status === 403) {
    return routerError(ref, 'forbidden', `does not let the configured user read ${what} (403)`, status);
  }
  const text = clip(body.trim());
  const kind: UpstreamErrorKind =
    status === 404 ? 'not_found' : status >= 500 ? 'upstream_5xx' : 'bad_response';
  const reason = kind === 'not_found' ? 'found nothing at' : `answered ${status} to`;
  return routerError(ref, kind, `${reason} ${what}${text ? `: ${text}` : ''}`, status);
}

function errorCode(err: unknown): string {
  // undici wraps socket errors: the TLS code sits on the cause.
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  for (const code of [e?.cause?.code, e?.code]) {
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET' && TLS_CODE.test(code)) return code;
  }
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : '';
}

function describeCause(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } } | null;
  const parts = [e?.message, e?.cause?.message].filter((m): m is string => Boolean(m));
  return [...new Set(parts)].join(': ') || String(err);
}

function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
