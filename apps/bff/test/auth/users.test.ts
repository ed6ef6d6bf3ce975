import { describe, expect, it } from 'vitest';
import { DEMO_ADMIN_TOKEN, DEMO_USERS, demoAuthConfig } from '../../src/auth/demo-auth';
import { createGrantPolicy } from '../../src/auth/grants';
import {
  generateApiToken,
  hashApiToken,
  hashPassword,
  verifyApiToken,
  verifyPassword,
} from '../../src/auth/passwords';
import { AuthConfigError, bearerToken, createUserDirectory, parseAuthConfig } from '../../src/auth/users';

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('s3cret pass');
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(await verifyPassword(hash, 's3cret pass')).toBe(true);
    expect(await verifyPassword(hash, 's3cret Pass')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(await verifyPassword('$argon2id$garbage', 'x')).toBe(false);
  });

  it('hashes API tokens as sha256 and compares them', () => {
    const token = generateApiToken();
    expect(token).toMatch(/^vtd_[A-Za-z0-9_-]{43}$/);
    const hash = hashApiToken(token);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(verifyApiToken(hash, token)).toBe(true);
    expect(verifyApiToken(hash, `${token}x`)).toBe(false);
    expect(verifyApiToken('sha256:short', token)).toBe(false);
  });

  it('reads a Bearer header', () => {
    expect(bearerToken('Bearer abc.DEF_-~+/=')).toBe('abc.DEF_-~+/=');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer ')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});

describe('auth config', () => {
  it('accepts the documented shape', async () => {
    const config = parseAuthConfig({
      users: [{ username: 'alice', passwordHash: await hashPassword('pw'), groups: ['dbas'] }],
      serviceAccounts: [{ name: 'ci', tokenHash: hashApiToken('t'), groups: ['automation'] }],
      grants: [
        { subjects: ['group:dbas'], role: 'dba', keyspaces: ['customer*'], namespaces: ['vitess-*'] },
        { subjects: ['user:alice'], role: 'admin' },
        { subjects: ['sa:ci'], role: 'dba', keyspaces: ['commerce'] },
      ],
    });
    expect(config.users?.[0]?.username).toBe('alice');
  });

  it('names the bad key', () => {
    const bad = () =>
      parseAuthConfig({
        users: [{ username: 'alice', passwordHash: 'plain-text' }],
        grants: [{ subjects: ['group:x'], role: 'root' }],
      });
    expect(bad).toThrow(AuthConfigError);
    expect(bad).toThrow(/auth\.users\[0\]\.passwordHash/);
    expect(bad).toThrow(/auth\.grants\[0\]\.role/);
  });

  it('refuses patterns that are not names, duplicates and grants to unknown users', () => {
    expect(() =>
      parseAuthConfig({ grants: [{ subjects: ['user:a'], role: 'viewer', keyspaces: ['cust/../x'] }] }),
    ).toThrow(/auth\.grants\[0\]\.keyspaces\[0\]/);
    const h = hashApiToken('x');
    expect(() =>
      parseAuthConfig({
        serviceAccounts: [
          { name: 'ci', tokenHash: h },
          { name: 'ci', tokenHash: h },
        ],
      }),
    ).toThrow(/auth\.serviceAccounts\[1\]\.name: "sa:ci" is already defined/);
    expect(() => parseAuthConfig({ grants: [{ subjects: ['user:ghost'], role: 'viewer' }] })).toThrow(
      /auth\.grants\[0\]\.subjects\[0\]: no user "user:ghost"/,
    );
  });
});

describe('user directory (demo config)', () => {
  const config = demoAuthConfig();
  const directory = createUserDirectory(parseAuthConfig(config));
  const policy = createGrantPolicy(config.grants ?? []);

  it('signs in every demo user with its listed password and gives the listed role', async () => {
    for (const demo of DEMO_USERS) {
      const who = await directory.signIn(demo.username, demo.password);
      expect(who, demo.username).toMatchObject({ kind: 'user', name: demo.username });
      const somewhere = demo.username === 'developer' ? 'commerce' : 'customer';
      expect(policy.roleOn(who!, { keyspace: somewhere })).toBe(demo.role);
    }
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    expect(await directory.signIn('admin', 'viewer-demo')).toBeNull();
    expect(await directory.signIn('nobody', 'admin-demo')).toBeNull();
  });

  it('limits the demo developer and dba to part of the demo', async () => {
    const dev = (await directory.signIn('developer', 'developer-demo'))!;
    const dba = (await directory.signIn('dba', 'dba-demo'))!;
    const all = ['commerce', 'customer', 'customer_eu', 'lookup'];
    expect(policy.visibleKeyspaces(dev, all)).toEqual(['commerce']);
    expect(policy.visibleKeyspaces(dba, all)).toEqual(['customer', 'customer_eu']);
    expect(policy.visibleNamespaces(dba, ['default', 'vitess', 'vitess-staging'])).toEqual([
      'vitess',
      'vitess-staging',
    ]);
  });

  it('finds the demo admin service account by its token', () => {
    const sa = directory.fromApiToken(DEMO_ADMIN_TOKEN);
    expect(sa).toMatchObject({ kind: 'serviceAccount', name: 'demo-admin' });
    expect(policy.isGlobalAdmin(sa!)).toBe(true);
    expect(directory.fromApiToken('wrong')).toBeNull();
  });

  it('tells service accounts apart by token, the same on every repeated lookup', () => {
    const [ciToken, opsToken] = [generateApiToken(), generateApiToken()];
    const two = createUserDirectory(
      parseAuthConfig({
        serviceAccounts: [
          { name: 'ci', tokenHash: hashApiToken(ciToken), groups: ['automation'] },
          { name: 'ops', tokenHash: hashApiToken(opsToken) },
        ],
      }),
    );
    for (let i = 0; i < 3; i++) {
      expect(two.fromApiToken(ciToken)).toEqual({
        kind: 'serviceAccount',
        name: 'ci',
        groups: ['automation'],
      });
      expect(two.fromApiToken(opsToken)).toEqual({ kind: 'serviceAccount', name: 'ops', groups: [] });
      expect(two.fromApiToken(`${ciToken}x`)).toBeNull();
      expect(two.fromApiToken(ciToken.slice(0, -1))).toBeNull();
    }
  });

  it('finds users named in a session, and forgets removed ones', () => {
    expect(directory.findUser('dba')).toMatchObject({ name: 'dba', groups: ['demo-dbas'] });
    expect(directory.findUser('ghost')).toBeNull();
  });
});
