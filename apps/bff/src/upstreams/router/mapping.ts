import type {
  ConnectionPool,
  MetadataCache,
  RouteConfig,
  RouteConnection,
  RouterProcess,
} from '@vtdeck/contracts';
import type {
  RawConnection,
  RawMetadataConfig,
  RawMetadataStatus,
  RawPoolConfig,
  RawPoolStatus,
  RawRouteConfig,
  RawRouterStatus,
} from './records';

// Raw Router JSON → contract DTOs. Optional Router keys stay absent rather than becoming null, as
// the Router omits them (a timestamp of an event that never happened, a socket that is not set).

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function pick<T extends object, K extends keyof T>(raw: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (raw[k] !== undefined && raw[k] !== null && raw[k] !== '') out[k] = raw[k];
  return out;
}

export function toProcess(raw: RawRouterStatus, now: number): RouterProcess {
  const started = Date.parse(raw.timeStarted);
  return {
    version: str(raw.version),
    edition: str(raw.productEdition),
    ...(raw.hostname ? { hostname: raw.hostname } : {}),
    processId: num(raw.processId),
    timeStarted: str(raw.timeStarted),
    uptimeSeconds: Number.isFinite(started) ? Math.max(0, Math.floor((now - started) / 1000)) : 0,
  };
}

export function toRouteConfig(raw: RawRouteConfig): RouteConfig {
  return {
    protocol: str(raw.protocol) || 'classic',
    ...pick(raw, [
      'bindAddress',
      'bindPort',
      'socket',
      'routingStrategy',
      'mode',
      'destinationClusterName',
      'destinationReplicasetName',
      'clientConnectTimeoutInMs',
      'destinationConnectTimeoutInMs',
      'maxActiveConnections',
      'maxConnectErrors',
    ]),
  };
}

export function toMetadataCache(
  name: string,
  config: RawMetadataConfig,
  status: RawMetadataStatus,
): MetadataCache {
  const lastOk = status.timeLastRefreshSucceeded ? Date.parse(status.timeLastRefreshSucceeded) : -1;
  const lastFailed = status.timeLastRefreshFailed ? Date.parse(status.timeLastRefreshFailed) : -1;
  return {
    name,
    clusterName: str(config.clusterName),
    groupReplicationId: str(config.groupReplicationId),
    timeRefreshInMs: num(config.timeRefreshInMs),
    nodes: (config.nodes ?? []).map((n) => ({ hostname: str(n.hostname), port: num(n.port) })),
    refreshSucceeded: num(status.refreshSucceeded),
    refreshFailed: num(status.refreshFailed),
    ...pick(status, [
      'timeLastRefreshSucceeded',
      'timeLastRefreshFailed',
      'lastRefreshHostname',
      'lastRefreshPort',
    ]),
    failing: lastFailed > lastOk,
  };
}

export function toConnection(raw: RawConnection, now: number): RouteConnection {
  const started = raw.timeStarted ? Date.parse(raw.timeStarted) : Number.NaN;
  return {
    sourceAddress: str(raw.sourceAddress),
    destinationAddress: str(raw.destinationAddress),
    bytesToServer: num(raw.bytesToServer),
    bytesFromServer: num(raw.bytesFromServer),
    ...pick(raw, [
      'timeStarted',
      'timeConnectedToServer',
      'timeLastSentToServer',
      'timeLastReceivedFromServer',
    ]),
    ...(Number.isFinite(started) ? { ageSeconds: Math.max(0, (now - started) / 1000) } : {}),
  };
}

export function toPool(
  name: string,
  config: RawPoolConfig | null,
  status: RawPoolStatus | null,
): ConnectionPool {
  return {
    name,
    ...(config ? pick(config, ['maxIdleServerConnections', 'idleTimeoutInMs']) : {}),
    ...(status
      ? pick(status, ['idleServerConnections', 'stashedServerConnections', 'reusedServerConnections'])
      : {}),
  };
}
