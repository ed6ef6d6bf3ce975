import type { UpstreamErrorKind } from '@vtdeck/contracts';
import { type Dispatcher, Pool } from 'undici';
import { HTTP_TIMEOUT_CODES, HTTP_UNREACHABLE_CODES, UpstreamError } from '../upstream-error';
import type {
  RawKeyspace,
  RawShard,
  RawTablet,
  RawTabletAlias,
  RawTabletHealth,
  RawVtctlResult,
} from './records';
import { parseSchemaApplyOutput, type SchemaApplyOutcome } from './schema-apply';

export interface VtctldClientOptions {
  cluster: string;
  url: string;
  /** Deadline for reads (collections, records). */
  timeoutMs: number;
  /** Deadline for commands and schema changes, which legitimately run longer than reads. */
  commandTimeoutMs: number;
  /** Upper bound of open connections to this vtctld. */
  connections: number;
}

export interface CallOptions {
  requestId?: string;
  timeoutMs?: number;
}

interface Exchange {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  contentType?: string;
  timeoutMs: number;
}

const SOURCE = 'vtctld';

const seg = (s: string) => encodeURIComponent(s);

/**
 * The typed client of one cluster's legacy vtctld HTTP API. It always sends the trailing slash
 * (vtctld's ServeMux answers 301 otherwise) and turns every failure into an UpstreamError in
 * `exchange`, the only place that touches undici.
 */
export class VtctldClient {
  readonly cluster: string;
  readonly url: string;
  private readonly pool: Pool;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private readonly commandTimeoutMs: number;
  private readonly authorization: string | undefined;

  constructor(options: VtctldClientOptions) {
    const base = new URL(options.url);
    this.cluster = options.cluster;
    this.url = `${base.origin}${base.pathname.replace(/\/+$/, '')}`; // credentials left out: it is shown
    // A vtctld behind an authenticating proxy: credentials in the URL become basic auth.
    this.authorization = base.username
      ? `Basic ${Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString('base64')}`
      : undefined;
    this.prefix = base.pathname.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs;
    this.commandTimeoutMs = options.commandTimeoutMs;
    this.pool = new Pool(base.origin, {
      connections: options.connections,
      pipelining: 1,
      connect: { timeout: options.timeoutMs },
    });
  }

  keyspaceNames(opts?: CallOptions): Promise<string[]> {
    return this.getJson<string[] | null>('/api/keyspaces/', opts).then((v) => v ?? []);
  }

  keyspace(keyspace: string, opts?: CallOptions): Promise<RawKeyspace> {
    return this.getJson<RawKeyspace>(`/api/keyspaces/${seg(keyspace)}`, opts);
  }

  shardNames(keyspace: string, opts?: CallOptions): Promise<string[]> {
    return this.getJson<string[] | null>(`/api/shards/${seg(keyspace)}/`, opts).then((v) => v ?? []);
  }

  shard(keyspace: string, shard: string, opts?: CallOptions): Promise<RawShard> {
    return this.getJson<RawShard>(`/api/shards/${seg(keyspace)}/${seg(shard)}`, opts);
  }

  /**
   * Every shard record of a keyspace in one call (vtctl `FindAllShardsInKeyspace`, a map of shard
   * name → Shard, rendered by encoding/json). Resolves `{error}` when vtctld reports that the
   * command failed, so callers can fall back to one `GET /api/shards/<ks>/<shard>` per shard.
   */
  async findAllShards(
    keyspace: string,
    opts?: CallOptions,
  ): Promise<{ shards: Record<string, RawShard> } | { error: string }> {
    const result = await this.vtctl(['FindAllShardsInKeyspace', keyspace], {
      timeoutMs: this.timeoutMs,
      ...opts,
    });
    if (result.Error) return { error: result.Error };
    // Output is the JSON followed by blank lines, possibly after glog lines.
    const start = result.Output.search(/^\{/m);
    try {
      const shards = JSON.parse(result.Output.slice(Math.max(start, 0))) as Record<string, RawShard> | null;
      return { shards: shards ?? {} };
    } catch {
      throw this.error('bad_response', `printed no JSON for FindAllShardsInKeyspace ${keyspace}`);
    }
  }

  /** Every tablet record of a keyspace in one call (`/api/keyspace/<ks>/tablets/`). */
  keyspaceTablets(keyspace: string, opts?: CallOptions): Promise<RawTablet[]> {
    return this.getJson<RawTablet[] | null>(`/api/keyspace/${seg(keyspace)}/tablets/`, opts).then(
      (v) => v ?? [],
    );
  }

  cells(opts?: CallOptions): Promise<string[]> {
    return this.getJson<string[] | null>('/api/cells/', opts).then((v) => v ?? []);
  }

  /** Aliases of a shard's tablets; vtctld answers `null` instead of `[]` in some cases. */
  tabletAliases(
    keyspaceShard: string,
    cell: string | undefined,
    opts?: CallOptions,
  ): Promise<RawTabletAlias[]> {
    const query = new URLSearchParams({ shard: keyspaceShard });
    if (cell) query.set('cell', cell);
    return this.getJson<RawTabletAlias[] | null>(`/api/tablets/?${query}`, opts).then((v) => v ?? []);
  }

  tablet(alias: string, opts?: CallOptions): Promise<RawTablet> {
    return this.getJson<RawTablet>(`/api/tablets/${seg(alias)}`, opts);
  }

  tabletHealth(alias: string, opts?: CallOptions): Promise<RawTabletHealth> {
    return this.getJson<RawTabletHealth>(`/api/tablets/${seg(alias)}/health`, opts);
  }

  /** Runs a vtctl command. A command failure is a normal answer (`Error` set), not an exception. */
  async vtctl(args: string[], opts?: CallOptions): Promise<RawVtctlResult> {
    const path = '/api/vtctl/';
    const text = await this.exchange(
      {
        method: 'POST',
        path,
        body: JSON.stringify(args),
        contentType: 'application/json',
        timeoutMs: this.commandTimeout(opts),
      },
      opts,
    );
    const value = this.parseJson<Partial<RawVtctlResult>>(text, 'POST', path);
    if (typeof value?.Error !== 'string' || typeof value.Output !== 'string') {
      throw this.error('bad_response', `answered POST ${path} without {Error, Output}`);
    }
    return { Error: value.Error, Output: value.Output };
  }

  /** `/api/schema/apply` streams text with status 200 even when the change fails: parse it. */
  async applySchema(
    request: { Keyspace: string; SQL: string; SlaveTimeoutSeconds?: number },
    opts?: CallOptions,
  ): Promise<SchemaApplyOutcome> {
    const text = await this.exchange(
      {
        method: 'POST',
        path: '/api/schema/apply',
        body: JSON.stringify(request),
        contentType: 'application/json',
        timeoutMs: this.commandTimeout(opts),
      },
      opts,
    );
    return parseSchemaApplyOutput(text, request.SQL);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private commandTimeout(opts?: CallOptions): number {
    return opts?.timeoutMs ?? this.commandTimeoutMs;
  }

  private async getJson<T>(path: string, opts?: CallOptions): Promise<T> {
    const text = await this.exchange(
      { method: 'GET', path, timeoutMs: opts?.timeoutMs ?? this.timeoutMs },
      opts,
    );
    return this.parseJson<T>(text, 'GET', path);
  }

  private parseJson<T>(text: string, method: string, path: string): T {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw this.error(
        'bad_response',
        `answered ${method} ${path} with something that is not JSON: ${clip(text)}`,
      );
    }
  }

  /**
   * The boundary: one request out, the body text back, or an UpstreamError. A bare dispatch handler
   * (Answer) gathers the body: `pool.request` wraps each answer in a stream and a promise per step,
   * a third of this client's cost on the proxy path (bench/proxy.ts).
   */
  private exchange(req: Exchange, opts: CallOptions | undefined): Promise<string> {
    const what = `${req.method} ${req.path.split('?')[0]}`;
    const headers: Record<string, string> = { accept: 'application/json, text/plain' };
    if (req.contentType) headers['content-type'] = req.contentType;
    if (opts?.requestId) headers['x-request-id'] = opts.requestId;
    if (this.authorization) headers.authorization = this.authorization;
    return new Promise((resolve, reject) => {
      const answer = new Answer(req.timeoutMs, (err, status, text) => {
        if (err) reject(this.fromThrown(err, answer.timedOut, what, req.timeoutMs));
        else if (status >= 200 && status < 300) resolve(text);
        else reject(this.fromStatus(status, text, what));
      });
      this.pool.dispatch(
        {
          path: this.prefix + req.path,
          method: req.method,
          headers,
          body: req.body,
          headersTimeout: req.timeoutMs,
          bodyTimeout: req.timeoutMs,
        },
        answer,
      );
    });
  }

  private fromThrown(err: unknown, timedOut: boolean, what: string, timeoutMs: number): UpstreamError {
    const code = errorCode(err);
    if (timedOut || HTTP_TIMEOUT_CODES.has(code)) {
      return this.error('timeout', `did not answer ${what} within ${timeoutMs} ms`, undefined, err);
    }
    const detail = describeCause(err);
    const message = HTTP_UNREACHABLE_CODES.has(code)
      ? `is unreachable (${detail})`
      : `could not be called for ${what} (${detail})`;
    return this.error('unreachable', message, undefined, err);
  }

  private fromStatus(status: number, body: string, what: string): UpstreamError {
    const text = clip(body.trim());
    const kind: UpstreamErrorKind =
      status === 401
        ? 'unauthorized'
        : status === 403
          ? 'forbidden'
          : status === 404
            ? 'not_found'
            : status >= 500
              ? 'upstream_5xx'
              : 'bad_response';
    const reason = kind === 'not_found' ? 'found nothing at' : `answered ${status} to`;
    return this.error(kind, `${reason} ${what}${text ? `: ${text}` : ''}`, status);
  }

  private error(kind: UpstreamErrorKind, message: string, status?: number, cause?: unknown): UpstreamError {
    return new UpstreamError({
      source: SOURCE,
      cluster: this.cluster,
      kind,
      status,
      cause,
      message: `vtctld of cluster ${this.cluster} ${message}`,
    });
  }
}

/**
 * One answer being gathered, under a deadline: when it passes, the caller hears of it at once, even
 * if the request still waits in the pool's queue, and the request is aborted as soon as undici lets.
 */
class Answer implements Dispatcher.DispatchHandler {
  timedOut = false;
  private status = 0;
  private readonly chunks: Buffer[] = [];
  private controller: Dispatcher.DispatchController | undefined;
  private readonly timer: NodeJS.Timeout;
  private done: ((err: Error | null, status: number, text: string) => void) | undefined;

  constructor(ms: number, done: (err: Error | null, status: number, text: string) => void) {
    this.done = done;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      const err = new Error(`no answer within ${ms} ms`);
      this.controller?.abort(err);
      this.finish(err);
    }, ms);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.timedOut) controller.abort(new Error('deadline passed in the queue'));
  }

  onResponseStart(_controller: Dispatcher.DispatchController, status: number): void {
    this.status = status;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const body = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.finish(null, body.toString('utf8'));
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    this.finish(err);
  }

  private finish(err: Error | null, text = ''): void {
    clearTimeout(this.timer);
    const done = this.done;
    this.done = undefined; // once: a late error after the deadline is nobody's business
    done?.(err, this.status, text);
  }
}

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : '';
}

function describeCause(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } } | null;
  const parts = [e?.message, e?.cause?.message].filter((m): m is string => Boolean(m));
  return [...new Set(parts)].join(': ') || String(err);
}

function clip(text: string, max = 500): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
