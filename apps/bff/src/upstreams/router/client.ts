import { ROUTER_API_BASE } from '@vtdeck/contracts';
import { Pool } from 'undici';
import { fromStatus, fromThrown, type RouterRef, routerError } from './errors';
import type {
  RawBlockedHosts,
  RawConnections,
  RawDestinations,
  RawMetadataConfig,
  RawMetadataStatus,
  RawNamedList,
  RawPoolConfig,
  RawPoolStatus,
  RawRouteConfig,
  RawRouterStatus,
  RawRouteStatus,
  RawRoutingStatus,
} from './records';

export interface RouterClientOptions {
  cluster: string;
  name: string;
  /** Origin of the Router's HTTP server, e.g. `https://router-0:8443`. */
  url: string;
  user?: string;
  password?: string;
  /** PEM of the CA that signed the Router's certificate (bootstrap makes a self-signed one). */
  caPem?: string;
  /** Skip certificate verification; only when the config says so explicitly. */
  insecure?: boolean;
  timeoutMs?: number;
  connections?: number;
}

export interface CallOptions {
  requestId?: string;
  timeoutMs?: number;
}

const seg = (s: string) => encodeURIComponent(s);

/**
 * The typed client of one MySQL Router's monitoring REST API. Every call goes through `get`, the
 * boundary that turns failures into UpstreamError (see errors.ts). The pool is also lent to the raw
 * pass-through so it trusts the same CA.
 */
export class RouterClient implements RouterRef {
  readonly cluster: string;
  readonly name: string;
  /** Shown to users: no credentials in it. */
  readonly url: string;
  readonly origin: string;
  readonly basePath: string;
  /** `Basic …` for the configured user, or undefined when the Router needs none. */
  readonly authorization: string | undefined;
  readonly pool: Pool;
  readonly timeoutMs: number;

  constructor(options: RouterClientOptions) {
    const base = new URL(options.url);
    this.cluster = options.cluster;
    this.name = options.name;
    this.origin = base.origin;
    this.basePath = `${base.pathname.replace(/\/+$/, '')}${ROUTER_API_BASE}`;
    this.url = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.authorization =
      options.user !== undefined
        ? `Basic ${Buffer.from(`${options.user}:${options.password ?? ''}`).toString('base64')}`
        : undefined;
    this.pool = new Pool(base.origin, {
      connections: options.connections ?? 8,
      pipelining: 1,
      connect: {
        timeout: this.timeoutMs,
        ...(options.caPem ? { ca: options.caPem } : {}),
        ...(options.insecure ? { rejectUnauthorized: false } : {}),
      },
    });
  }

  routerStatus(opts?: CallOptions) {
    return this.get<RawRouterStatus>('/router/status', opts);
  }

  routes(opts?: CallOptions) {
    return this.get<RawNamedList>('/routes', opts).then(names);
  }

  routeConfig(route: string, opts?: CallOptions) {
    return this.get<RawRouteConfig>(`/routes/${seg(route)}/config`, opts);
  }

  routeStatus(route: string, opts?: CallOptions) {
    return this.get<RawRouteStatus>(`/routes/${seg(route)}/status`, opts);
  }

  /** A dead route answers 500 `{"isAlive":false}`: that is a state, not a failure. */
  async routeHealth(route: string, opts?: CallOptions): Promise<boolean> {
    const value = await this.get<{ isAlive?: unknown }>(`/routes/${seg(route)}/health`, opts, [500]);
    if (typeof value?.isAlive !== 'boolean') {
      throw routerError(this, 'bad_response', `answered /routes/${route}/health without isAlive`);
    }
    return value.isAlive;
  }

  routeDestinations(route: string, opts?: CallOptions) {
    return this.get<RawDestinations>(`/routes/${seg(route)}/destinations`, opts).then((v) => v.items ?? []);
  }

  routeConnections(route: string, opts?: CallOptions) {
    return this.get<RawConnections>(`/routes/${seg(route)}/connections`, opts).then((v) => v.items ?? []);
  }

  routeBlockedHosts(route: string, opts?: CallOptions): Promise<string[]> {
    return this.get<RawBlockedHosts>(`/routes/${seg(route)}/blockedHosts`, opts).then((v) =>
      (v.items ?? []).map((h) => (typeof h === 'string' ? h : String(h?.name ?? ''))),
    );
  }

  routingStatus(opts?: CallOptions) {
    return this.get<RawRoutingStatus>('/routing/status', opts);
  }

  metadataNames(opts?: CallOptions) {
    return this.get<RawNamedList>('/metadata', opts).then(names);
  }

  metadataConfig(name: string, opts?: CallOptions) {
    return this.get<RawMetadataConfig>(`/metadata/${seg(name)}/config`, opts);
  }

  metadataStatus(name: string, opts?: CallOptions) {
    return this.get<RawMetadataStatus>(`/metadata/${seg(name)}/status`, opts);
  }

  poolNames(opts?: CallOptions) {
    return this.get<RawNamedList>('/connection_pool', opts).then(names);
  }

  poolConfig(name: string, opts?: CallOptions) {
    return this.get<RawPoolConfig>(`/connection_pool/${seg(name)}/config`, opts);
  }

  poolStatus(name: string, opts?: CallOptions) {
    return this.get<RawPoolStatus>(`/connection_pool/${seg(name)}/status`, opts);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** The boundary: one GET, its JSON back, or an UpstreamError. `alsoOk` lists statuses that carry data. */
  private async get<T>(path: string, opts?: CallOptions, alsoOk: number[] = []): Promise<T> {
    const what = `GET ${path}`;
    const timeoutMs = opts?.timeoutMs ?? this.timeoutMs;
    const signal = AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.authorization) headers.authorization = this.authorization;
    if (opts?.requestId) headers['x-request-id'] = opts.requestId;
    let status: number;
    let text: string;
    try {
      const res = await this.pool.request({
        path: this.basePath + path,
        method: 'GET',
        headers,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      throw fromThrown(this, err, what, timeoutMs, signal.aborted);
    }
    if (!((status >= 200 && status < 300) || alsoOk.includes(status))) {
      throw fromStatus(this, status, text, what);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      // e.g. the HTTP server's HTML 500 page where /health would send JSON
      if (status >= 300) throw fromStatus(this, status, text, what);
      throw routerError(this, 'bad_response', `answered ${what} with something that is not JSON`, status);
    }
  }
}

function names(list: RawNamedList): string[] {
  return (list.items ?? []).map((i) => i.name).filter((n) => typeof n === 'string' && n !== '');
}
