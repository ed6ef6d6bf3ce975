// The parts a bench measures, each in a process of its own, as in production: the sandbox (standing
// in for vtctld, on another machine in real life), the BFF (so its memory and event loop are its own),
// and the load generator (the bench process itself). Every child started here is stopped when the
// bench process exits, however it exits.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DEMO_ADMIN_TOKEN } from '../../apps/bff/src/auth/demo-auth';
import type { BffOptions, BffStats, FromBff } from './bff-server';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The sandbox's admin API token: every bench request is signed in and permission-checked. */
export const AUTH = { authorization: `Bearer ${DEMO_ADMIN_TOKEN}` };

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGTERM');
});
// A bench stopped by the runner (timeout) or by Ctrl-C still stops its children.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
}

export function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stop(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Node flags for one child from an env variable, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p` to profile it. */
const extraNodeFlags = (name: string): string[] => process.env[name]?.split(' ').filter(Boolean) ?? [];

/** A port free right now on loopback (for servers that cannot be told to take port 0, like nginx). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Keeps the last lines a child wrote, to say why it failed. */
function tail(child: ChildProcess): () => string {
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-2_000);
  };
  child.stderr?.on('data', keep);
  return () => text.trim();
}

export interface SandboxProcess {
  pid: number;
  control: string;
  /** vtctld URL by cluster name */
  vtctld: Record<string, string>;
  close(): Promise<void>;
}

/**
 * `pnpm sandbox --json` with only vtctld; `args` add the data set and faults, e.g.
 * `['--dataset', 'generated', '--keyspaces', '100', '--fault', 'prod/vtctld:latency=2']`.
 */
export async function startSandboxProcess(args: string[]): Promise<SandboxProcess> {
  const cli = `${ROOT}packages/sandbox/src/cli.ts`;
  const child = track(
    spawn(
      process.execPath,
      [
        ...process.execArgv,
        cli,
        '--json',
        '--clusters',
        'prod',
        '--no-kube',
        '--no-routers',
        '--no-vtgate',
        ...args,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  const why = tail(child);
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code}) before it started: ${why()}`)));
  });
  const info = JSON.parse(line) as { control: string; clusters: { name: string; vtctld: string }[] };
  return {
    pid: child.pid!,
    control: info.control,
    vtctld: Object.fromEntries(info.clusters.map((c) => [c.name, c.vtctld])),
    close: () => stop(child),
  };
}

export interface BffProcess {
  url: string;
  pid: number;
  /** Memory and event-loop delay of the BFF process since the last reset. */
  stats(): Promise<BffStats>;
  /**
   * Starts peaks and the delay histogram anew; with `gc`, collects garbage first (the BFF runs with
   * --expose-gc) so memory peaks start from what is live. Not before a rate is measured: a forced full
   * GC shrinks V8's young generation, and the next seconds run at a third less speed while it grows
   * back (bench/proxy.ts measured 0.27× nginx after one, 0.49× without). CPU time: support/cpu.ts.
   */
  reset(options?: { gc?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** The real BFF (buildApp from apps/bff) in a child process, in sandbox mode (the demo API token works). */
export async function startBffProcess(options: BffOptions): Promise<BffProcess> {
  const child = track(
    fork(`${ROOT}bench/support/bff-server.ts`, [], {
      cwd: ROOT,
      execArgv: [...process.execArgv, '--expose-gc', ...extraNodeFlags('VTDECK_BENCH_BFF_ARGS')],
      env: { ...process.env, VTDECK_BENCH_BFF: JSON.stringify(options) },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    }),
  );
  const why = tail(child);
  const waiting = new Map<number, (message: FromBff) => void>();
  let nextId = 1;
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (message: FromBff) => {
      if (message.type === 'listening') resolve(message.url);
      else waiting.get(message.id)?.(message);
    });
    child.once('exit', (code) => reject(new Error(`BFF exited (${code}) before it listened: ${why()}`)));
  });
  const ask = (type: 'stats' | 'reset', gc = false) =>
    new Promise<FromBff>((resolve) => {
      const id = nextId++;
      waiting.set(id, (m) => {
        waiting.delete(id);
        resolve(m);
      });
      child.send({ type, id, gc });
    });
  return {
    url,
    pid: child.pid!,
    stats: async () => {
      const m = await ask('stats');
      if (m.type !== 'stats') throw new Error(`BFF answered ${m.type} to stats`);
      return m.stats;
    },
    reset: async (options) => {
      await ask('reset', options?.gc ?? false);
    },
    close: () => stop(child),
  };
}

/** The bare Fastify + undici proxy of the two seed routes (bench/support/bare-proxy.ts). */
export async function startBareProxy(
  upstream: string,
): Promise<{ url: string; pid: number; close(): Promise<void> }> {
  const child = track(
    fork(`${ROOT}bench/support/bare-proxy.ts`, [], {
      cwd: ROOT,
      execArgv: [...process.execArgv, ...extraNodeFlags('VTDECK_BENCH_BARE_ARGS')],
      env: { ...process.env, VTDECK_BENCH_UPSTREAM: upstream },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    }),
  );
  const why = tail(child);
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (m: { type: string; url: string }) => m.type === 'listening' && resolve(m.url));
    child.once('exit', (code) =>
      reject(new Error(`bare proxy exited (${code}) before it listened: ${why()}`)),
    );
  });
  return { url, pid: child.pid!, close: () => stop(child) };
}
