import { hashApiToken } from './passwords';
import type { AuthConfig } from './users';

/**
 * Sandbox mode only: one user per role, shown on the sign-in page, and an admin API token.
 * The developer and dba see only part of the demo so the limits are visible in the console.
 * Hashes are precomputed so building the config costs nothing at start.
 */

export const DEMO_USERS = [
  { username: 'viewer', password: 'viewer-demo', role: 'viewer', scope: 'every keyspace and namespace' },
  { username: 'developer', password: 'developer-demo', role: 'developer', scope: 'keyspace commerce' },
  { username: 'dba', password: 'dba-demo', role: 'dba', scope: 'keyspaces customer*, namespaces vitess*' },
  { username: 'admin', password: 'admin-demo', role: 'admin', scope: 'everything' },
] as const;

export const DEMO_ADMIN_TOKEN = 'vtdeck-demo-admin-token';

// A fixed secret keeps demo sessions valid across restarts and replicas. Never used outside sandbox mode.
const DEMO_SESSION_SECRET = 'vtdeck-sandbox-session-secret-not-for-production';

const HASHES: Record<(typeof DEMO_USERS)[number]['username'], string> = {
  viewer: '$argon2id$v=19$m=65536,p=4,t=3$lCeTH7FTUYN46Xy4OPOeuA$mcSqAW1iIEhR/nuZy12dS1GDPjnaquGLdyaX+016Jqo',
  developer:
    '$argon2id$v=19$m=65536,p=4,t=3$BySUFu8y9ysDbytqrvLHPg$DS2QaM29GdrRwy59DObwpevJejTGl9zLrgjHTASs2DQ',
  dba: '$argon2id$v=19$m=65536,p=4,t=3$0Kvbk91ZJskK2C7nfWMqCg$ZXpvEiv5cy3utS4vj2MqpuQShFefzFMSQVPKemHLaps',
  admin: '$argon2id$v=19$m=65536,p=4,t=3$m69A3nbwo1LqcYSreRD8oQ$s0DoFdNO/GzLlnSXNLkK9nHBbPFL/WQf5Y4G4F2jyWY',
};

export function demoAuthConfig(): AuthConfig {
  return {
    users: DEMO_USERS.map((u) => ({
      username: u.username,
      passwordHash: HASHES[u.username],
      groups: [`demo-${u.role}s`],
      displayName: `Demo ${u.role}`,
    })),
    serviceAccounts: [
      { name: 'demo-admin', tokenHash: hashApiToken(DEMO_ADMIN_TOKEN), groups: ['demo-admins'] },
    ],
    grants: [
      { subjects: ['group:demo-viewers'], role: 'viewer', keyspaces: ['*'], namespaces: ['*'] },
      {
        subjects: ['group:demo-developers'],
        role: 'developer',
        keyspaces: ['commerce'],
        namespaces: ['default'],
      },
      { subjects: ['group:demo-dbas'], role: 'dba', keyspaces: ['customer*'], namespaces: ['vitess*'] },
      { subjects: ['group:demo-admins'], role: 'admin' },
    ],
    session: { secrets: [DEMO_SESSION_SECRET], ttlSeconds: 43_200 },
  };
}
