import { type Static, Type } from 'typebox';

// The SQL console. Queries go to vtgate over the MySQL protocol; results stream to the browser as
// NDJSON (one SqlEvent per line) so a 100k-row result never sits whole in the BFF.

export const SqlTabletType = Type.Union([
  Type.Literal('primary'),
  Type.Literal('replica'),
  Type.Literal('rdonly'),
]);
export type SqlTabletType = Static<typeof SqlTabletType>;

export const SqlRequest = Type.Object(
  {
    /** Client-chosen id (uuid) so the query can be cancelled before its first byte arrives. */
    id: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]{8,64}$' })),
    keyspace: Type.String({ minLength: 1, maxLength: 255 }),
    sql: Type.String({ minLength: 1, maxLength: 1_000_000 }),
    tabletType: Type.Optional(SqlTabletType),
    shard: Type.Optional(Type.String({ maxLength: 64, description: 'target one shard, e.g. -80' })),
    maxRows: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 3_600_000 })),
    /** The user confirmed the guarded statements (DROP, TRUNCATE, UPDATE/DELETE without WHERE). */
    confirmed: Type.Optional(Type.Boolean()),
    /** Refuse anything that writes, whatever the user's role. */
    readOnly: Type.Optional(Type.Boolean()),
  },
  { examples: [{ keyspace: 'commerce', sql: 'select * from product', tabletType: 'replica' }] },
);
export type SqlRequest = Static<typeof SqlRequest>;

export const StatementKind = Type.Union([
  Type.Literal('read'),
  Type.Literal('write'),
  Type.Literal('ddl'),
  Type.Literal('other'),
]);
export type StatementKind = Static<typeof StatementKind>;

/** What the parser decided about one statement, before anything runs. */
export const StatementAnalysis = Type.Object({
  index: Type.Integer(),
  sql: Type.String({ description: 'the statement as it will run (with an added LIMIT if any)' }),
  /** Offset of the statement in the submitted text, for error positions in the editor. */
  offset: Type.Integer(),
  kind: StatementKind,
  tables: Type.Array(Type.String()),
  needsConfirmation: Type.Boolean(),
  reason: Type.Optional(Type.String({ description: 'why it needs confirmation, or why it is refused' })),
  allowed: Type.Boolean(),
  limitAdded: Type.Optional(Type.Integer({ description: 'the default LIMIT the BFF added' })),
  routing: Type.Optional(
    Type.Union([
      Type.Literal('single-shard'),
      Type.Literal('multi-shard'),
      Type.Literal('scatter'),
      Type.Literal('unknown'),
    ]),
  ),
});
export type StatementAnalysis = Static<typeof StatementAnalysis>;

export const SqlAnalysis = Type.Object({
  statements: Type.Array(StatementAnalysis),
  /** Parse error of the script, with its position. */
  error: Type.Optional(Type.Object({ message: Type.String(), offset: Type.Optional(Type.Integer()) })),
});
export type SqlAnalysis = Static<typeof SqlAnalysis>;

export const SqlColumn = Type.Object({
  name: Type.String(),
  /** MySQL type name, e.g. VARCHAR, BIGINT, JSON, BLOB. */
  type: Type.String(),
  table: Type.Optional(Type.String()),
  nullable: Type.Optional(Type.Boolean()),
  binary: Type.Optional(Type.Boolean()),
});
export type SqlColumn = Static<typeof SqlColumn>;

/** A cell: null for SQL NULL, a string for every other value (numbers too: no precision loss), binary as base64. */
export const SqlCell = Type.Union([Type.Null(), Type.String(), Type.Object({ base64: Type.String() })]);
export type SqlCell = Static<typeof SqlCell>;

/** One NDJSON line of `POST /api/v2/clusters/{cluster}/sql`. */
export const SqlEvent = Type.Union([
  Type.Object({ type: Type.Literal('start'), id: Type.String(), statements: Type.Integer() }),
  Type.Object({
    type: Type.Literal('resultset'),
    statement: Type.Integer(),
    sql: Type.String(),
    columns: Type.Array(SqlColumn),
  }),
  Type.Object({
    type: Type.Literal('rows'),
    statement: Type.Integer(),
    rows: Type.Array(Type.Array(SqlCell)),
  }),
  Type.Object({
    type: Type.Literal('done'),
    statement: Type.Integer(),
    rowCount: Type.Integer(),
    rowsAffected: Type.Optional(Type.Integer()),
    insertId: Type.Optional(Type.String()),
    warnings: Type.Array(Type.Object({ level: Type.String(), code: Type.Integer(), message: Type.String() })),
    elapsedMs: Type.Number(),
    truncated: Type.Boolean({ description: 'the row cap stopped the result' }),
  }),
  Type.Object({
    type: Type.Literal('error'),
    statement: Type.Integer(),
    code: Type.String({
      description: 'MySQL error name or a vtdeck code, e.g. ER_NO_SUCH_TABLE, QUERY_CANCELLED',
    }),
    errno: Type.Optional(Type.Integer()),
    sqlState: Type.Optional(Type.String()),
    message: Type.String(),
    /** Offset in the submitted text where the error is, when known. */
    offset: Type.Optional(Type.Integer()),
  }),
  Type.Object({ type: Type.Literal('end'), elapsedMs: Type.Number() }),
]);
export type SqlEvent = Static<typeof SqlEvent>;

export const SqlCancelParams = Type.Object({
  cluster: Type.String(),
  id: Type.String({ pattern: '^[A-Za-z0-9-]{8,64}$' }),
});
export const SqlCancelResult = Type.Object(
  { cancelled: Type.Boolean() },
  { examples: [{ cancelled: true }] },
);
export type SqlCancelResult = Static<typeof SqlCancelResult>;

/** `GET /api/v2/clusters/{cluster}/sql/schema`: what completion needs, for the keyspaces the user may read. */
export const SqlSchema = Type.Object({
  keyspaces: Type.Array(
    Type.Object({
      name: Type.String(),
      tables: Type.Array(
        Type.Object({
          name: Type.String(),
          columns: Type.Array(Type.Object({ name: Type.String(), type: Type.String() })),
        }),
      ),
    }),
  ),
  errors: Type.Array(Type.Object({ source: Type.String(), kind: Type.String(), message: Type.String() })),
});
export type SqlSchema = Static<typeof SqlSchema>;

/**
 * The JSON body of a script refused before it ran: 400 `SQL_SYNTAX` (does not split; `parseError`) or
 * `VALIDATION`, 403 `FORBIDDEN` or `SQL_READ_ONLY`, 409 `CONFIRMATION_REQUIRED`. `statements` is the
 * analysis, so the editor can mark each statement.
 */
export const SqlRefusal = Type.Object({
  statusCode: Type.Integer(),
  code: Type.String(),
  error: Type.String(),
  message: Type.String(),
  statements: Type.Array(StatementAnalysis),
  parseError: Type.Optional(Type.Object({ message: Type.String(), offset: Type.Optional(Type.Integer()) })),
});
export type SqlRefusal = Static<typeof SqlRefusal>;
