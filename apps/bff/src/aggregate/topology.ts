import type { Topology } from '@vtdeck/contracts';
import fp from 'fastify-plugin';
import type { VtctldClient } from '../upstreams/vtctld';
import { CoalescingCache } from './coalescing-cache';
import { createLimiter, type Limiter } from './limiter';
import { type LoaderHints, loadTopology } from './topology-loader';

export interface TopologyOptions {
  /** How long a built tree is served before the next request rebuilds it. */
  cacheTtlMs: number;
  /** vtctld requests in flight per cluster, across every concurrent fan-out. */
  concurrency: number;
}

const WHOLE = '*';

/**
 * The topology tree of each cluster: cached briefly, coalesced (a hundred wall screens cost vtctld
 * what one costs) and bounded per cluster. A write through the BFF calls `invalidate(cluster)`.
 */
export class TopologyService {
  private readonly cache: CoalescingCache<Topology>;
  private readonly limiters = new Map<string, Limiter>();
  private readonly hints = new Map<string, LoaderHints>();

  constructor(
    private readonly clientOf: (cluster: string) => VtctldClient,
    private readonly options: TopologyOptions,
  ) {
    this.cache = new CoalescingCache(options.cacheTtlMs);
  }

  get(cluster: string, query: { keyspace?: string; requestId?: string } = {}): Promise<Topology> {
    const { keyspace, requestId } = query;
    if (keyspace === undefined)
      return this.cache.get(cluster, WHOLE, () => this.load(cluster, { requestId }));
    const whole = this.cache.peek(cluster, WHOLE);
    if (whole?.items.some((k) => k.name === keyspace)) return Promise.resolve(onlyKeyspace(whole, keyspace));
    return this.cache.get(cluster, `ks:${keyspace}`, () => this.load(cluster, { keyspace, requestId }));
  }

  invalidate(cluster: string): void {
    this.cache.invalidate(cluster);
  }

  private load(cluster: string, query: { keyspace?: string; requestId?: string }): Promise<Topology> {
    let limit = this.limiters.get(cluster);
    if (!limit) {
      limit = createLimiter(this.options.concurrency);
      this.limiters.set(cluster, limit);
    }
    let hints = this.hints.get(cluster);
    if (!hints) {
      hints = { findAllShards: true };
      this.hints.set(cluster, hints);
    }
    return loadTopology(this.clientOf(cluster), limit, query, hints);
  }
}

function onlyKeyspace(topology: Topology, keyspace: string): Topology {
  const ownSource = new RegExp(`/${escapeRegExp(keyspace)}(/|$)`);
  return {
    ...topology,
    items: topology.items.filter((k) => k.name === keyspace),
    errors: topology.errors.filter((e) => !e.source.includes('/') || ownSource.test(e.source)),
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

declare module 'fastify' {
  interface FastifyInstance {
    topology: TopologyService;
  }
}

export const topologyPlugin = fp<TopologyOptions>(
  async (app, options) => {
    app.decorate('topology', new TopologyService((cluster) => app.vtctld(cluster), options));
  },
  { name: 'vtdeck-topology', fastify: '5.x', dependencies: ['vtdeck-vtctld'] },
);
