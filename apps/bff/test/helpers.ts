import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionInfo } from '@vtdeck/contracts';
import { type Sandbox, type SandboxOptions, startSandbox } from '@vtdeck/sandbox';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { DEMO_ADMIN_TOKEN, DEMO_USERS } from '../src/auth/demo-auth';
import { type AppConfig, type ConfigFile, resolveConfig } from '../src/config';

export interface StackOptions {
  sandbox?: SandboxOptions;
  /** Per-cluster vtctld settings applied to every cluster (timeouts for the slow-upstream tests). */
  vtctld?: { timeoutMs?: number; commandTimeoutMs?: number };
  topology?: ConfigFile['topology'];
  /** The config file's `auth` section (the audit log goes to a temporary file unless it says). */
  auth?: ConfigFile['auth'];
  /** Sandbox mode (demo users and token); default true. */
  sandboxMode?: boolean;
  distDir?: string;
  /** Port of the BFF (default 0, random): OIDC tests must know the callback URL in advance. */
  port?: number;
  /** Rewrites each sandbox vtctld URL (e.g. to add basic-auth credentials). */
  vtctldUrl?: (url: string) => string;
}

export interface Response<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface Client {
  get<T = unknown>(path: string, headers?: Record<string, string>): Promise<Response<T>>;
  post<T = unknown>(path: string, body: unknown, headers?: Record<string, string>): Promise<Response<T>>;
  send<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response<T>>;
}

export type DemoRole = (typeof DEMO_USERS)[number]['role'];

/** A browser-like client: the session cookie and its CSRF token on every request. */
export interface SignedIn extends Client {
  cookie: string;
  csrfToken: string;
  info: SessionInfo;
}

/** The default client (`stack.get`, `stack.post`) is the demo admin API token: it may do anything. */
export interface Stack extends Client {
  sandbox: Sandbox;
  app: FastifyInstance;
  config: AppConfig;
  url: string;
  auditLogPath: string;
  token: string;
  anonymous: Client;
  /** Signs the demo user of a role in (once per stack). */
  as(role: DemoRole): Promise<SignedIn>;
  signIn(username: string, password: string): Promise<SignedIn>;
  close(): Promise<void>;
}

/** The real sandbox and the real app on loopback port 0, talking over HTTP. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  // Only vtctld unless a test asks for more: Kubernetes, routers and MariaDB have their own stacks.
  const sandbox = await startSandbox({
    ...options.sandbox,
    parts: { kube: false, routers: false, vtgate: false, ...options.sandbox?.parts },
  });
  const dir = await mkdtemp(join(tmpdir(), 'vtdeck-bff-test-'));
  const auth = { auditLog: { path: join(dir, 'audit.log') }, ...options.auth };
  const config = resolveConfig(
    {
      logLevel: 'silent',
      clusters: sandbox.clusters.map((c, i) => ({
        name: c.name,
        default: i === 0,
        vtctld: { url: options.vtctldUrl?.(c.vtctld.url) ?? c.vtctld.url, ...options.vtctld },
      })),
      topology: options.topology,
      web: { distDir: options.distDir ?? '/nonexistent/vtdeck-web-dist' },
      auth,
    },
    {},
    { sandbox: options.sandboxMode ?? true },
  );
  const app = await buildApp(config, { logger: false });
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const anonymous = client(url, {});
  const signIn = (username: string, password: string) => signInWith(url, username, password);
  return {
    ...client(url, { authorization: `Bearer ${DEMO_ADMIN_TOKEN}` }),
    sandbox,
    app,
    config,
    url,
    auditLogPath: config.auth.auditLogPath,
    token: DEMO_ADMIN_TOKEN,
    anonymous,
    signIn,
    as: demoSessions(url),
    async close() {
      await app.close();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in with a password; the client sends the session cookie and its CSRF token. */
export async function signInWith(url: string, username: string, password: string): Promise<SignedIn> {
  const res = await client(url, {}).post<SessionInfo>('/api/v2/session', { username, password });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${res.text}`);
  const cookie = sessionCookie(res.headers);
  const csrfToken = res.body.csrfToken ?? '';
  return { ...client(url, { cookie, 'x-csrf-token': csrfToken }), cookie, csrfToken, info: res.body };
}

/** Each demo user signed in once, on first use (the sign-in rate limit allows 5 a minute). */
export function demoSessions(url: string): (role: DemoRole) => Promise<SignedIn> {
  const sessions = new Map<DemoRole, Promise<SignedIn>>();
  return (role) => {
    let pending = sessions.get(role);
    if (!pending) {
      const user = DEMO_USERS.find((u) => u.role === role)!;
      pending = signInWith(url, user.username, user.password);
      sessions.set(role, pending);
    }
    return pending;
  };
}

/** `name=value` of the session cookie a response sets. */
export function sessionCookie(headers: Headers): string {
  const set = headers.getSetCookie().find((c) => c.startsWith('vtdeck_session='));
  if (!set) throw new Error('no session cookie was set');
  return set.split(';')[0]!;
}

export function client(url: string, fixed: Record<string, string>): Client {
  const send = async <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response<T>> => {
    const init: RequestInit = { method, headers: { ...fixed, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      init.headers = { 'content-type': 'application/json', ...init.headers };
    }
    const res = await fetch(url + path, init);
    const text = await res.text();
    let parsed: unknown = text;
    if (res.headers.get('content-type')?.includes('json')) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  };
  return {
    send,
    get: (path, headers) => send('GET', path, undefined, headers),
    post: (path, body, headers) => send('POST', path, body, headers),
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
