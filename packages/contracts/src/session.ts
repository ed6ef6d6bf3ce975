import { type Static, Type } from 'typebox';

// Sign-in and "who am I". The web computes what to show from `grants` with the same policy code the
// BFF enforces (access.ts); the BFF stays the authority and checks every request again.

export const SignInRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 128 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false, examples: [{ username: 'dba', password: 'dba-demo' }] },
);
export type SignInRequest = Static<typeof SignInRequest>;

export const SessionUser = Type.Object({
  name: Type.String(),
  kind: Type.Union([Type.Literal('user'), Type.Literal('serviceAccount')]),
  groups: Type.Array(Type.String()),
  via: Type.Union([Type.Literal('password'), Type.Literal('oidc'), Type.Literal('token')]),
});
export type SessionUser = Static<typeof SessionUser>;

/** A grant as the browser sees it: only those that apply to the signed-in principal. */
export const SessionGrant = Type.Object({
  role: Type.Union([
    Type.Literal('viewer'),
    Type.Literal('developer'),
    Type.Literal('dba'),
    Type.Literal('admin'),
  ]),
  keyspaces: Type.Optional(Type.Array(Type.String())),
  namespaces: Type.Optional(Type.Array(Type.String())),
  clusters: Type.Optional(Type.Array(Type.String())),
});
export type SessionGrant = Static<typeof SessionGrant>;

/** `GET /api/v2/session`, and the answer to a sign-in. */
export const SessionInfo = Type.Object(
  {
    user: SessionUser,
    /** Send back in `x-csrf-token` on every cookie-authenticated write. Absent for bearer tokens. */
    csrfToken: Type.Optional(Type.String()),
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
    grants: Type.Array(SessionGrant),
  },
  {
    examples: [
      {
        user: { name: 'dba', kind: 'user', groups: ['dbas'], via: 'password' },
        csrfToken: 'pS1v1QmY0Zf8m7xH3kq2Vg',
        expiresAt: '2025-01-01T12:00:00.000Z',
        grants: [{ role: 'dba', keyspaces: ['customer*'] }],
      },
    ],
  },
);
export type SessionInfo = Static<typeof SessionInfo>;

export const DemoUser = Type.Object({
  username: Type.String(),
  password: Type.String(),
  role: Type.String(),
  scope: Type.String({ description: 'what the demo grants cover, e.g. "keyspaces customer*"' }),
});
export type DemoUser = Static<typeof DemoUser>;

/** `GET /api/v2/session/options`: public, what the sign-in page offers. */
export const SignInOptions = Type.Object({
  sandbox: Type.Boolean(),
  demoUsers: Type.Array(DemoUser),
  demoToken: Type.Optional(Type.String({ description: 'sandbox only: a demo admin API token' })),
  oidc: Type.Object({ enabled: Type.Boolean(), loginUrl: Type.Optional(Type.String()) }),
});
export type SignInOptions = Static<typeof SignInOptions>;

export const CSRF_HEADER = 'x-csrf-token';
