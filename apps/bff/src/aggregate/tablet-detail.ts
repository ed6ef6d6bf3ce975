import type { TabletDetail } from '@vtdeck/contracts';
import { AppError } from '../http/app-error';
import { isUpstreamError } from '../upstreams/upstream-error';
import {
  parseTabletAlias,
  type RawShard,
  type RawTabletHealth,
  shardIsPrimaryServing,
  shardPrimaryAlias,
  tabletAliasString,
  toTabletHealth,
  toTabletNode,
  type VtctldClient,
} from '../upstreams/vtctld';
import { SourceErrors } from './source-errors';

/**
 * One tablet with its shard's view of it and its latest health. The tablet record is required;
 * the shard record and the health are extras that degrade to an entry in `errors`.
 */
export async function loadTabletDetail(
  client: VtctldClient,
  alias: string,
  requestId?: string,
): Promise<TabletDetail> {
  const parsed = parseTabletAlias(alias);
  if (!parsed)
    throw new AppError(
      400,
      'VALIDATION',
      `params/alias "${alias}" is not a tablet alias like zone1-0000000100`,
    );
  const canonical = tabletAliasString(parsed);
  const call = { requestId };
  const raw = await client.tablet(canonical, call).catch((err) => {
    if (isUpstreamError(err) && err.kind === 'not_found') {
      throw new AppError(404, 'NOT_FOUND', `tablet ${canonical} not found in cluster ${client.cluster}`);
    }
    throw err;
  });
  const errors = new SourceErrors();
  const keyspace = raw.keyspace ?? '';
  const shardName = raw.shard ?? '';
  const [shard, health] = await Promise.all([
    client.shard(keyspace, shardName, call).catch((err): RawShard | null => {
      errors.note(`vtctld:shard/${keyspace}/${shardName}`, err);
      return null;
    }),
    client.tabletHealth(canonical, call).catch((err): RawTabletHealth | null => {
      errors.note(`vtctld:health/${canonical}`, err);
      return null;
    }),
  ]);
  const tablet = toTabletNode(raw, {
    primaryAlias: shard ? shardPrimaryAlias(shard) : null,
    shardServing: shard ? shardIsPrimaryServing(shard) : false,
  });
  // Without the shard record, the tablet's own type is the best evidence of being the primary.
  if (!shard) tablet.isPrimary = tablet.type === 'PRIMARY';
  const detail: TabletDetail = {
    tablet,
    health: health ? toTabletHealth(health) : null,
    errors: errors.list(),
  };
  if (detail.health) tablet.serving = detail.health.serving;
  return detail;
}
