import { type Static, Type } from 'typebox';
import { SourceError } from './common';

export const TabletType = Type.Union(
  ['UNKNOWN', 'PRIMARY', 'REPLICA', 'RDONLY', 'SPARE', 'EXPERIMENTAL', 'BACKUP', 'RESTORE', 'DRAINED'].map(
    (t) => Type.Literal(t),
  ),
);
export type TabletType =
  | 'UNKNOWN'
  | 'PRIMARY'
  | 'REPLICA'
  | 'RDONLY'
  | 'SPARE'
  | 'EXPERIMENTAL'
  | 'BACKUP'
  | 'RESTORE'
  | 'DRAINED';

export const KeyRange = Type.Object({
  start: Type.String({ description: 'hex, "" for the lowest key' }),
  end: Type.String({ description: 'hex, "" for the highest key' }),
});
export type KeyRange = Static<typeof KeyRange>;

export const TabletNode = Type.Object({
  alias: Type.String({
    description: 'cell-uid, uid zero-padded to 10 digits',
    examples: ['zone1-0000000100'],
  }),
  cell: Type.String(),
  uid: Type.Integer(),
  type: Type.String({ description: 'PRIMARY, REPLICA, RDONLY, ...' }),
  hostname: Type.String(),
  keyspace: Type.String(),
  shard: Type.String(),
  keyRange: KeyRange,
  isPrimary: Type.Boolean({ description: 'this tablet is the primary recorded for its shard' }),
  serving: Type.Boolean(),
  mysqlPort: Type.Optional(Type.Integer()),
  url: Type.Optional(Type.String()),
});
export type TabletNode = Static<typeof TabletNode>;

export const ShardNode = Type.Object({
  name: Type.String(),
  keyRange: KeyRange,
  primaryAlias: Type.Union([Type.String(), Type.Null()]),
  isPrimaryServing: Type.Boolean(),
  tablets: Type.Array(TabletNode),
});
export type ShardNode = Static<typeof ShardNode>;

export const KeyspaceNode = Type.Object({
  name: Type.String(),
  sharded: Type.Boolean(),
  shards: Type.Array(ShardNode),
});
export type KeyspaceNode = Static<typeof KeyspaceNode>;

/** `GET /api/v2/clusters/{cluster}/topology`: partial results with one error per failed source. */
export const Topology = Type.Object({
  cluster: Type.String(),
  generatedAt: Type.String({ format: 'date-time' }),
  cells: Type.Array(Type.String()),
  items: Type.Array(KeyspaceNode),
  errors: Type.Array(SourceError),
});
export type Topology = Static<typeof Topology>;

export const TabletParams = Type.Object({
  cluster: Type.String(),
  alias: Type.String({ pattern: '^[A-Za-z0-9_.]+-[0-9]+$', description: 'cell-uid' }),
});
export type TabletParams = Static<typeof TabletParams>;

/** `GET /api/v2/clusters/{cluster}/tablets/{alias}`: the tablet record and its latest health. */
export const TabletDetail = Type.Object({
  tablet: TabletNode,
  health: Type.Union([
    Type.Object({
      serving: Type.Boolean(),
      secondsBehindPrimary: Type.Integer(),
      qps: Type.Number(),
      healthError: Type.String(),
    }),
    Type.Null(),
  ]),
  errors: Type.Array(SourceError),
});
export type TabletDetail = Static<typeof TabletDetail>;

/** Query of `GET /api/v2/clusters/{cluster}/topology`. */
export const TopologyQuery = Type.Object({
  keyspace: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'only this keyspace' })),
});
export type TopologyQuery = Static<typeof TopologyQuery>;
