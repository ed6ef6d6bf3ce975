import { type Static, Type } from 'typebox';

// The seed's endpoints, kept byte-for-byte in shape so existing clients keep working.

/** `GET /api/keyspaces/` and `GET /api/shards/{keyspace}/`: a sorted list of names. */
export const NameList = Type.Array(Type.String(), { examples: [['commerce', 'customer']] });
export type NameList = Static<typeof NameList>;

/** `POST /api/vtctl/`: the command line, command first, exactly as vtctl takes it. */
export const VtctlCommand = Type.Array(Type.String({ maxLength: 4096 }), {
  minItems: 1,
  maxItems: 256,
  examples: [
    ['CreateKeyspace', 'gwgggg'],
    ['DeleteShard', '-recursive', '-even_if_serving', 'test/-10'],
  ],
});
export type VtctlCommand = Static<typeof VtctlCommand>;

/** vtctld's envelope: `Error` is "" on success, else the failure text; `Output` is what the command printed. */
export const VtctlResult = Type.Object(
  { Error: Type.String(), Output: Type.String() },
  { examples: [{ Error: '', Output: '' }] },
);
export type VtctlResult = Static<typeof VtctlResult>;

export const KeyspaceParams = Type.Object({
  keyspace: Type.String({ minLength: 1, maxLength: 255, examples: ['customer'] }),
});
export type KeyspaceParams = Static<typeof KeyspaceParams>;

/** `POST /api/tablets/` form body. */
export const TabletsForm = Type.Object(
  {
    shard: Type.String({ pattern: '^[^/]+/[^/]+$', description: 'keyspace/shard, e.g. customer/-80' }),
    cell: Type.Optional(Type.String()),
  },
  { examples: [{ shard: 'customer/-80', cell: 'zone1' }] },
);
export type TabletsForm = Static<typeof TabletsForm>;

export const TabletAlias = Type.Object({
  cell: Type.String(),
  uid: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type TabletAlias = Static<typeof TabletAlias>;

export const TabletAliasList = Type.Array(TabletAlias, { examples: [[{ cell: 'zone1', uid: 100 }]] });
export type TabletAliasList = Static<typeof TabletAliasList>;

/** `POST /api/schema/apply`. */
export const SchemaApplyRequest = Type.Object(
  {
    Keyspace: Type.String({ minLength: 1, maxLength: 255 }),
    SQL: Type.String({ minLength: 1, maxLength: 1_000_000 }),
    SlaveTimeoutSeconds: Type.Optional(Type.Integer()),
  },
  { examples: [{ Keyspace: 'commerce', SQL: 'CREATE TABLE t1 (id bigint, primary key(id))' }] },
);
export type SchemaApplyRequest = Static<typeof SchemaApplyRequest>;
