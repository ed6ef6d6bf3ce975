import { describe, expect, it } from 'vitest';
import { ConfigError, maskSecrets, parseConfigText, resolveConfig } from '../src/config';

const cluster = (name: string, url = 'http://127.0.0.1:15000') => ({ name, vtctld: { url } });
// Sandbox mode brings the demo users, so these tests need no auth section.
const resolve = (file: unknown, env: NodeJS.ProcessEnv = {}) => resolveConfig(file, env, { sandbox: true });

describe('config', () => {
  it('applies defaults and picks the first cluster as default', () => {
    const config = resolve({ clusters: [cluster('prod'), cluster('staging')] });
    expect(config.server).toEqual({ host: '127.0.0.1', port: 8080, shutdownTimeoutMs: 10_000 });
    expect(config.clusters.map((c) => [c.name, c.default, c.title])).toEqual([
      ['prod', true, 'prod'],
      ['staging', false, 'staging'],
    ]);
    expect(config.clusters[0]?.vtctld).toMatchObject({ timeoutMs: 5000, connections: 32 });
    expect(config.topology).toEqual({ cacheTtlMs: 2000, concurrency: 32 });
  });

  it('names the bad key', () => {
    const bad = (file: unknown) => () => resolve(file);
    expect(bad({ clusters: [cluster('prod'), cluster('staging', 'ftp://x')] })).toThrow(
      'config: clusters[1].vtctld.url must be an http(s) URL',
    );
    expect(bad({ clusters: [{ name: 'prod' }] })).toThrow('config: clusters[0].vtctld is required');
    expect(bad({ clusters: [cluster('Prod')] })).toThrow(
      'config: clusters[0].name must be a lower-case DNS label',
    );
    expect(bad({ clusters: [cluster('prod')], server: { port: 'x' } })).toThrow(
      'config: server.port must be integer',
    );
    expect(bad({ clusters: [cluster('prod')], servre: {} })).toThrow('config: servre is not a known key');
    expect(bad({ clusters: [cluster('a'), cluster('a')] })).toThrow(
      'config: clusters[1].name "a" is used twice',
    );
    expect(bad({})).toThrow(ConfigError);
  });

  it('takes PORT, HOST and VTCTLD_URL from the environment', () => {
    const config = resolve({}, { PORT: '9090', HOST: '0.0.0.0', VTCTLD_URL: 'http://vtctld:15000' });
    expect(config.server).toEqual({ host: '0.0.0.0', port: 9090, shutdownTimeoutMs: 10_000 });
    expect(config.clusters).toMatchObject([
      { name: 'default', default: true, vtctld: { url: 'http://vtctld:15000' } },
    ]);
    const over = resolve(
      { clusters: [cluster('prod'), { ...cluster('staging'), default: true }] },
      {
        VTCTLD_URL: 'http://other:1',
      },
    );
    expect(over.clusters[1]?.vtctld.url).toBe('http://other:1');
    expect(() => resolve({}, { PORT: 'eighty' })).toThrow('config: PORT must be a port number');
  });

  it('parses YAML and JSON and masks secrets', () => {
    const file = parseConfigText(
      'clusters:\n  - name: prod\n    vtctld: { url: "http://u:pw@h:1" }\n',
      'c.yaml',
    );
    const config = resolve(file);
    expect(maskSecrets(config).clusters[0]?.vtctld.url).toBe('http://u:***@h:1');
    expect(maskSecrets({ routers: [{ password: 'x' }] })).toEqual({ routers: [{ password: '***' }] });
    expect(() => parseConfigText('{', 'c.json')).toThrow('config: c.json is not valid JSON');
  });
});

describe('auth config', () => {
  const clusters = [cluster('prod')];
  const secret = 'a-session-secret-of-32-characters-or-more';
  const user = { username: 'alice', passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$x$y' };

  it('outside sandbox mode refuses to start without users, service accounts or OIDC', () => {
    expect(() => resolveConfig({ clusters })).toThrow(
      'config: auth: nobody can sign in; configure auth.users, auth.serviceAccounts or auth.oidc',
    );
    expect(() => resolveConfig({ clusters, auth: { users: [user] } })).toThrow(
      'config: auth.session.secrets is required',
    );
    const config = resolveConfig({ clusters, auth: { users: [user], session: { secrets: [secret] } } });
    expect(config.sandbox).toBe(false);
    expect(config.auth.directory.users).toEqual([user]);
    expect(config.auth.session).toEqual({ secrets: [secret], ttlSeconds: 43_200 });
  });

  it('takes the session secret and the audit log path from the environment', () => {
    const config = resolveConfig(
      { clusters, auth: { users: [user] } },
      { VTDECK_SESSION_SECRET: secret, VTDECK_AUDIT_LOG: '/var/log/vtdeck/audit.log' },
    );
    expect(config.auth.session.secrets).toEqual([secret]);
    expect(config.auth.auditLogPath).toBe('/var/log/vtdeck/audit.log');
    const relative = resolveConfig(
      { clusters, auth: { users: [user], session: { secrets: [secret] } } },
      {},
      { cwd: '/srv/vtdeck' },
    );
    expect(relative.auth.auditLogPath).toBe('/srv/vtdeck/.vtdeck/audit.log');
  });

  it('in sandbox mode adds the demo users, token and grants to the file', () => {
    const config = resolve({ clusters, auth: { users: [user] } });
    expect(config.auth.directory.users?.map((u) => u.username)).toEqual([
      'alice',
      'viewer',
      'developer',
      'dba',
      'admin',
    ]);
    expect(config.auth.directory.serviceAccounts?.map((s) => s.name)).toEqual(['demo-admin']);
    expect(config.auth.session.secrets).toHaveLength(1);
  });

  it('names the bad key', () => {
    const bad = (auth: unknown) => () => resolve({ clusters, auth });
    expect(bad({ users: [{ username: 'alice', passwordHash: 'plain' }] })).toThrow(
      'config: auth.users[0].passwordHash must be an argon2id hash ($argon2id$...)',
    );
    expect(bad({ grants: [{ subjects: ['user:ghost'], role: 'dba' }] })).toThrow(
      'config: auth.grants[0].subjects[0]: no user "user:ghost"',
    );
    expect(bad({ grants: [{ subjects: ['*'], role: 'root' }] })).toThrow('config: auth.grants[0].role');
    expect(bad({ session: { secrets: ['short'] } })).toThrow('config: auth.session.secrets[0]');
    expect(
      bad({
        oidc: {
          issuer: 'http://sso.example.com',
          clientId: 'a',
          clientSecret: 'b',
          redirectUri: 'https://x/api/v2/session/oidc/callback',
        },
      }),
    ).toThrow('config: auth.oidc.issuer: must be https');
    expect(bad({ colour: 'blue' })).toThrow('config: auth.colour is not a known key');
  });

  it('masks hashes and secrets in --print-config', () => {
    const config = resolveConfig({ clusters, auth: { users: [user], session: { secrets: [secret] } } });
    const printed = JSON.stringify(maskSecrets(config));
    expect(printed).not.toContain(secret);
    expect(printed).not.toContain('$argon2id$');
  });
});
