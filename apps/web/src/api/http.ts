import type { ErrorBody } from '@vtdeck/contracts';
import { ApiError, ClientCodes } from './errors';

/** Mirrors `CLUSTER_HEADER` in @vtdeck/contracts; imported as a literal so the schema library stays out of the bundle. */
export const CLUSTER_HEADER = 'x-vtdeck-cluster';

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

/**
 * The one place request headers are decided. Auth adds its CSRF token (`x-csrf-token`) here
 * for writes, so no caller ever sets headers itself.
 */
function requestHeaders(opts: RequestOptions): Headers {
  const headers = new Headers({ accept: 'application/json' });
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

/**
 * The boundary: the only function that calls `fetch`. It answers the parsed JSON body of a 2xx,
 * and turns every other outcome (no answer, non-2xx, a body that is not JSON) into an `ApiError`.
 */
export async function apiFetch<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: opts.method ?? (opts.json !== undefined || opts.form !== undefined ? 'POST' : 'GET'),
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

  const body = await readJson(res).catch((err: unknown) => ({ ok: false as const, text: String(err) }));
  if (res.ok) {
    if (body.ok) return body.value as T;
    throw new ApiError({
      status: res.status,
      code: ClientCodes.badResponse,
      message: `the server answered ${path} with something that is not JSON`,
    });
  }
  if (body.ok && isErrorBody(body.value)) {
    throw new ApiError({
      status: res.status,
      code: body.value.code,
      message: body.value.message,
      source: body.value.source,
    });
  }
  const text = body.ok ? JSON.stringify(body.value) : body.text;
  throw new ApiError({
    status: res.status,
    code: `HTTP_${res.status}`,
    message: text.trim().slice(0, 300) || res.statusText || `HTTP ${res.status}`,
  });
}

export const enc = encodeURIComponent;
