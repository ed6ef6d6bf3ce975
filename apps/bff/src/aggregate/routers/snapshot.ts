import type { ConnectionPool, MetadataCache, Route, RouterDetail, SourceError } from '@vtdeck/contracts';
import {
  type RouterClient,
  routerSource,
  toMetadataCache,
  toPool,
  toProcess,
  toRouteConfig,
} from '../../upstreams/router';
import { isUpstreamError } from '../../upstreams/upstream-error';

/** One complete poll of a Router: everything its dashboard shows except connections. */
export type RouterSnapshot = Omit<RouterDetail, 'pollIntervalMs'>;

/**
 * Reads every endpoint of the Router once. `/router/status` failing fails the whole poll (the Router
 * is down, refuses us or is not trusted); any other failure is noted in `errors` beside what loaded.
 * A 404 on /metadata, /routing/status or /connection_pool means that plugin is not enabled.
 */
export async function pollRouter(client: RouterClient, requestId?: string): Promise<RouterSnapshot> {
  const opts = { requestId };
  const errors: SourceError[] = [];
  const source = routerSource(client.name);
  const attempt = async <T>(part: string, load: () => Promise<T>, absentOn404 = false): Promise<T | null> => {
    try {
      return await load();
    } catch (err) {
      if (!isUpstreamError(err)) throw err;
      if (!(absentOn404 && err.kind === 'not_found')) {
        errors.push({ source: `${source}:${part}`, kind: err.kind, message: err.message });
      }
      return null;
    }
  };

  const status = await client.routerStatus(opts);
  const now = Date.now();
  const [routes, metadata, routing, pools] = await Promise.all([
    attempt('routes', () => loadRoutes(client, opts, attempt)),
    attempt('metadata', () => loadMetadata(client, opts, attempt), true),
    attempt('routing/status', () => client.routingStatus(opts), true),
    attempt('connection_pool', () => loadPools(client, opts, attempt), true),
  ]);
  return {
    name: client.name,
    cluster: client.cluster,
    url: client.url,
    polledAt: new Date(now).toISOString(),
    process: toProcess(status, now),
    metadata: metadata ?? [],
    routes: routes ?? [],
    routing: routing
      ? {
          maxTotalConnections: routing.maxTotalConnections ?? 0,
          currentTotalConnections: routing.currentTotalConnections ?? 0,
        }
      : null,
    pools: pools ?? [],
    errors,
  };
}

type Attempt = <T>(part: string, load: () => Promise<T>, absentOn404?: boolean) => Promise<T | null>;
type Opts = { requestId?: string };

async function loadRoutes(client: RouterClient, opts: Opts, attempt: Attempt): Promise<Route[]> {
  const names = await client.routes(opts);
  return Promise.all(
    names.map(async (name): Promise<Route> => {
      const part = `routes/${name}`;
      const [config, status, alive, destinations] = await Promise.all([
        attempt(`${part}/config`, () => client.routeConfig(name, opts)),
        attempt(`${part}/status`, () => client.routeStatus(name, opts)),
        attempt(`${part}/health`, () => client.routeHealth(name, opts)),
        attempt(`${part}/destinations`, () => client.routeDestinations(name, opts)),
      ]);
      return {
        name,
        config: config ? toRouteConfig(config) : null,
        alive,
        activeConnections: status?.activeConnections ?? 0,
        totalConnections: status?.totalConnections ?? 0,
        blockedHostCount: status?.blockedHosts ?? 0,
        destinations: (destinations ?? []).map((d) => ({ address: String(d.address), port: d.port ?? 0 })),
      };
    }),
  );
}

async function loadMetadata(client: RouterClient, opts: Opts, attempt: Attempt): Promise<MetadataCache[]> {
  const names = await client.metadataNames(opts);
  const caches = await Promise.all(
    names.map(async (name) => {
      const [config, status] = await Promise.all([
        attempt(`metadata/${name}/config`, () => client.metadataConfig(name, opts)),
        attempt(`metadata/${name}/status`, () => client.metadataStatus(name, opts)),
      ]);
      return config && status ? toMetadataCache(name, config, status) : null;
    }),
  );
  return caches.filter((c): c is MetadataCache => c !== null);
}

async function loadPools(client: RouterClient, opts: Opts, attempt: Attempt): Promise<ConnectionPool[]> {
  const names = await client.poolNames(opts);
  return Promise.all(
    names.map(async (name) => {
      const [config, status] = await Promise.all([
        attempt(`connection_pool/${name}/config`, () => client.poolConfig(name, opts)),
        attempt(`connection_pool/${name}/status`, () => client.poolStatus(name, opts)),
      ]);
      return toPool(name, config, status);
    }),
  );
}
