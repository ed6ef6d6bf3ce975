import type { KeyspaceNode, ShardNode, Topology } from '@vtdeck/contracts';
import { AppError } from '../http/app-error';
import { isUpstreamError } from '../upstreams/upstream-error';
import {
  type CallOptions,
  keyRangeFromShardName,
  keyRangeHex,
  type RawShard,
  type RawTablet,
  shardIsPrimaryServing,
  shardPrimaryAlias,
  toTabletNode,
  type VtctldClient,
} from '../upstreams/vtctld';
import type { Limiter } from './limiter';
import { SourceErrors } from './source-errors';

/** What the loader learnt about a cluster's vtctld; kept between loads by the caller. */
export interface LoaderHints {
  /** vtctld runs `FindAllShardsInKeyspace` for us (false once it refused: unknown command, ACL). */
  findAllShards: boolean;
}

type ShardRecord = [name: string, record: RawShard | null];

/**
 * Builds a cluster's topology tree from the cheapest vtctld calls: the keyspace list and cells, then
 * per keyspace its record, all its tablets in one call and all its shard records in one call
 * (`FindAllShardsInKeyspace`; where vtctld refuses that, the shard names and one call per shard). Every call goes through `limit`; a failed call becomes an entry in
 * `errors` beside what did load. Only the keyspace list failing unreachable/timeout fails the whole.
 */
export async function loadTopology(
  client: VtctldClient,
  limit: Limiter,
  options: { keyspace?: string; requestId?: string },
  hints: LoaderHints = { findAllShards: true },
): Promise<Topology> {
  const call: CallOptions = { requestId: options.requestId };
  const errors = new SourceErrors();
  const generatedAt = new Date().toISOString();

  const cellsPromise = limit(() => client.cells(call)).catch((err) => {
    errors.note('vtctld:cells', err);
    return [] as string[];
  });
  let names: string[];
  try {
    names = await limit(() => client.keyspaceNames(call));
  } catch (err) {
    if (isUpstreamError(err) && (err.kind === 'unreachable' || err.kind === 'timeout')) throw err;
    errors.note('vtctld:keyspaces', err);
    names = [];
  }
  if (options.keyspace !== undefined) {
    if (!names.includes(options.keyspace) && errors.items.length === 0) {
      throw new AppError(
        404,
        'NOT_FOUND',
        `keyspace "${options.keyspace}" not found in cluster ${client.cluster}`,
      );
    }
    names = names.filter((n) => n === options.keyspace);
  }

  const items = await Promise.all(names.map((ks) => loadKeyspace(client, limit, call, ks, errors, hints)));
  return { cluster: client.cluster, generatedAt, cells: await cellsPromise, items, errors: errors.list() };
}

async function loadKeyspace(
  client: VtctldClient,
  limit: Limiter,
  call: CallOptions,
  keyspace: string,
  errors: SourceErrors,
  hints: LoaderHints,
): Promise<KeyspaceNode> {
  const record = limit(() => client.keyspace(keyspace, call)).catch((err) => {
    errors.note(`vtctld:keyspace/${keyspace}`, err);
    return null;
  });
  const tablets = limit(() => client.keyspaceTablets(keyspace, call)).catch((err) => {
    errors.note(`vtctld:tablets/${keyspace}`, err);
    return [] as RawTablet[];
  });
  const shards = loadShardRecords(client, limit, call, keyspace, errors, hints);

  const [rec, shardRecords, rawTablets] = await Promise.all([record, shards, tablets]);
  const byShard = new Map<string, RawTablet[]>();
  for (const t of rawTablets) {
    const list = byShard.get(t.shard ?? '');
    if (list) list.push(t);
    else byShard.set(t.shard ?? '', [t]);
  }
  const shardNodes = shardRecords.map(([name, raw]) => toShardNode(name, raw, byShard.get(name) ?? []));
  return {
    name: keyspace,
    sharded: Boolean(rec?.sharding_column_name) || shardNodes.some((s) => s.name.includes('-')),
    shards: shardNodes,
  };
}

function toShardNode(name: string, raw: RawShard | null, tablets: RawTablet[]): ShardNode {
  const primaryAlias = raw ? shardPrimaryAlias(raw) : null;
  const isPrimaryServing = raw ? shardIsPrimaryServing(raw) : false;
  return {
    name,
    keyRange: raw ? keyRangeHex(raw.key_range) : keyRangeFromShardName(name),
    primaryAlias,
    isPrimaryServing,
    tablets: tablets.map((t) => toTabletNode(t, { primaryAlias, shardServing: isPrimaryServing })),
  };
}

async function loadShardRecords(
  client: VtctldClient,
  limit: Limiter,
  call: CallOptions,
  keyspace: string,
  errors: SourceErrors,
  hints: LoaderHints,
): Promise<ShardRecord[]> {
  const source = `vtctld:shards/${keyspace}`;
  if (hints.findAllShards) {
    try {
      const found = await limit(() => client.findAllShards(keyspace, call));
      if ('shards' in found) {
        return Object.keys(found.shards)
          .sort()
          .map((name): ShardRecord => [name, found.shards[name] ?? null]);
      }
      if (/unknown command/i.test(found.error)) hints.findAllShards = false;
    } catch (err) {
      if (!isUpstreamError(err) || !['forbidden', 'unauthorized', 'not_found'].includes(err.kind)) {
        errors.note(source, err);
        return [];
      }
      // A read-only vtctld (ACL) refuses /api/vtctl/ but serves the collections.
      hints.findAllShards = false;
    }
  }
  let names: string[];
  try {
    names = await limit(() => client.shardNames(keyspace, call));
  } catch (err) {
    errors.note(source, err);
    return [];
  }
  return Promise.all(
    names.map((name) =>
      limit(() => client.shard(keyspace, name, call))
        .then((raw): ShardRecord => [name, raw])
        .catch((err): ShardRecord => {
          errors.note(`vtctld:shard/${keyspace}/${name}`, err);
          return [name, null];
        }),
    ),
  );
}
