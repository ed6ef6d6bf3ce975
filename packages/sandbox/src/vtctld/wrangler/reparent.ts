// InitShardMaster (and its era-C name InitShardPrimary), PlannedReparentShard and ReparentTablet,
// following go/vt/wrangler/reparent.go: same checks in the same order, same texts and log lines.

import type { Logger } from '../logger';
import { aliasEqual, aliasString, type TabletAlias, TabletType } from '../names';
import { VtError } from '../topo/errors';
import type { Topology } from '../topo/topology';
import type { Shard, Tablet } from '../topo/types';
import { changeType, nowTermTime, rpc } from './tmc';

const SRC = 'reparent.go:402';

/** Words that differ between InitShardMaster (era B) and InitShardPrimary (era C). */
export interface ReparentWords {
  master: 'master' | 'primary';
  slave: 'slave' | 'replica';
  force: '-force' | '--force';
}
export const MASTER_WORDS: ReparentWords = { master: 'master', slave: 'slave', force: '-force' };
export const PRIMARY_WORDS: ReparentWords = { master: 'primary', slave: 'replica', force: '--force' };

function makeMaster(si: Shard, t: Tablet): void {
  changeType(t, TabletType.MASTER);
  si.masterAlias = { ...t.alias };
  // The real tablet copies its term start into the shard record moments later; do it at once.
  si.masterTermStartTime = t.masterTermStartTime ? { ...t.masterTermStartTime } : nowTermTime();
}

export function initShardMaster(
  topo: Topology,
  log: Logger,
  keyspace: string,
  shard: string,
  electAlias: TabletAlias,
  force: boolean,
  w: ReparentWords = MASTER_WORDS,
): void {
  const si = topo.lockShard(keyspace, shard);
  const tablets = topo.tabletsInShard(keyspace, shard);
  const elect = tablets.find((t) => aliasEqual(t.alias, electAlias));
  const electStr = aliasString(electAlias);
  if (!elect) throw new VtError(`${w.master}-elect tablet ${electStr} is not in the shard`);
  const check = (ok: boolean, what: string) => {
    if (ok) return;
    if (!force)
      throw new VtError(`${w.master}-elect tablet ${electStr} ${what}, use ${w.force} to proceed anyway`);
    log.warning(
      `${w.master}-elect tablet ${electStr} ${what}, proceeding anyway as ${w.force} was used`,
      SRC,
    );
  };
  const masters = tablets.filter((t) => t.type === TabletType.MASTER);
  check(aliasEqual(si.masterAlias, electAlias), `is not the shard ${w.master}`);
  check(masters.includes(elect), `is not a ${w.master} in the shard`);
  check(!masters.some((t) => t !== elect), `is not the only ${w.master} in the shard`);

  const failures: string[] = [];
  for (const t of tablets) {
    log.info(`resetting replication on tablet ${aliasString(t.alias)}`, SRC);
    try {
      rpc(t);
    } catch (err) {
      failures.push(
        `tablet ${aliasString(t.alias)} ResetReplication failed (either fix it, or Scrap it): ${(err as Error).message}`,
      );
    }
  }
  if (failures.length) throw new VtError(failures.join(';'));

  log.info(`initializing ${w.master} on ${electStr}`, SRC);
  for (const t of tablets) {
    if (t === elect) log.info(`populating reparent journal on new ${w.master} ${electStr}`, SRC);
    else log.info(`initializing ${w.slave} ${aliasString(t.alias)}`, SRC);
  }
  makeMaster(si, elect);
  for (const t of tablets) {
    if (t !== elect && t.type === TabletType.MASTER) changeType(t, TabletType.REPLICA);
  }
}

export function plannedReparentShard(
  topo: Topology,
  log: Logger,
  keyspace: string,
  shard: string,
  newMaster: TabletAlias | null,
  avoidMaster: TabletAlias | null,
): void {
  const si = topo.lockShard(keyspace, shard);
  const tablets = topo.tabletsInShard(keyspace, shard);
  let avoid = avoidMaster;
  if (!newMaster && !avoid) avoid = si.masterAlias;
  if (aliasEqual(newMaster, avoid)) {
    throw new VtError(`master-elect tablet ${aliasString(newMaster)} is the same as the tablet to avoid`);
  }
  let electAlias = newMaster;
  if (!electAlias) {
    if (!aliasEqual(avoid, si.masterAlias)) return; // current master is not the one to avoid: nothing to do
    const masterCell = si.masterAlias?.cell;
    const candidate = tablets.find(
      (t) =>
        t.type === TabletType.REPLICA &&
        !aliasEqual(t.alias, avoid) &&
        (!masterCell || t.alias.cell === masterCell) &&
        t.reachable,
    );
    if (!candidate) throw new VtError('cannot find a tablet to reparent to');
    electAlias = candidate.alias;
    log.info(`elected new master candidate ${aliasString(electAlias)}`, SRC);
  }
  const electStr = aliasString(electAlias);
  const elect = tablets.find((t) => aliasEqual(t.alias, electAlias));
  if (!elect) throw new VtError(`master-elect tablet ${electStr} is not in the shard`);
  if (!si.masterAlias) throw new VtError('the shard has no master, use EmergencyReparentShard');
  const oldMaster = tablets.find((t) => aliasEqual(t.alias, si.masterAlias));
  if (oldMaster && oldMaster === elect) {
    log.info(`tablet ${electStr} is already the master, refreshing its state`, SRC);
    rpc(elect);
    return;
  }
  rpc(elect);
  if (oldMaster) {
    log.info(`demote current master ${aliasString(oldMaster.alias)}`, SRC);
    rpc(oldMaster);
  }
  log.info(`promote ${elect.type === TabletType.REPLICA ? 'replica' : 'tablet'} ${electStr}`, SRC);
  makeMaster(si, elect);
  if (oldMaster) changeType(oldMaster, TabletType.REPLICA);
  for (const t of tablets) {
    if (t === elect || !t.reachable) continue;
    log.info(`setting new master on slave ${aliasString(t.alias)}`, SRC);
  }
}

export function reparentTablet(topo: Topology, alias: TabletAlias): void {
  const t = topo.getTablet(alias);
  const si = topo.getShard(t.keyspace, t.shard);
  if (!si.masterAlias) throw new VtError(`no master tablet for shard ${t.keyspace}/${t.shard}`);
  const master = topo.getTablet(si.masterAlias);
  if (master.type !== TabletType.MASTER) {
    throw new VtError(
      `TopologyServer has inconsistent state for shard master ${aliasString(si.masterAlias)}`,
    );
  }
  if (master.keyspace !== t.keyspace || master.shard !== t.shard) {
    throw new VtError(`master ${aliasString(si.masterAlias)} and potential slave not in same keyspace/shard`);
  }
  rpc(t); // SetMaster on the tablet: it (re)points replication at the shard's master
}
