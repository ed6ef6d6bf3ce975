import type { RouterPoller } from '../aggregate/routers';
import type { TopologyService } from '../aggregate/topology';
import { type KubeClient, podDto } from '../upstreams/k8s';
import {
  type Outcome,
  type PodFacts,
  podFacts,
  type RouterFact,
  type RouterFacts,
  type TopologyFacts,
  topologyFacts,
  toSourceError,
} from './facts';

// One poller per upstream of a cluster. Each reuses the BFF's own client or aggregate, so the wall
// shares caches and coalescing with every other page: the topology tree through TopologyService (the
// same cached, bounded fan-out as the topology page), pods through the cluster's KubeClient, and the
// Routers through their existing shared pollers (reading them costs the Routers nothing).

export interface Poller<T> {
  readonly source: string;
  /** Set when the data comes from a poller with its own pace (the Routers'): staleness allows for it. */
  readonly intervalMs?: number;
  poll(): Promise<Outcome<T>>;
}

export class TopologyPoller implements Poller<TopologyFacts> {
  readonly source = 'vtctld';
  constructor(
    private readonly service: TopologyService,
    private readonly cluster: string,
  ) {}

  async poll(): Promise<Outcome<TopologyFacts>> {
    try {
      const tree = await this.service.get(this.cluster, { requestId: `monitor-${this.cluster}` });
      return { ok: true, at: Date.now(), data: topologyFacts(tree) };
    } catch (err) {
      return { ok: false, at: Date.now(), error: toSourceError(this.source, err) };
    }
  }
}

export class PodsPoller implements Poller<PodFacts> {
  readonly source = 'kubernetes';
  /** `namespace`: the cluster's configured namespace, else every namespace. */
  constructor(
    private readonly client: () => KubeClient,
    private readonly namespace: string | undefined,
  ) {}

  async poll(): Promise<Outcome<PodFacts>> {
    try {
      const client = this.client();
      const list = this.namespace ? await client.listPods(this.namespace) : await client.listAllPods('');
      const now = Date.now();
      return { ok: true, at: now, data: podFacts(list.items.map((p) => podDto(p, now))) };
    } catch (err) {
      return { ok: false, at: Date.now(), error: toSourceError(this.source, err) };
    }
  }
}

export class RoutersReader implements Poller<RouterFacts> {
  readonly source = 'routers';
  constructor(private readonly pollers: () => RouterPoller[]) {}

  get intervalMs(): number {
    return Math.max(0, ...this.pollers().map((p) => p.options.intervalMs));
  }

  /** Never fails as a whole: each Router carries its own state. */
  async poll(): Promise<Outcome<RouterFacts>> {
    const routers = await Promise.all(this.pollers().map(readRouter));
    return { ok: true, at: Date.now(), data: { routers } };
  }
}

async function readRouter(poller: RouterPoller): Promise<RouterFact> {
  const summary = poller.summary();
  const base = {
    name: summary.name,
    state: summary.state,
    polledAt: summary.polledAt ? Date.parse(summary.polledAt) : null,
    error: summary.error ?? null,
    metadata: summary.metadata.map((m) => ({ name: m.name, failing: m.failing })),
  };
  if (summary.state !== 'up') return { ...base, routes: [] };
  // The poller's latest snapshot, already in memory while it is up: no call to the Router.
  const snapshot = await poller.snapshot().catch(() => null);
  const destinations = new Map(
    (snapshot?.routes ?? []).map((r) => [r.name, r.destinations.map((d) => `${d.address}:${d.port}`)]),
  );
  return {
    ...base,
    routes: summary.routes.map((r) => ({
      name: r.name,
      alive: r.alive,
      activeConnections: r.activeConnections,
      blockedHosts: r.blockedHostCount,
      destinations: destinations.get(r.name) ?? null,
    })),
  };
}
