import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Counter, Histogram } from 'prom-client';
import type { ClusterConfig } from '../../config';
import { loadKubeConfig } from '../../upstreams/k8s';

// Every request the BFF sends to an upstream, timed and counted without touching the clients:
// undici (vtctld, Routers) and node:http (@kubernetes/client-node through node-fetch) both publish
// on node:diagnostics_channel. A request is attributed by its origin to the configured cluster and
// upstream; anything else (the browser-facing side, tests' own fetches) is ignored.

export interface UpstreamLabels {
  cluster: string;
  upstream: 'vtctld' | 'kubernetes' | 'router';
  /** The Router's name from the config; '' for the others. */
  router: string;
}

export interface UpstreamMetrics {
  duration: Histogram<'cluster' | 'upstream' | 'router'>;
  errors: Counter<'cluster' | 'upstream' | 'router' | 'kind'>;
}

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/** origin → who it is, from the config (kube API servers from each cluster's kubeconfig). */
export function upstreamOrigins(clusters: readonly ClusterConfig[]): Map<string, UpstreamLabels> {
  const out = new Map<string, UpstreamLabels>();
  const add = (url: string | undefined, labels: UpstreamLabels) => {
    const origin = url ? originOf(url) : null;
    if (origin && !out.has(origin)) out.set(origin, labels);
  };
  for (const c of clusters) {
    add(c.vtctld.url, { cluster: c.name, upstream: 'vtctld', router: '' });
    for (const r of c.routers) add(r.url, { cluster: c.name, upstream: 'router', router: r.name });
    if (c.kubernetes) {
      try {
        const server = loadKubeConfig({ cluster: c.name, ...c.kubernetes }).getCurrentCluster()?.server;
        add(server, { cluster: c.name, upstream: 'kubernetes', router: '' });
      } catch {
        // The Kubernetes plugin already refused to start on a bad kubeconfig.
      }
    }
  }
  return out;
}

const UNREACHABLE =
  /^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EAI_AGAIN|EPIPE|UND_ERR_SOCKET)$/;
const TLS = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/;

/** The same kinds as UpstreamError, decided from what the transport saw. */
export function transportErrorKind(err: unknown): string {
  const e = err as { code?: string; name?: string; cause?: { code?: string } } | undefined;
  const code = e?.code ?? e?.cause?.code ?? '';
  if (UNREACHABLE.test(code)) return 'unreachable';
  if (TLS.test(code)) return 'tls';
  if (/TIMEOUT|ABORT/i.test(code) || e?.name === 'AbortError' || e?.name === 'TimeoutError') return 'timeout';
  return 'unreachable';
}

/** Answers that mean the upstream (or our access to it) is broken; other 4xx are the caller's input. */
export function statusErrorKind(status: number): string | null {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status >= 500) return 'upstream_5xx';
  return null;
}

interface UndiciRequest {
  origin?: string | URL;
}

/** Subscribes; the returned function unsubscribes (at app close). */
export function instrumentUpstreams(
  origins: Map<string, UpstreamLabels>,
  metrics: UpstreamMetrics,
): () => void {
  // The start rides on the request object itself: a WeakMap entry per request (set, get, delete, and
  // the ephemeron work in GC) was a measurable part of the BFF's CPU on the proxy path.
  const started = Symbol('vtdeck.upstreamStart');
  type Timed = { [started]?: { at: number; labels: UpstreamLabels } | undefined };
  const known = new Map<string, UpstreamLabels | null>();
  const lookup = (origin: string): UpstreamLabels | null => {
    let hit = known.get(origin);
    if (hit === undefined) {
      hit = origins.get(originOf(origin) ?? '') ?? null;
      if (known.size < 1_000) known.set(origin, hit);
    }
    return hit;
  };
  const begin = (req: object, origin: string) => {
    const labels = lookup(origin);
    if (labels) (req as Timed)[started] = { at: performance.now(), labels };
  };
  const take = (req: object) => {
    const s = (req as Timed)[started];
    if (s) (req as Timed)[started] = undefined;
    return s;
  };
  const done = (req: object, status?: number) => {
    const s = take(req);
    if (!s) return;
    metrics.duration.observe(s.labels, (performance.now() - s.at) / 1000);
    const kind = status === undefined ? null : statusErrorKind(status);
    if (kind) metrics.errors.inc({ ...s.labels, kind });
  };
  const failed = (req: object, error: unknown) => {
    const s = take(req);
    if (!s) return;
    metrics.duration.observe(s.labels, (performance.now() - s.at) / 1000);
    metrics.errors.inc({ ...s.labels, kind: transportErrorKind(error) });
  };

  const handlers: [string, (message: unknown) => void][] = [
    [
      'undici:request:create',
      (m) => {
        const req = (m as { request: UndiciRequest }).request;
        if (req.origin) begin(req, String(req.origin));
      },
    ],
    [
      'undici:request:headers',
      (m) => {
        const { request, response } = m as { request: object; response: { statusCode: number } };
        done(request, response.statusCode);
      },
    ],
    [
      'undici:request:error',
      (m) => failed((m as { request: object }).request, (m as { error: unknown }).error),
    ],
    [
      'http.client.request.start',
      (m) => {
        const req = (m as { request: ClientRequest }).request;
        begin(req, `${req.protocol}//${req.getHeader('host') ?? req.host}`);
      },
    ],
    [
      'http.client.response.finish',
      (m) => {
        const { request, response } = m as { request: ClientRequest; response: IncomingMessage };
        done(request, response.statusCode);
      },
    ],
    [
      'http.client.request.error',
      (m) => failed((m as { request: object }).request, (m as { error: unknown }).error),
    ],
  ];
  for (const [name, fn] of handlers) diagnostics.subscribe(name, fn);
  return () => {
    for (const [name, fn] of handlers) diagnostics.unsubscribe(name, fn);
  };
}
