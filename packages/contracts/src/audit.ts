import { type Static, Type } from 'typebox';

export const AuditTarget = Type.Object({
  cluster: Type.String(),
  keyspace: Type.Optional(Type.String()),
  shard: Type.Optional(Type.String()),
  tablet: Type.Optional(Type.String()),
  namespace: Type.Optional(Type.String()),
});

/** One line of the append-only audit log. */
export const AuditEntry = Type.Object({
  time: Type.String({ format: 'date-time' }),
  user: Type.String(),
  authVia: Type.Union([Type.Literal('cookie'), Type.Literal('token'), Type.Literal('oidc')]),
  action: Type.String({ description: 'e.g. vtctl, schema.apply, sql.execute, k8s.pods.delete' }),
  args: Type.Array(Type.String()),
  target: AuditTarget,
  result: Type.Union([
    Type.Literal('allowed'),
    Type.Literal('denied'),
    Type.Literal('ok'),
    Type.Literal('error'),
  ]),
  message: Type.Optional(Type.String()),
  requestId: Type.String(),
});
export type AuditEntry = Static<typeof AuditEntry>;

/** `GET /api/v2/audit` query: every filter optional, newest first. */
export const AuditQuery = Type.Object({
  user: Type.Optional(Type.String({ maxLength: 128 })),
  keyspace: Type.Optional(Type.String({ maxLength: 255 })),
  since: Type.Optional(Type.String({ format: 'date-time' })),
  until: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 256 })),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditPage = Type.Object({
  items: Type.Array(AuditEntry),
  nextCursor: Type.Optional(Type.String()),
});
export type AuditPage = Static<typeof AuditPage>;
