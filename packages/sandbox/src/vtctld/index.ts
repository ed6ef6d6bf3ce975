// A fake legacy vtctld (era B `/api/...`) as a real HTTP server on loopback, built on FakeServer
// (fault injection and request counting shared by every fake).

import type http from 'node:http';
import { FakeServer, type FaultSettings } from '../shared/fake-server';
import { createVtctldHandler, type SecurityPolicy } from './api';
import type { VtctldSettings } from './commands/types';
import { httpError } from './http-util';
import { syncKeyspaceSchema, type TabletMysql } from './mysql';
import { aliasString, parseTabletAlias } from './names';
import { Topology } from './topo/topology';

export type { SecurityPolicy } from './api';
export type { VtctldSettings } from './commands/types';
export { PreflightFailure, type TabletMysql } from './mysql';
export { EMPTY_DATABASE_SCHEMA, EMPTY_SCHEMA, newKeyspace, Topology } from './topo/topology';
export type {
  Keyspace,
  SchemaDefinition,
  Shard,
  SrvKeyspace,
  TableDefinition,
  Tablet,
  VSchema,
} from './topo/types';
export { runVtctl, type VtctlResult } from './vtctl';

export interface VtctldFakeOptions {
  /** Name in logs and the control server, e.g. `prod/vtctld`. */
  name?: string;
  host?: string;
  port?: number;
  /** Builds the initial data; called again by resetData(). Default: an empty topology. */
  dataset?: () => Topology;
  faults?: Partial<FaultSettings>;
  settings?: VtctldSettings;
  securityPolicy?: SecurityPolicy;
  /** The tablets' MySQL (the sandbox attaches its MariaDB later with setMysql). */
  mysql?: TabletMysql;
}

export interface VtctldFake {
  readonly kind: 'vtctld';
  readonly url: string;
  readonly server: FakeServer;
  /** The live topology (tests may read it, or set up states the API cannot reach). */
  readonly topo: Topology;
  readonly requests: number;
  readonly faults: FaultSettings;
  setFault(patch: Partial<FaultSettings>): Promise<void>;
  resetRequests(): void;
  /** Back to the dataset this fake started with (tablet schemas re-read from MySQL when attached). */
  resetData(): Promise<void>;
  /**
   * Puts the tablets of the keyspaces it serves on this MySQL: GetSchema, ApplySchema and
   * ExecuteFetchAs* run there, and the tablet records take its schema now. Undefined detaches it.
   */
  setMysql(mysql: TabletMysql | undefined): Promise<void>;
  /** Makes one tablet's RPCs fail (vttablet down) or work again. */
  setTabletReachable(alias: string, reachable: boolean): void;
  close(): Promise<void>;
}

/** The natural 5xx of vtctld when its topology server times out (used for errorRate faults). */
function failure(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://vtctld').pathname;
  const collection = /^\/api\/([^/]+)\//.exec(path)?.[1];
  if (collection && !['vtctl', 'schema'].includes(collection)) {
    httpError(
      res,
      500,
      `can't get ${collection}: deadline exceeded: ${collection === 'cells' ? 'cells' : 'keyspaces'}`,
    );
    return;
  }
  httpError(res, 500, 'uncaught panic: runtime error: invalid memory address or nil pointer dereference');
}

export async function startVtctldFake(options: VtctldFakeOptions = {}): Promise<VtctldFake> {
  const build = options.dataset ?? (() => new Topology());
  let topo = build();
  let mysql = options.mysql;
  const adoptSchemas = async () => {
    const served = mysql;
    if (!served) return;
    await Promise.all(
      topo
        .keyspaceNames()
        .filter((ks) => served.serves(ks))
        .map((ks) => syncKeyspaceSchema(topo, served, ks)),
    );
  };
  await adoptSchemas();
  const server = new FakeServer({
    name: options.name ?? 'vtctld',
    host: options.host,
    port: options.port,
    faults: options.faults,
    failure,
    handler: createVtctldHandler({
      topo: () => topo,
      settings: options.settings ?? {},
      securityPolicy: options.securityPolicy,
      mysql: () => mysql,
    }),
  });
  await server.start();
  return {
    kind: 'vtctld',
    server,
    get url() {
      return server.url;
    },
    get topo() {
      return topo;
    },
    get requests() {
      return server.requests;
    },
    get faults() {
      return server.faults;
    },
    setFault: (patch) => server.setFault(patch),
    resetRequests() {
      server.requests = 0;
    },
    async resetData() {
      topo = build();
      await adoptSchemas();
    },
    async setMysql(next) {
      mysql = next;
      await adoptSchemas();
    },
    setTabletReachable(alias, reachable) {
      topo.getTablet(parseTabletAlias(alias)).reachable = reachable;
    },
    close: () => server.close(),
  };
}

export { aliasString };
