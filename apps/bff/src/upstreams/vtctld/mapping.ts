import type { KeyRange, TabletDetail, TabletNode, TabletType } from '@vtdeck/contracts';
import type { RawKeyRange, RawShard, RawTablet, RawTabletAlias, RawTabletHealth } from './records';

// vtctld JSON → the console's DTOs. vtctld speaks several dialects at once (jsonpb with nulls,
// encoding/json with omitted fields, era-B MASTER names, era-C PRIMARY names): this file is the one
// place that knows them, so nothing raw reaches the browser.

const TYPE_NAMES: TabletType[] = [
  'UNKNOWN',
  'PRIMARY', // era A/B call value 1 MASTER
  'REPLICA',
  'RDONLY',
  'SPARE',
  'EXPERIMENTAL',
  'BACKUP',
  'RESTORE',
  'DRAINED',
];
const TYPE_ALIASES: Record<string, TabletType> = { MASTER: 'PRIMARY', BATCH: 'RDONLY', WORKER: 'DRAINED' };
const SERVING_TYPES = new Set<TabletType>(['PRIMARY', 'REPLICA', 'RDONLY']);

export function tabletTypeName(type: number | string | undefined): TabletType {
  if (typeof type === 'number') return TYPE_NAMES[type] ?? 'UNKNOWN';
  if (typeof type === 'string') {
    const upper = type.toUpperCase();
    return (
      TYPE_ALIASES[upper] ?? (TYPE_NAMES.includes(upper as TabletType) ? (upper as TabletType) : 'UNKNOWN')
    );
  }
  return 'UNKNOWN';
}

/** The canonical alias: `<cell>-<uid>` with the uid zero-padded to 10 digits. */
export function tabletAliasString(alias: RawTabletAlias | null | undefined): string {
  return `${alias?.cell ?? ''}-${String(alias?.uid ?? 0).padStart(10, '0')}`;
}

/** Accepts `zone1-100` and `zone1-0000000100` alike; the last `-` separates cell and uid. */
export function parseTabletAlias(alias: string): { cell: string; uid: number } | null {
  const m = /^(.+)-(\d{1,10})$/.exec(alias);
  if (!m) return null;
  const uid = Number(m[2]);
  return uid > 0xffffffff ? null : { cell: m[1] ?? '', uid };
}

function base64ToHex(value: string | null | undefined): string {
  return value ? Buffer.from(value, 'base64').toString('hex') : '';
}

export function keyRangeHex(range: RawKeyRange | null | undefined): KeyRange {
  return { start: base64ToHex(range?.start), end: base64ToHex(range?.end) };
}

/** A shard's range from its name (`80-c0`), for when its record could not be read. */
export function keyRangeFromShardName(name: string): KeyRange {
  const [start = '', end = ''] = name.includes('-') ? name.toLowerCase().split('-') : ['', ''];
  return { start, end };
}

/** Era B writes master_alias, era C primary_alias; an unset alias is null or uid 0 with no cell. */
export function shardPrimaryAlias(shard: RawShard): string | null {
  const alias = shard.primary_alias ?? shard.master_alias;
  return alias?.cell ? tabletAliasString(alias) : null;
}

export function shardIsPrimaryServing(shard: RawShard): boolean {
  return shard.is_primary_serving ?? shard.is_master_serving ?? false;
}

export interface TabletContext {
  primaryAlias: string | null;
  /** Whether the shard serves primary traffic; used when vtctld sent no realtime stats. */
  shardServing: boolean;
}

export function toTabletNode(raw: RawTablet, ctx: TabletContext): TabletNode {
  const alias = tabletAliasString(raw.alias);
  const type = tabletTypeName(raw.type);
  const hostname = raw.hostname ?? '';
  const vtPort = raw.port_map?.vt;
  const node: TabletNode = {
    alias,
    cell: raw.alias?.cell ?? '',
    uid: raw.alias?.uid ?? 0,
    type,
    hostname,
    keyspace: raw.keyspace ?? '',
    shard: raw.shard ?? '',
    keyRange: keyRangeHex(raw.key_range),
    isPrimary: ctx.primaryAlias === alias,
    // Without per-tablet health calls, a tablet of a serving type in a serving shard is taken as
    // serving; vtctld's realtime stats, when it sends them, win.
    serving: raw.stats?.serving ?? (SERVING_TYPES.has(type) && ctx.shardServing),
  };
  if (raw.mysql_port) node.mysqlPort = raw.mysql_port;
  const url =
    raw.url ??
    (hostname && vtPort ? `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${vtPort}` : '');
  if (url) node.url = url;
  return node;
}

export function toTabletHealth(raw: RawTabletHealth): NonNullable<TabletDetail['health']> {
  const stats = raw.realtime_stats ?? {};
  return {
    serving: raw.serving ?? false,
    secondsBehindPrimary: Number(stats.seconds_behind_primary ?? stats.seconds_behind_master ?? 0),
    qps: Number(stats.qps ?? 0),
    healthError: stats.health_error ?? '',
  };
}
