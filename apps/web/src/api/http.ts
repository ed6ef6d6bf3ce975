import type { ErrorBody } from '@vtdeck/contracts';
import { ApiError, ClientCodes } from './errors';

/** Mirrors `CLUSTER_HEADER` in @vtdeck/contracts; imported as a literal so the schema library stays out of the bundle. */
export const CLUSTER_HEADER = 'x-vtdeck-cluster';
/** Mirrors `CSRF_HEADER` in @vtdeck/contracts (same reason). */
export const CSRF_HEADER = 'x-csrf-token';

// The session's CSRF token: the BFF hands it out in the session answer (the cookie itself is httpOnly).
// `api/session` keeps it current; every write sends it back.
let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** JSON body. */
  json?: unknown;
  /** `application/x-www-form-urlencoded` body, as the seed's `POST /api/tablets/` wants. */
  form?: Record<string, string>;
  /** Sent as `X-Vtdeck-Cluster` so seed routes act on this cluster. */
  cluster?: string;
  signal?: AbortSignal;
}

function methodOf(opts: RequestOptions): NonNullable<RequestOptions['method']> {
  return opts.method ?? (opts.json !== undefined || opts.form !== undefined ? 'POST' : 'GET');
}

/**
 * The one place request headers are decided: every write carries the session's CSRF token,
 * so no caller ever sets headers itself.
 */
export function requestHeaders(opts: RequestOptions): Headers {
  const headers = new Headers({ accept: 'application/json' });
  if (methodOf(opts) !== 'GET' && csrfToken) headers.set(CSRF_HEADER, csrfToken);
  if (opts.json !== undefined) headers.set('content-type', 'application/json');
  if (opts.form !== undefined) headers.set('content-type', 'application/x-www-form-urlencoded');
  if (opts.cluster) headers.set(CLUSTER_HEADER, opts.cluster);
  return headers;
}

function requestBody(opts: RequestOptions): BodyInit | undefined {
  if (opts.json !== undefined) return JSON.stringify(opts.json);
  if (opts.form !== undefined) return new URLSearchParams(opts.form).toString();
  return undefined;
}

function isErrorBody(v: unknown): v is ErrorBody {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as ErrorBody).message === 'string' &&
    typeof (v as ErrorBody).code === 'string'
  );
}

async function readJson(res: Response): Promise<{ ok: true; value: unknown } | { ok: false; text: string }> {
  const text = await res.text();
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, text };
  }
}

/** The only call of `fetch`: a request that got no answer becomes an `ApiError`, an abort stays an abort. */
async function send(path: string, opts: RequestOptions): Promise<Response> {
  try {
    return await fetch(path, {
      method: methodOf(opts),
      headers: requestHeaders(opts),
      body: requestBody(opts),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    // Cancellation is react-query's business, not an error to show.
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new ApiError({
      status: 0,
      code: ClientCodes.network,
      message: `cannot reach the server: ${message}`,
    });
  }
}

type ReadBody = Awaited<ReturnType<typeof readJson>>;

/** A non-2xx answer as an `ApiError`: the BFF's own error body when it sent one, else the raw text. */
function failure(res: Response, body: ReadBody): ApiError {
  if (body.ok && isErrorBody(body.value)) {
    return new ApiError({
      status: res.status,
      code: body.value.code,
      message: body.value.message,
      source: body.value.source,
    });
  }
  const text = body.ok ? JSON.stringify(body.value) : body.text;
  return new ApiError({
    status: res.status,
    code: `HTTP_${res.status}`,
    message: text.trim().slice(0, 300) || res.statusText || `HTTP ${res.status}`,
  });
}

/**
 * The boundary: every request goes through here or `apiStream`. It answers the parsed JSON body of a 2xx,
 * and turns every other outcome (no answer, non-2xx, a body that is not JSON) into an `ApiError`.
 */
export async function apiFetch<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  // 204 (sign-out) has no body by definition.
  if (res.status === 204) return undefined as T;
  const body = await readJson(res).catch((err: unknown) => ({ ok: false as const, text: String(err) }));
  if (res.ok) {
    if (body.ok) return body.value as T;
    throw new ApiError({
      status: res.status,
      code: ClientCodes.badResponse,
      message: `the server answered ${path} with something that is not JSON`,
    });
  }
  throw failure(res, body);
}

export interface StreamOptions extends RequestOptions {
  /**
   * Turns an expected refusal into a richer error (the SQL console's 409 lists the statements to
   * confirm); answering `undefined` falls back to the usual `ApiError`.
   */
  refine?: (status: number, body: unknown) => ApiError | undefined;
}

/**
 * The streaming twin of `apiFetch` (same headers, same errors): a 2xx answers the `Response`
 * itself, whose body the caller reads as it arrives (NDJSON).
 */
export async function apiStream(path: string, opts: StreamOptions = {}): Promise<Response> {
  const res = await send(path, opts);
  if (res.ok && res.body) return res;
  const body = await readJson(res).catch((err: unknown) => ({ ok: false as const, text: String(err) }));
  if (res.ok) {
    throw new ApiError({
      status: res.status,
      code: ClientCodes.badResponse,
      message: `${path} sent no body`,
    });
  }
  throw (body.ok ? opts.refine?.(res.status, body.value) : undefined) ?? failure(res, body);
}

export const enc = encodeURIComponent;
