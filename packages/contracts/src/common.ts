import { type Static, Type } from 'typebox';

/** Every error the BFF answers with: a stable `code` the web switches on, and a message for people. */
export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({
      description: 'stable machine code, e.g. UPSTREAM_UNREACHABLE, FORBIDDEN, VALIDATION',
    }),
    error: Type.String(),
    message: Type.String(),
    source: Type.Optional(Type.String({ description: 'the upstream that failed, e.g. vtctld' })),
  },
  {
    $id: 'ErrorBody',
    examples: [
      {
        statusCode: 502,
        code: 'UPSTREAM_UNREACHABLE',
        error: 'Bad Gateway',
        message: 'vtctld of cluster prod is unreachable (connect ECONNREFUSED 10.0.0.7:15000)',
        source: 'vtctld',
      },
    ],
  },
);
export type ErrorBody = Static<typeof ErrorBody>;

export const UpstreamErrorKind = Type.Union([
  Type.Literal('unreachable'),
  Type.Literal('timeout'),
  Type.Literal('unauthorized'),
  // The upstream's certificate is not trusted (wrong CA, expired, name mismatch) or TLS failed.
  Type.Literal('tls'),
  Type.Literal('forbidden'),
  Type.Literal('not_found'),
  Type.Literal('bad_response'),
  Type.Literal('upstream_5xx'),
]);
export type UpstreamErrorKind = Static<typeof UpstreamErrorKind>;

/** One failed source inside an aggregate: shown as a banner beside what did load. */
export const SourceError = Type.Object({
  source: Type.String({ description: 'what failed, e.g. "vtctld" or "vtctld:keyspace/customer"' }),
  kind: UpstreamErrorKind,
  message: Type.String(),
});
export type SourceError = Static<typeof SourceError>;

export const ClusterParams = Type.Object({
  cluster: Type.String({
    pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
    description: 'cluster name',
    examples: ['prod'],
  }),
});
export type ClusterParams = Static<typeof ClusterParams>;
