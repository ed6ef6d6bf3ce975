// A tablet's latest StreamHealthResponse (GET /api/tablets/<alias>/health): plausible, slowly
// moving numbers derived from the tablet and the clock, so a monitor screen has something alive.

import { i64, msg, type Pb } from './encoding/jsonpb';
import { aliasPb } from './encoding/records';
import { SERVING_TYPES, TabletType } from './names';
import type { Topology } from './topo/topology';
import type { Tablet } from './topo/types';
import { rpc } from './wrangler/tmc';

export interface TabletHealth {
  serving: boolean;
  secondsBehindMaster: number;
  qps: number;
  cpuUsage: number;
  healthError: string;
}

export function tabletHealth(topo: Topology, t: Tablet, now = Date.now()): TabletHealth {
  rpc(t);
  const phase = now / 60_000 + t.alias.uid;
  const shard = topo.findShard(t.keyspace, t.shard);
  const isMaster = t.type === TabletType.MASTER;
  const serving =
    SERVING_TYPES.includes(t.type as 1 | 2 | 3) && (!isMaster || Boolean(shard?.isMasterServing));
  const base = isMaster ? 120 : t.type === TabletType.REPLICA ? 45 : 12;
  const round2 = (n: number) => Math.round(n * 100) / 100;
  return {
    serving,
    secondsBehindMaster: isMaster ? 0 : Math.max(0, Math.round(1 + Math.sin(phase * 1.7) * 1.5)),
    qps: serving ? round2(base * (1 + 0.3 * Math.sin(phase))) : 0,
    cpuUsage: round2(15 + 10 * Math.sin(phase / 2)),
    healthError: '',
  };
}

export function healthPb(topo: Topology, t: Tablet): Pb {
  const h = tabletHealth(topo, t);
  return msg([
    [
      'target',
      msg([
        ['keyspace', t.keyspace],
        ['shard', t.shard],
        ['tablet_type', t.type],
        ['cell', t.alias.cell],
      ]),
    ],
    ['serving', h.serving],
    [
      'tablet_externally_reparented_timestamp',
      i64(t.type === TabletType.MASTER ? (t.masterTermStartTime?.seconds ?? 0) : 0),
    ],
    [
      'realtime_stats',
      msg([
        ['health_error', h.healthError],
        ['seconds_behind_master', h.secondsBehindMaster],
        ['binlog_players_count', 0],
        ['seconds_behind_master_filtered_replication', i64(0)],
        ['cpu_usage', h.cpuUsage],
        ['qps', h.qps],
      ]),
    ],
    ['tablet_alias', aliasPb(t.alias)],
  ]);
}
