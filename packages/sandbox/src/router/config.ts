// What one fake router is configured with: the equivalent of its mysqlrouter.conf.

export type RouterConfigKind = 'metadata-cache' | 'static';
export type RoutingStrategy =
  | 'first-available'
  | 'next-available'
  | 'round-robin'
  | 'round-robin-with-fallback';
export type ClusterRole = 'PRIMARY' | 'SECONDARY' | 'PRIMARY_AND_SECONDARY';

export interface HostPort {
  address: string;
  port: number;
}

export type RouteDestinations =
  | { kind: 'metadata-cache'; role: ClusterRole }
  | { kind: 'static'; hosts: HostPort[] };

export interface RouteSpec {
  name: string;
  bindAddress: string;
  bindPort: number;
  protocol: 'classic' | 'x';
  routingStrategy: RoutingStrategy;
  clientConnectTimeoutInMs: number;
  destinationConnectTimeoutInMs: number;
  /** 0 = limited only by the global max_total_connections. */
  maxActiveConnections: number;
  maxConnectErrors: number;
  socket?: string;
  destinations: RouteDestinations;
  /** Simulation only: mean new client connections per tick. */
  load: number;
}

export interface ClusterNodeSpec {
  hostname: string;
  port: number;
  xPort: number;
  role: 'PRIMARY' | 'SECONDARY';
}

export interface MetadataCacheSpec {
  /** The `[metadata_cache:<name>]` key: the `{metadataName}` in URLs. */
  name: string;
  clusterName: string;
  groupReplicationId: string;
  ttlMs: number;
  nodes: ClusterNodeSpec[];
}

export interface ConnectionPoolSpec {
  name: string;
  maxIdleServerConnections: number;
  idleTimeoutInMs: number;
}

export interface RouterSpec {
  name: string;
  hostname: string;
  version: string;
  productEdition: string;
  processId: number;
  /** `name=` of the `[http_auth_realm]`: sent in the Basic challenge. */
  realm: string;
  maxTotalConnections: number;
  routes: RouteSpec[];
  /** Absent: `[rest_metadata_cache]` is not enabled, so `/metadata…` answers 404. */
  metadataCache?: MetadataCacheSpec;
  /** Absent: `[rest_connection_pool]` is not enabled, so `/connection_pool…` answers 404. */
  connectionPool?: ConnectionPoolSpec;
  /** Client addresses that open connections through this router (application pods). */
  clientHosts: string[];
  /** Hosts that open TCP connections without a MySQL handshake (load-balancer probes, scanners). */
  probeHosts: string[];
}

const routeDefaults = {
  bindAddress: '0.0.0.0',
  clientConnectTimeoutInMs: 9000,
  destinationConnectTimeoutInMs: 5000,
  maxActiveConnections: 512,
  maxConnectErrors: 100,
} as const;

function metadataCacheRouter(name: string): RouterSpec {
  const route = (
    suffix: string,
    bindPort: number,
    protocol: 'classic' | 'x',
    role: ClusterRole,
    load: number,
    socket: string,
  ): RouteSpec => ({
    ...routeDefaults,
    name: `myCluster_${suffix}`,
    bindPort,
    protocol,
    routingStrategy: role === 'PRIMARY' ? 'first-available' : 'round-robin-with-fallback',
    socket: `/var/run/mysqlrouter/${socket}`,
    destinations: { kind: 'metadata-cache', role },
    load,
  });
  return {
    ...routerIdentity(name),
    routes: [
      route('rw', 6446, 'classic', 'PRIMARY', 1, 'mysql.sock'),
      route('ro', 6447, 'classic', 'SECONDARY', 1.5, 'mysqlro.sock'),
      route('x_rw', 6448, 'x', 'PRIMARY', 0.3, 'mysqlx.sock'),
      route('x_ro', 6449, 'x', 'SECONDARY', 0.2, 'mysqlxro.sock'),
    ],
    metadataCache: {
      name: 'myCluster',
      clusterName: 'myCluster',
      groupReplicationId: 'e57e9c11-abfe-11ea-b747-0800278566cb',
      ttlMs: 500,
      nodes: [0, 1, 2].map((i) => ({
        hostname: `mycluster-${i}.mycluster-instances.mysql.svc.cluster.local`,
        port: 3306,
        xPort: 33060,
        role: i === 0 ? 'PRIMARY' : 'SECONDARY',
      })),
    },
    connectionPool: { name: 'main', maxIdleServerConnections: 64, idleTimeoutInMs: 5000 },
    clientHosts: ['10.42.1.17', '10.42.1.23', '10.42.2.8', '10.42.2.31', '10.42.3.12'],
    probeHosts: ['10.42.0.1', '10.42.0.2'],
  };
}

function staticRouter(name: string): RouterSpec {
  const host = (address: string): HostPort => ({ address, port: 3306 });
  return {
    ...routerIdentity(name),
    routes: [
      {
        ...routeDefaults,
        name: 'static_rw',
        bindPort: 7001,
        protocol: 'classic',
        routingStrategy: 'first-available',
        destinationConnectTimeoutInMs: 15000,
        destinations: { kind: 'static', hosts: [host('10.0.1.21'), host('10.0.1.22')] },
        load: 0.8,
      },
      {
        ...routeDefaults,
        name: 'static_ro',
        bindPort: 7002,
        protocol: 'classic',
        routingStrategy: 'round-robin',
        destinationConnectTimeoutInMs: 15000,
        destinations: { kind: 'static', hosts: [host('10.0.1.22'), host('10.0.1.23'), host('10.0.1.24')] },
        load: 1.2,
      },
    ],
    connectionPool: { name: 'main', maxIdleServerConnections: 32, idleTimeoutInMs: 5000 },
    clientHosts: ['10.0.5.40', '10.0.5.41', '10.0.5.57'],
    probeHosts: ['10.0.5.2'],
  };
}

function routerIdentity(name: string) {
  return {
    name,
    hostname: name,
    version: '9.0.1',
    productEdition: 'MySQL Community - GPL',
    processId: 1000 + (hashName(name) % 60000),
    realm: 'default_realm',
    maxTotalConnections: 512,
  };
}

function hashName(name: string): number {
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}

export function routerSpec(name: string, kind: RouterConfigKind): RouterSpec {
  return kind === 'metadata-cache' ? metadataCacheRouter(name) : staticRouter(name);
}
