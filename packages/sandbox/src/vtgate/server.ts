// One throwaway mariadbd: its own temp datadir, socket and port, a wrapper that kills it when this
// process dies, and a stop that escalates from SIGTERM to SIGKILL. Knows nothing about keyspaces.

import { type ChildProcessByStdio, execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { markOwner, sweepStaleDirs } from '../shared/stale-dirs';
import { requireMariadb } from './binaries';

const execFileAsync = promisify(execFile);

export interface MariadbServer {
  host: string;
  port: number;
  /** Unix socket, reachable only by this user: the seeding root account listens here only. */
  socket: string;
  /** PID of mariadbd itself (not of its wrapper). */
  pid: number;
  dir: string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  host?: string;
  /** 0 or absent: a free port, retried when another process grabs it first. */
  port?: number;
  stopTimeoutMs?: number;
}

// The wrapper keeps our stdin pipe on fd 3 in a watcher: when this process dies the pipe reaches EOF
// and the watcher stops mariadbd, so a crashed test run leaves no server behind. If the parent is gone
// by the time mariadbd exits, the wrapper also removes the temp dir nobody else will clean up.
const WRAPPER = `
dir=$1; shift
exec 3<&0
"$@" </dev/null 3<&- >&2 &
pid=$!
echo "$pid"
( read -r _ <&3; kill -TERM "$pid" 2>/dev/null; sleep 10; kill -KILL "$pid" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
watcher=$!
exec 3<&-
wait "$pid"; rc=$?
kill "$watcher" 2>/dev/null
kill -0 "$PPID" 2>/dev/null || rm -rf "$dir"
exit "$rc"
`;

// Small buffers and no durability: the data is thrown away, and start plus seeding must stay fast.
const TUNING = [
  '--innodb-buffer-pool-size=64M',
  '--innodb-log-file-size=16M',
  '--innodb-flush-log-at-trx-commit=0',
  '--innodb-doublewrite=0',
  '--innodb-fast-shutdown=1',
  '--performance-schema=0',
  '--skip-name-resolve',
  '--character-set-server=utf8mb4',
  '--collation-server=utf8mb4_general_ci',
  '--max-connections=500',
  '--local-infile=0',
];

const live = new Set<{ pid: number; dir: string }>();
/** Template datadirs being prepared or copied; removed at exit if a start is cut short. */
const templates = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' allows only synchronous work: kill outright and remove the dir while we still can.
  process.on('exit', () => {
    for (const server of live) {
      try {
        process.kill(server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(server.dir, { recursive: true, force: true, maxRetries: 3 });
    }
    for (const dir of templates) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  });
}

function rootArgs(): string[] {
  return process.getuid?.() === 0 ? ['--user=root'] : [];
}

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function installDatadir(installDb: string, datadir: string, scratch: string): Promise<void> {
  try {
    await execFileAsync(
      installDb,
      [
        '--no-defaults',
        `--datadir=${datadir}`,
        // The bootstrap server's temp tables are named after a per-boot counter: two installs sharing
        // /tmp collide on them ("Unknown table 'mysql.tmp_user_sys'").
        `--tmpdir=${scratch}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        '--skip-name-resolve',
        '--innodb-buffer-pool-size=64M',
        '--innodb-log-file-size=16M',
        ...rootArgs(),
      ],
      { timeout: 60_000, maxBuffer: 4 * 1024 * 1024 },
    );
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`mariadb-install-db failed: ${(e.stderr || e.stdout || e.message).trim().slice(-2000)}`);
  }
}

interface Template {
  dir: string;
  ready: Promise<string>;
  users: number;
}
let template: Template | undefined;

/**
 * Concurrent starts share one mariadb-install-db run (most of a start's second): the first installs
 * into a template datadir, every start copies it (~35 MB, tens of ms). The template is removed once
 * the last concurrent start has copied it, so nothing outlives the starts.
 */
async function prepareDatadir(installDb: string, datadir: string): Promise<void> {
  if (!template) {
    const t: Template = { dir: '', users: 0, ready: Promise.resolve('') };
    t.ready = (async () => {
      t.dir = await mkdtemp(join(tmpdir(), 'vtgate-fake-template-'));
      markOwner(t.dir);
      templates.add(t.dir);
      installExitHook();
      const data = join(t.dir, 'data');
      await installDatadir(installDb, data, t.dir);
      return data;
    })();
    template = t;
  }
  const t = template;
  t.users++;
  try {
    await cp(await t.ready, datadir, { recursive: true });
  } finally {
    t.users--;
    if (t.users === 0) {
      if (template === t) template = undefined;
      await t.ready.catch(() => '');
      if (t.dir) {
        await rm(t.dir, { recursive: true, force: true, maxRetries: 5 });
        templates.delete(t.dir);
      }
    }
  }
}

type Wrapper = ChildProcessByStdio<Writable, Readable, Readable>;

class BindError extends Error {}

interface Running {
  child: Wrapper;
  pid: number;
}

/** Spawns mariadbd through the wrapper and resolves once it accepts connections. */
function launch(mariadbd: string, args: string[], dir: string, timeoutMs: number): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', WRAPPER, 'vtgate-fake', dir, mariadbd, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let pid = 0;
    let ready = false;
    let log = '';
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      if (pid) process.kill(pid, 'SIGKILL');
      fail(new Error(`mariadbd did not become ready within ${timeoutMs} ms:\n${log.slice(-2000)}`));
    }, timeoutMs);
    const check = () => {
      if (ready || !pid || !log.includes('ready for connections')) return;
      ready = true;
      clearTimeout(timer);
      resolve({ child, pid });
    };
    child.stdout.setEncoding('utf8');
    child.stdout.once('data', (chunk: string) => {
      pid = Number.parseInt(chunk, 10);
      check();
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      // Keep only the tail: mariadbd may log for hours, and only the last lines explain a failure.
      log = (log + chunk).slice(-16_000);
      check();
    });
    child.once('error', fail);
    child.once('exit', (code, signal) => {
      if (ready) return;
      const tail = log.slice(-2000).trim();
      if (/Bind on TCP\/IP port|Address already in use/i.test(tail)) fail(new BindError(tail));
      else
        fail(
          new Error(`mariadbd exited (${signal ?? `code ${code}`}) before accepting connections:\n${tail}`),
        );
    });
  });
}

function waitExit(child: Wrapper, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Initialises a temp datadir and starts mariadbd on it, bound to host:port and a private socket. */
export async function startMariadb(options: StartServerOptions = {}): Promise<MariadbServer> {
  const { mariadbd, installDb } = requireMariadb();
  const host = options.host ?? '127.0.0.1';
  const stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
  sweepStaleDirs('vtgate-fake-', ['mysqld.pid']);
  const dir = await mkdtemp(join(tmpdir(), 'vtgate-fake-'));
  markOwner(dir);
  const datadir = join(dir, 'data');
  const socket = join(dir, 'mysqld.sock');
  const files = join(dir, 'files');
  const entry = { pid: 0, dir };
  try {
    await mkdir(files);
    await prepareDatadir(installDb, datadir);
    let running: Running | undefined;
    let port = options.port ?? 0;
    for (let attempt = 0; !running; attempt++) {
      const tryPort = port || (await freePort(host));
      const args = [
        '--no-defaults',
        `--datadir=${datadir}`,
        `--socket=${socket}`,
        `--pid-file=${join(dir, 'mysqld.pid')}`,
        `--port=${tryPort}`,
        `--bind-address=${host}`,
        '--skip-networking=0',
        `--secure-file-priv=${files}`,
        `--tmpdir=${dir}`,
        ...TUNING,
        ...rootArgs(),
      ];
      try {
        running = await launch(mariadbd, args, dir, 30_000);
        port = tryPort;
      } catch (err) {
        // A free port can be taken between probing and binding; only a port we chose may be retried.
        if (!(err instanceof BindError) || options.port || attempt >= 4) throw err;
      }
    }
    const { child, pid } = running;
    entry.pid = pid;
    live.add(entry);
    installExitHook();
    // A forgotten stop() must not keep the process alive: the exit hook and the wrapper clean up.
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as Socket).unref();
    child.stderr.resume();

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
        if (!(await waitExit(child, stopTimeoutMs))) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // gone meanwhile
          }
          if (!(await waitExit(child, 2_000))) child.kill('SIGKILL');
        }
        child.stdin.destroy();
        live.delete(entry);
        await rm(dir, { recursive: true, force: true, maxRetries: 5 });
      })();
      return stopping;
    };
    return { host, port, socket, pid, dir, stop };
  } catch (err) {
    live.delete(entry);
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
    throw err;
  }
}
