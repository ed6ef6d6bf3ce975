import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, type SandboxParts, startSandbox } from '@vtdeck/sandbox';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { DEMO_ADMIN_TOKEN } from '../src/auth/demo-auth';
import { type AppConfig, type ConfigFile, resolveConfig } from '../src/config';
import { sandboxClusterConfig } from '../src/sandbox-clusters';
import { type Client, client, type DemoRole, demoSessions, type SignedIn } from './helpers';

/**
 * The real sandbox (vtctld, and Kubernetes and Routers when asked) wired into the real app the way
 * `main.ts --sandbox` wires it, with the monitor's intervals short enough for a test. Only prod.
 */
export interface MonitorStack extends Client {
  sandbox: Sandbox;
  app: FastifyInstance;
  config: AppConfig;
  url: string;
  token: string;
  as(role: DemoRole): Promise<SignedIn>;
  /** An SSE stream as the demo admin token, or with the given headers. */
  stream(path: string, headers?: Record<string, string>, keep?: boolean): Promise<SseClient>;
  close(): Promise<void>;
}

export interface MonitorStackOptions {
  parts?: SandboxParts;
  monitor?: ConfigFile['monitor'];
  topology?: ConfigFile['topology'];
  routerPolling?: ConfigFile['routerPolling'];
  vtctldTimeoutMs?: number;
}

export async function startMonitorStack(options: MonitorStackOptions = {}): Promise<MonitorStack> {
  const sandbox = await startSandbox({
    clusters: ['prod'],
    parts: { kube: false, routers: false, vtgate: false, ...options.parts },
  });
  const dir = await mkdtemp(join(tmpdir(), 'vtdeck-monitor-test-'));
  let config: AppConfig;
  let app: FastifyInstance;
  try {
    config = resolveConfig(
      {
        logLevel: 'silent',
        clusters: sandbox.clusters.map((c, i) => ({
          ...sandboxClusterConfig(c),
          default: i === 0,
          vtctld: {
            url: c.vtctld.url,
            ...(options.vtctldTimeoutMs ? { timeoutMs: options.vtctldTimeoutMs } : {}),
          },
        })),
        topology: options.topology,
        routerPolling: options.routerPolling,
        monitor: { intervalMs: 200, heartbeatMs: 1_000, ...options.monitor },
        web: { distDir: '/nonexistent/vtdeck-web-dist' },
        auth: { auditLog: { path: join(dir, 'audit.log') } },
      },
      {},
      { sandbox: true },
    );
    app = await buildApp(config, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (err) {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const streams = new Set<SseClient>();
  return {
    ...client(url, { authorization: `Bearer ${DEMO_ADMIN_TOKEN}` }),
    sandbox,
    app,
    config,
    url,
    token: DEMO_ADMIN_TOKEN,
    as: demoSessions(url),
    async stream(path, headers = { authorization: `Bearer ${DEMO_ADMIN_TOKEN}` }, keep = true) {
      const s = await SseClient.open(url + path, headers, keep);
      streams.add(s);
      return s;
    },
    async close() {
      for (const s of streams) s.close();
      await app.close();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface SseEvent<T = unknown> {
  id: string | undefined;
  event: string;
  data: T;
}

/** A minimal EventSource over node:http: parses frames as they come and lets a test wait for one. */
export class SseClient {
  readonly events: SseEvent[] = [];
  /** Counts by event name (kept even when `keep` is false). */
  readonly counts = new Map<string, number>();
  last: SseEvent | undefined;
  lastEventId: string | undefined;
  ended = false;
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly req: http.ClientRequest,
    readonly status: number,
    readonly headers: http.IncomingHttpHeaders,
    private readonly keep: boolean,
  ) {}

  static open(url: string, headers: Record<string, string>, keep = true): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        const status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        if (status !== 200) {
          let body = '';
          res.on('data', (chunk: string) => {
            body += chunk;
          });
          res.on('end', () =>
            reject(Object.assign(new Error(`stream answered ${status}: ${body}`), { status, body })),
          );
          return;
        }
        const c = new SseClient(req, status, res.headers, keep);
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            c.frame(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        });
        const finish = () => {
          c.ended = true;
          c.wake();
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
        resolve(c);
      });
      req.on('error', reject);
    });
  }

  private frame(text: string): void {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of text.split('\n')) {
      if (line.startsWith(':')) continue;
      const at = line.indexOf(':');
      const field = at < 0 ? line : line.slice(0, at);
      const value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) return;
    if (id !== undefined) this.lastEventId = id;
    const parsed: SseEvent = { id, event, data: JSON.parse(data.join('\n')) };
    this.last = parsed;
    this.counts.set(event, (this.counts.get(event) ?? 0) + 1);
    if (this.keep) this.events.push(parsed);
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** The first kept event at or after index `from` that matches, waiting for it if need be. */
  async next<T = unknown>(
    match: (e: SseEvent<T>) => boolean,
    { from = 0, timeoutMs = 10_000 } = {},
  ): Promise<SseEvent<T>> {
    const deadline = Date.now() + timeoutMs;
    for (let i = from; ; ) {
      for (; i < this.events.length; i++) {
        const e = this.events[i] as SseEvent<T>;
        if (match(e)) return e;
      }
      if (this.ended) throw new Error('the stream ended before the expected event');
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching event within ${timeoutMs} ms (${this.events.length} events)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until `count` events named `event` arrived in total. */
  async waitCount(event: string, count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.counts.get(event) ?? 0) < count) {
      if (this.ended)
        throw new Error(`the stream ended after ${this.counts.get(event) ?? 0} ${event} events`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`only ${this.counts.get(event) ?? 0} of ${count} ${event} events`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.req.destroy();
  }
}
