import type { AddressInfo } from 'node:net';
import { type Sandbox, type SandboxOptions, startSandbox } from '@vtdeck/sandbox';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { type AppConfig, type ConfigFile, resolveConfig } from '../src/config';

export interface StackOptions {
  sandbox?: SandboxOptions;
  /** Per-cluster vtctld settings applied to every cluster (timeouts for the slow-upstream tests). */
  vtctld?: { timeoutMs?: number; commandTimeoutMs?: number };
  topology?: ConfigFile['topology'];
}

export interface Response<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface Stack {
  sandbox: Sandbox;
  app: FastifyInstance;
  config: AppConfig;
  url: string;
  get<T = unknown>(path: string, headers?: Record<string, string>): Promise<Response<T>>;
  post<T = unknown>(path: string, body: unknown, headers?: Record<string, string>): Promise<Response<T>>;
  close(): Promise<void>;
}

/** The real sandbox and the real app on loopback port 0, talking over HTTP. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const sandbox = await startSandbox(options.sandbox);
  const config = resolveConfig({
    logLevel: 'silent',
    clusters: sandbox.clusters.map((c, i) => ({
      name: c.name,
      default: i === 0,
      vtctld: { url: c.vtctld.url, ...options.vtctld },
    })),
    topology: options.topology,
    web: { distDir: '/nonexistent/vtdeck-web-dist' },
  });
  const app = await buildApp(config, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const send = async <T>(path: string, init: RequestInit): Promise<Response<T>> => {
    const res = await fetch(url + path, init);
    const text = await res.text();
    let body: unknown = text;
    if (res.headers.get('content-type')?.includes('json')) body = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: body as T, text };
  };
  return {
    sandbox,
    app,
    config,
    url,
    get: (path, headers = {}) => send(path, { headers }),
    post: (path, body, headers = {}) =>
      send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async close() {
      await app.close();
      await sandbox.close();
    },
  };
}

/** Waits until `check` passes or the time is up (for state that changes asynchronously). */
export async function eventually(check: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

let counter = 0;
/** A keyspace name no other test uses. */
export const uniqueName = (prefix: string) =>
  `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
