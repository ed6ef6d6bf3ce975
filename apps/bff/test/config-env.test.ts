import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppConfig, maskSecrets, resolveConfig } from '../src/config';

// Environment overrides, `${NAME}` in the file, and what --print-config shows (the real process).

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const cluster = (name: string) => ({ name, vtctld: { url: 'http://127.0.0.1:15000' } });
const resolve = (file: unknown, env: NodeJS.ProcessEnv = {}) => resolveConfig(file, env, { sandbox: true });
/** `${NAME}`, the config file's reference to an environment variable. */
const ref = (name: string) => `\${${name}}`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vtdeck-config-env-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('environment overrides', () => {
  it('LOG_LEVEL and VTGATE_MYSQL_URL override the file, and are checked like it', () => {
    const file = {
      logLevel: 'warn',
      clusters: [
        cluster('prod'),
        { ...cluster('staging'), vtgate: { url: 'mysql://a:b@old:3306', poolSize: 4 } },
      ],
    };
    const config = resolve(file, { LOG_LEVEL: 'debug', VTGATE_MYSQL_URL: 'mysql://app:pw@vtgate:3306' });
    expect(config.logLevel).toBe('debug');
    // The default cluster (here the first) gets the vtgate; the other keeps its own.
    expect(config.clusters[0]?.vtgate).toMatchObject({ url: 'mysql://app:pw@vtgate:3306', poolSize: 10 });
    expect(config.clusters[1]?.vtgate).toMatchObject({ url: 'mysql://a:b@old:3306', poolSize: 4 });
    expect(() => resolve(file, { LOG_LEVEL: 'loud' })).toThrow(
      'config: logLevel must be one of fatal, error, warn, info, debug, trace, silent',
    );
    expect(() => resolve(file, { VTGATE_MYSQL_URL: 'http://vtgate' })).toThrow(
      'config: clusters[0].vtgate.url must be a mysql:// URL',
    );
  });

  it('replaces a reference to an environment variable in any string, and names the key when it is unset', () => {
    const file = {
      clusters: [
        {
          ...cluster('prod'),
          routers: [
            { name: 'router-1', url: 'https://router-1:8443', user: 'monitor', password: ref('ROUTER_PW') },
          ],
          vtgate: { url: `mysql://app:${ref('VTGATE_PW')}@vtgate:3306` },
        },
      ],
      sql: { unavailableMessage: `costs $${ref('CENTS')} to run` },
    };
    const config = resolve(file, { ROUTER_PW: 'from-a-secret', VTGATE_PW: 's3cr3t' });
    expect(config.clusters[0]?.routers[0]?.password).toBe('from-a-secret');
    expect(config.clusters[0]?.vtgate?.url).toBe('mysql://app:s3cr3t@vtgate:3306');
    expect(config.sql.unavailableMessage).toBe(`costs ${ref('CENTS')} to run`);
    expect(() => resolve(file, { VTGATE_PW: 'x' })).toThrow(
      `config: clusters[0].routers[0].password uses ${ref('ROUTER_PW')}, but ROUTER_PW is not set`,
    );
  });

  it('bounds graceful shutdown: 10 s unless server.shutdownTimeoutMs says otherwise', () => {
    expect(resolve({ clusters: [cluster('prod')] }).server.shutdownTimeoutMs).toBe(10_000);
    expect(
      resolve({ clusters: [cluster('prod')], server: { shutdownTimeoutMs: 25_000 } }).server,
    ).toMatchObject({
      shutdownTimeoutMs: 25_000,
    });
    expect(() => resolve({ clusters: [cluster('prod')], server: { shutdownTimeoutMs: 0 } })).toThrow(
      'config: server.shutdownTimeoutMs must be >= 1',
    );
  });
});

describe('maskSecrets', () => {
  it('masks the password of URLs of any scheme', () => {
    const masked = maskSecrets({
      vtgate: { url: 'mysql://app:p%40ss@vtgate:3306', dbaUrl: 'mysql://dba:p@ss@vtgate:3306/ks' },
      vtctld: { url: 'http://admin:pw@vtctld:15000' },
      plain: 'http://vtctld:15000/path@x',
    });
    expect(masked).toEqual({
      vtgate: { url: 'mysql://app:***@vtgate:3306', dbaUrl: 'mysql://dba:***@vtgate:3306/ks' },
      vtctld: { url: 'http://admin:***@vtctld:15000' },
      plain: 'http://vtctld:15000/path@x',
    });
  });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runMain(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/bff/src/main.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('--print-config', () => {
  const SECRETS = {
    vtctldPassword: 'vtctld-basic-auth-pw',
    vtgatePassword: 'vtgate-app-pw',
    dbaPassword: 'vtgate-dba-pw',
    routerPassword: 'router-monitor-pw',
    passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo',
    tokenHash: `sha256:${'ab'.repeat(32)}`,
    clientSecret: 'oidc-client-secret-value',
    sessionSecret: 'session-secret-from-the-environment-0123456789',
  };

  it('prints the effective config with every secret masked', async () => {
    const path = join(dir, 'vtdeck.yaml');
    await writeFile(
      path,
      `clusters:
  - name: prod
    vtctld: { url: "http://admin:${SECRETS.vtctldPassword}@vtctld:15000" }
    vtgate:
      url: "mysql://app:${SECRETS.vtgatePassword}@vtgate:3306"
      dbaUrl: "mysql://dba:${SECRETS.dbaPassword}@vtgate:3306"
    routers:
      - { name: router-1, url: "https://router-1:8443", user: monitor, password: "\${ROUTER_PASSWORD}" }
auth:
  users:
    - { username: alice, passwordHash: "${SECRETS.passwordHash}" }
  serviceAccounts:
    - { name: ci, tokenHash: "${SECRETS.tokenHash}" }
  grants:
    - { subjects: ["user:alice"], role: admin }
  oidc:
    issuer: https://sso.example.com
    clientId: vtdeck
    clientSecret: ${SECRETS.clientSecret}
    redirectUri: https://vtdeck.example.com/api/v2/session/oidc/callback
`,
    );
    const run = await runMain(['--config', path, '--print-config'], {
      ROUTER_PASSWORD: SECRETS.routerPassword,
      VTDECK_SESSION_SECRET: SECRETS.sessionSecret,
      PORT: '9099',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const [name, secret] of Object.entries(SECRETS)) expect(run.stdout, name).not.toContain(secret);

    const printed = JSON.parse(run.stdout) as AppConfig;
    const prod = printed.clusters[0]!;
    expect(prod.vtctld.url).toBe('http://admin:***@vtctld:15000');
    expect(prod.vtgate).toMatchObject({
      url: 'mysql://app:***@vtgate:3306',
      dbaUrl: 'mysql://dba:***@vtgate:3306',
    });
    expect(prod.routers[0]).toMatchObject({ user: 'monitor', password: '***' });
    expect(printed.auth.directory.users?.[0]).toEqual({ username: 'alice', passwordHash: '***' });
    expect(printed.auth.directory.serviceAccounts?.[0]).toEqual({ name: 'ci', tokenHash: '***' });
    expect(printed.auth.session.secrets).toEqual(['***']);
    expect(printed.auth.oidc).toMatchObject({ clientId: 'vtdeck', clientSecret: '***' });
    // What is not secret stays readable, env overrides included.
    expect(printed.server.port).toBe(9099);
    expect(printed.sandbox).toBe(false);
  });

  it('refuses a bad file at start, naming the key, with exit code 2', async () => {
    const path = join(dir, 'bad.yaml');
    await writeFile(path, 'clusters:\n  - name: prod\n    vtctld: { url: "ftp://vtctld" }\n');
    const run = await runMain(['--config', path, '--print-config'], {});
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('config: clusters[0].vtctld.url must be an http(s) URL');
    expect(run.stdout).toBe('');
  });
});
