import { EventEmitter } from 'node:events';
import type { UpstreamErrorKind } from '@vtdeck/contracts';
import { Pool } from 'undici';
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

  /** The boundary: one request out, the body text back, or an UpstreamError. */
  private async exchange(req: Exchange, opts: CallOptions | undefined): Promise<string> {
    const what = `${req.method} ${req.path.split('?')[0]}`;
    const deadline = new Deadline(req.timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json, text/plain' };
    if (req.contentType) headers['content-type'] = req.contentType;
    if (opts?.requestId) headers['x-request-id'] = opts.requestId;
    if (this.authorization) headers.authorization = this.authorization;
    let status: number;
    let text: string;
    try {
      const res = await this.pool.request({
        path: this.prefix + req.path,
        method: req.method,
        headers,
        body: req.body,
        signal: deadline,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      throw this.fromThrown(err, deadline.aborted, what, req.timeoutMs);
    } finally {
      deadline.clear();
    }
    if (status >= 200 && status < 300) return text;
    throw this.fromStatus(status, text, what);
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
 * A request's deadline, given to undici as its `signal` (undici takes an EventEmitter there). Not
 * AbortSignal.timeout: that costs ~15 µs per request in listeners, a timer left running and a
 * DOMException when it fires, seen in bench/proxy.ts; this one is a timer cleared on the answer.
 */
class Deadline extends EventEmitter {
  aborted = false;
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number) {
    super();
    this.timer = setTimeout(() => {
      this.aborted = true;
      this.emit('abort');
    }, ms);
  }

  clear(): void {
    clearTimeout(this.timer);
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
