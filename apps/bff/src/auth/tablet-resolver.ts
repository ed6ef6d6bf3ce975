import type { FastifyInstance } from 'fastify';
import { isUpstreamError } from '../upstreams/upstream-error';

/**
 * The keyspace of a tablet alias, asked of vtctld (`GET /api/tablets/{alias}`) so a vtctl command
 * that names a tablet is checked against the tablet's keyspace. Found keyspaces are kept briefly
 * (an alias keeps its keyspace for the tablet's life); misses are not kept, so a tablet created a
 * moment ago is found at once. Concurrent lookups of one alias share one request.
 */
export type TabletKeyspaceResolver = (cluster: string, alias: string) => Promise<string | null>;

const TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

export function createTabletResolver(app: FastifyInstance, ttlMs = TTL_MS): TabletKeyspaceResolver {
  const found = new Map<string, { keyspace: string; until: number }>();
  const pending = new Map<string, Promise<string | null>>();

  const lookup = async (cluster: string, alias: string): Promise<string | null> => {
    try {
      const tablet = await app.vtctld(cluster).tablet(alias, { timeoutMs: 5_000 });
      return typeof tablet.keyspace === 'string' && tablet.keyspace !== '' ? tablet.keyspace : null;
    } catch (err) {
      if (isUpstreamError(err) && err.kind === 'not_found') return null;
      throw err;
    }
  };

  return (cluster, alias) => {
    const key = `${cluster}\u0000${alias}`;
    const hit = found.get(key);
    if (hit && hit.until > Date.now()) return Promise.resolve(hit.keyspace);
    const running = pending.get(key);
    if (running) return running;
    const started = lookup(cluster, alias)
      .then((keyspace) => {
        if (keyspace) {
          if (found.size >= MAX_ENTRIES) found.clear();
          found.set(key, { keyspace, until: Date.now() + ttlMs });
        }
        return keyspace;
      })
      .finally(() => pending.delete(key));
    pending.set(key, started);
    return started;
  };
}
