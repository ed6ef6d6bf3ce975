// The GET (and action POST) collections under /api/: each getter returns the encoded JSON body or
// throws; the caller maps an unwrapped NoNode to 404 and anything else to `500 can't get <c>: ...`.

import { keyspaceAction, shardAction, tabletAction } from './actions';
import { goMarshalIndent } from './encoding/go-json';
import { jsonpb } from './encoding/jsonpb';
import {
  aliasJson,
  keyspacePb,
  shardPb,
  srvKeyspaceJson,
  srvKeyspacePb,
  tabletJson,
  tabletUrl,
} from './encoding/records';
import { healthPb } from './health';
import { parseKeyspaceShard, parseTabletAlias } from './names';
import { VtError } from './topo/errors';
import type { Topology } from './topo/topology';

export interface CollectionRequest {
  method: string;
  itemPath: string;
  form: URLSearchParams;
  topo: Topology;
  localCell?: string;
  adminAllowed: boolean;
}

/** vtctl.MarshalJSON for []string: `[]` when empty, else MarshalIndent. */
const stringList = (names: string[]) => (names.length ? goMarshalIndent(names) : '[]');

const formValue = (r: CollectionRequest, key: string) => r.form.get(key) ?? '';

export const COLLECTIONS: Record<string, (r: CollectionRequest) => string> = {
  cells(r) {
    if (r.itemPath !== '') throw new VtError('cells can only be listed, not retrieved');
    return stringList(r.topo.knownCells());
  },

  keyspaces(r) {
    const ks = r.itemPath;
    if (r.method === 'GET') {
      if (ks === '') return stringList(r.topo.keyspaceNames());
      return jsonpb(keyspacePb(r.topo.getKeyspace(ks)));
    }
    if (r.method === 'POST') {
      if (ks === '') throw new VtError('a POST request needs a keyspace in the URL');
      const action = formValue(r, 'action');
      if (action === '') throw new VtError('a POST request must specify action');
      return keyspaceAction(r.topo, action, ks);
    }
    throw new VtError(`unsupported HTTP method: ${r.method}`);
  },

  keyspace(r) {
    const parts = r.itemPath.split('/');
    const head = parts.length > 3 ? [parts[0]!, parts[1]!, parts.slice(2).join('/')] : parts;
    if (head.length < 2 || head[1] !== 'tablets') {
      throw new VtError(
        `invalid keyspace path: ${JSON.stringify(r.itemPath)}  expected path: /keyspace/<keyspace>/tablets or /keyspace/<keyspace>/tablets/<shard>`,
      );
    }
    const keyspace = head[0]!;
    if (keyspace === '') throw new VtError('keyspace is required');
    const shards = head[2] ? [head[2]] : r.topo.getShardNames(keyspace);
    const cellsParam = formValue(r, 'cells') || formValue(r, 'cell');
    const cells = cellsParam ? cellsParam.split(',') : undefined;
    const out = shards.flatMap((shard) =>
      r.topo.tabletsInShard(keyspace, shard, cells).map((t) => tabletJson(t, tabletUrl(t))),
    );
    return goMarshalIndent(out);
  },

  shards(r) {
    if (!r.itemPath.includes('/')) throw new VtError(`invalid shard path: ${JSON.stringify(r.itemPath)}`);
    const slash = r.itemPath.indexOf('/');
    const keyspace = r.itemPath.slice(0, slash);
    const shard = r.itemPath.slice(slash + 1);
    if (shard === '') return stringList(r.topo.getShardNames(keyspace));
    if (r.method === 'POST') {
      const action = formValue(r, 'action');
      if (action === '') throw new VtError('must specify action');
      return shardAction(r.topo, action, keyspace, shard);
    }
    return jsonpb(shardPb(r.topo.getShard(keyspace, shard)));
  },

  srv_keyspace(r) {
    const slash = r.itemPath.indexOf('/');
    if (slash < 0) {
      throw new VtError(
        `invalid srvkeyspace path: ${JSON.stringify(r.itemPath)}  expected path: /srv_keyspace/<cell>/<keyspace>`,
      );
    }
    let cell = r.itemPath.slice(0, slash);
    const keyspace = r.itemPath.slice(slash + 1);
    if (cell === 'local') {
      if (r.localCell) cell = r.localCell;
      else {
        const cells = r.topo.knownCells();
        if (cells.length === 0) throw new VtError('no local cells have been created yet');
        cell = cells[0]!;
      }
    }
    if (keyspace !== '') {
      try {
        return jsonpb(srvKeyspacePb(r.topo.getSrvKeyspace(cell, keyspace)));
      } catch (err) {
        throw new VtError(`can't get server keyspace: ${(err as Error).message}`);
      }
    }
    const byKs = r.topo.srvKeyspaces.get(cell);
    if (!byKs) {
      throw new VtError(
        `can't get list of SrvKeyspaceNames for cell ${JSON.stringify(cell)}: GetSrvKeyspaceNames returned: node doesn't exist: cells/${cell}/CellInfo`,
      );
    }
    const out = Object.fromEntries(
      [...byKs.keys()].sort().map((name) => [name, srvKeyspaceJson(byKs.get(name)!)]),
    );
    return goMarshalIndent(out);
  },

  tablets(r) {
    const path = r.itemPath;
    if (path === '') {
      const shardRef = formValue(r, 'shard');
      const cell = formValue(r, 'cell');
      if (shardRef !== '') {
        const { keyspace, shard } = parseKeyspaceShard(shardRef);
        return goMarshalIndent(
          r.topo.tabletsInShard(keyspace, shard, cell ? [cell] : undefined).map((t) => aliasJson(t.alias)),
        );
      }
      if (cell === '') throw new VtError('cell param required');
      const tablets = r.topo.tabletsInCell(cell);
      return tablets.length ? goMarshalIndent(tablets.map((t) => aliasJson(t.alias))) : 'null';
    }
    const parts = path.split('/');
    if (parts.length === 2 && parts[1] === 'health') {
      const alias = parseTabletAlias(parts[0]!);
      return jsonpb(healthPb(r.topo, r.topo.getTablet(alias)));
    }
    const alias = parseTabletAlias(path);
    if (r.method === 'POST') {
      const action = formValue(r, 'action');
      if (action === '') throw new VtError('must specify action');
      return tabletAction(r.topo, action, alias, r.adminAllowed);
    }
    const t = r.topo.getTablet(alias);
    return goMarshalIndent(tabletJson(t, tabletUrl(t)));
  },

  tablet_statuses() {
    throw new VtError('realtimeStats not initialized');
  },
  tablet_health() {
    throw new VtError('realtimeStats not initialized');
  },
  topology_info() {
    throw new VtError('realtimeStats not initialized');
  },
};
