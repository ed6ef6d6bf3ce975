// nginx as the proxy peer of the proxy bench: Debian's nginx-light, one worker, keep-alive to the
// upstream, no access log; installed with apt-get when missing (the bench's own requirement, not the
// tests'). It runs as a foreground child with every path in a temp dir.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stop, track } from './processes';

const BINARY = '/usr/sbin/nginx';

function ensureNginx(): string {
  if (existsSync(BINARY)) return BINARY;
  console.error('[bench] installing Debian nginx-light (the proxy bench compares the BFF with it)');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args: string[]) =>
    execFileSync(sudo[0] ?? args[0]!, sudo.length ? args : args.slice(1), {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '--no-install-recommends', 'nginx-light']);
  if (!existsSync(BINARY)) throw new Error(`nginx-light installed but ${BINARY} is missing`);
  return BINARY;
}

export interface Nginx {
  url: string;
  /** the master's; its worker is its child */
  pid: number;
  version: string;
  close(): Promise<void>;
}

/** nginx proxying every path to `upstream` (an http://host:port origin). */
export async function startNginx(upstream: string): Promise<Nginx> {
  const binary = ensureNginx();
  // `nginx -v` writes to stderr: "nginx version: nginx/1.22.1"
  const version = spawnSync(binary, ['-v'], { encoding: 'utf8' })
    .stderr.trim()
    .replace(/^nginx version: /, '');
  const dir = mkdtempSync(join(tmpdir(), 'vtdeck-bench-nginx-'));
  const port = await freePort();
  const { host } = new URL(upstream);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 1000000;
  upstream sandbox {
    server ${host};
    keepalive 64;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://sandbox;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`,
  );
  const child = track(
    spawn(
      binary,
      ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  // Up when it answers; it has nothing to tell on stdout.
  for (let i = 0; ; i++) {
    try {
      await fetch(`${url}/api/keyspaces/`);
      break;
    } catch (err) {
      if (child.exitCode !== null || i > 100)
        throw new Error(`nginx did not start: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    pid: child.pid!,
    version,
    close: async () => {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
