// ValidateKeyspace/Shard, ValidateSchemaKeyspace/Shard and ValidateVersionKeyspace/Shard, with the
// error texts of go/vt/wrangler/{validator,schema,version}.go (era B).

import type { Logger } from '../logger';
import { aliasEqual, aliasString, type TabletAlias, TabletType } from '../names';
import { VtError } from '../topo/errors';
import type { Topology } from '../topo/topology';
import type { Tablet } from '../topo/types';
import { diffSchema, getTabletSchema, type SchemaFilter } from './schema';
import { rpc } from './tmc';

const SRC = 'validator.go:198';

/** Runs checks that report problems; logs each as an E-line and fails with the summary error. */
function report(log: Logger, problems: string[]): void {
  for (const p of problems) log.error(p, SRC);
  if (problems.length) throw new VtError('some validation errors - see log');
}

export function validateKeyspace(topo: Topology, log: Logger, keyspace: string, ping: boolean): void {
  const problems: string[] = [];
  let shards: string[] = [];
  try {
    shards = topo.getShardNames(keyspace);
  } catch (err) {
    problems.push(`TopologyServer.GetShardNames(${keyspace}) failed: ${(err as Error).message}`);
  }
  for (const shard of shards) checkShard(topo, log, keyspace, shard, ping, problems);
  report(log, problems);
}

export function validateShard(
  topo: Topology,
  log: Logger,
  keyspace: string,
  shard: string,
  ping: boolean,
): void {
  const problems: string[] = [];
  checkShard(topo, log, keyspace, shard, ping, problems);
  report(log, problems);
}

function checkShard(
  topo: Topology,
  log: Logger,
  keyspace: string,
  shard: string,
  ping: boolean,
  problems: string[],
) {
  let si: ReturnType<Topology['getShard']>;
  try {
    si = topo.getShard(keyspace, shard);
  } catch (err) {
    problems.push(`TopologyServer.GetShard(${keyspace}, ${shard}) failed: ${(err as Error).message}`);
    return;
  }
  const tablets = topo.tabletsInShard(keyspace, shard);
  let master: TabletAlias | null = null;
  for (const t of tablets) {
    if (t.type !== TabletType.MASTER) continue;
    if (master) {
      problems.push(
        `shard ${keyspace}/${shard} already has master ${aliasString(master)} but found other master ${aliasString(t.alias)}`,
      );
    } else master = t.alias;
  }
  if (!master) problems.push(`no master for shard ${keyspace}/${shard}`);
  else if (!aliasEqual(si.masterAlias, master)) {
    problems.push(
      `master mismatch for shard ${keyspace}/${shard}: found ${aliasString(master)}, expected ${aliasString(si.masterAlias)}`,
    );
  }
  for (const t of tablets) log.info(`tablet ${aliasString(t.alias)} is valid`, SRC);
  if (!ping) return;
  validateReplication(si, tablets, problems);
  for (const t of tablets) {
    try {
      rpc(t);
    } catch (err) {
      problems.push(
        `Ping(${aliasString(t.alias)}) failed: ${(err as Error).message} tablet hostname: ${t.hostname}`,
      );
    }
  }
}

function validateReplication(si: ReturnType<Topology['getShard']>, tablets: Tablet[], problems: string[]) {
  if (!si.masterAlias) {
    problems.push(`no master in shard record ${si.keyspace}/${si.name}`);
    return;
  }
  const master = tablets.find((t) => aliasEqual(t.alias, si.masterAlias));
  if (!master) {
    problems.push(`master ${aliasString(si.masterAlias)} not in tablet map`);
    return;
  }
  try {
    rpc(master);
  } catch (err) {
    problems.push(`GetSlaves(${aliasString(master.alias)}) failed: ${(err as Error).message}`);
    return;
  }
  // A reachable replica-type tablet replicates from the master; that is the master's slave list.
  const slaves = tablets.filter((t) => t !== master && t.type !== TabletType.MASTER && t.reachable);
  if (slaves.length === 0) {
    problems.push(`no slaves of tablet ${aliasString(si.masterAlias)} found`);
    return;
  }
  const slaveHosts = slaves.map((t) => t.mysqlHostname || t.hostname);
  for (const t of tablets) {
    if (t === master || t.type === TabletType.MASTER || t.reachable) continue;
    problems.push(
      `slave ${aliasString(t.alias)} not replicating: ${t.mysqlHostname} slave list: [${slaveHosts.map((h) => JSON.stringify(h)).join(' ')}]`,
    );
  }
}

export interface SchemaValidation extends SchemaFilter {
  skipNoMaster?: boolean;
}

export function validateSchemaShard(
  topo: Topology,
  keyspace: string,
  shard: string,
  f: SchemaValidation,
): void {
  let si: ReturnType<Topology['getShard']>;
  try {
    si = topo.getShard(keyspace, shard);
  } catch (err) {
    throw new VtError(`GetShard(${keyspace}, ${shard}) failed: ${(err as Error).message}`);
  }
  if (!si.masterAlias) throw new VtError(`no master in shard ${keyspace}/${shard}`);
  const reference = getTabletSchema(topo, si.masterAlias, f);
  const diffs: string[] = [];
  for (const t of topo.tabletsInShard(keyspace, shard)) {
    if (aliasEqual(t.alias, si.masterAlias)) continue;
    diffAgainst(topo, si.masterAlias, reference, t.alias, f, diffs);
  }
  if (diffs.length) throw new VtError(`schema diffs: ${diffs.join(';')}`);
}

function diffAgainst(
  topo: Topology,
  refAlias: TabletAlias,
  reference: ReturnType<typeof getTabletSchema>,
  alias: TabletAlias,
  f: SchemaFilter,
  diffs: string[],
) {
  try {
    diffs.push(...diffSchema(refAlias, reference, alias, getTabletSchema(topo, alias, f)));
  } catch (err) {
    diffs.push((err as Error).message);
  }
}

export function validateSchemaKeyspace(topo: Topology, keyspace: string, f: SchemaValidation): void {
  let shards: string[];
  try {
    shards = topo.getShardNames(keyspace);
  } catch (err) {
    throw new VtError(`GetShardNames(${keyspace}) failed: ${(err as Error).message}`);
  }
  if (shards.length === 0) throw new VtError(`no shards in keyspace ${keyspace}`);
  if (shards.length === 1) {
    validateSchemaShard(topo, keyspace, shards[0]!, f);
    return;
  }
  const diffs: string[] = [];
  let refAlias: TabletAlias | null = null;
  let reference: ReturnType<typeof getTabletSchema> | null = null;
  for (const shard of shards) {
    const si = topo.getShard(keyspace, shard);
    if (!si.masterAlias) {
      if (!f.skipNoMaster) diffs.push(`no master in shard ${keyspace}/${shard}`);
      continue;
    }
    if (!reference || !refAlias) {
      refAlias = si.masterAlias;
      reference = getTabletSchema(topo, refAlias, f);
    }
    for (const t of topo.tabletsInShard(keyspace, shard)) {
      if (aliasEqual(t.alias, refAlias)) continue;
      diffAgainst(topo, refAlias, reference, t.alias, f, diffs);
    }
  }
  if (diffs.length) throw new VtError(`schema diffs: ${diffs.join(';')}`);
}

function tabletVersion(topo: Topology, alias: TabletAlias): string {
  const t = topo.getTablet(alias);
  rpc(t);
  return t.version;
}

export function validateVersionShard(topo: Topology, keyspace: string, shard: string): void {
  const si = topo.getShard(keyspace, shard);
  if (!si.masterAlias) throw new VtError(`no master in shard ${keyspace}/${shard}`);
  const reference = tabletVersion(topo, si.masterAlias);
  const diffs = versionDiffs(topo, si.masterAlias, reference, topo.tabletsInShard(keyspace, shard));
  if (diffs.length) throw new VtError(`version diffs: ${diffs.join(';')}`);
}

function versionDiffs(topo: Topology, refAlias: TabletAlias, reference: string, tablets: Tablet[]): string[] {
  const diffs: string[] = [];
  for (const t of tablets) {
    if (aliasEqual(t.alias, refAlias)) continue;
    try {
      const v = tabletVersion(topo, t.alias);
      if (v !== reference) {
        diffs.push(
          `master ${aliasString(refAlias)} version ${reference} is different than slave ${aliasString(t.alias)} version ${v}`,
        );
      }
    } catch (err) {
      diffs.push((err as Error).message);
    }
  }
  return diffs;
}

export function validateVersionKeyspace(topo: Topology, keyspace: string): void {
  const shards = topo.getShardNames(keyspace);
  if (shards.length === 0) throw new VtError(`no shards in keyspace ${keyspace}`);
  if (shards.length === 1) {
    validateVersionShard(topo, keyspace, shards[0]!);
    return;
  }
  const first = topo.getShard(keyspace, shards[0]!);
  if (!first.masterAlias) throw new VtError(`no master in shard ${keyspace}/${shards[0]}`);
  const reference = tabletVersion(topo, first.masterAlias);
  const diffs: string[] = [];
  for (const shard of shards) {
    diffs.push(...versionDiffs(topo, first.masterAlias, reference, topo.tabletsInShard(keyspace, shard)));
  }
  if (diffs.length) throw new VtError(`version diffs: ${diffs.join(';')}`);
}
