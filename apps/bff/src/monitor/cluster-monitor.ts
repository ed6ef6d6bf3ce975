import type { ClusterMonitor as ClusterMonitorDto, MonitorSamples, TimelineEntry } from '@vtdeck/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { RingBuffer } from '../aggregate/routers';
import {
  emptySource,
  nextSource,
  type PodFacts,
  type RouterFacts,
  restartsBetween,
  type SourceState,
  type TopologyFacts,
} from './facts';
import type { MonitorSettings } from './settings';
import type { Poller } from './sources';
import { kubernetesTile, routersTile, type TileContext, topologyTile, type Visibility } from './tiles';
import { capped, type Draft, podChanges, routerChanges, sourceChanges, TopologyBaseline } from './timeline';

/** One sample per poll, per keyspace and namespace so every viewer's sparklines sum what it may see. */
interface Sample {
  seq: number;
  t: number;
  /** keyspace → [shards without primary, tablets not serving]; null: vtctld failed */
  topo: Map<string, [number, number]> | null;
  /** namespace → [pods not ready, restarts since the previous sample]; null: failed; undefined: none */
  pods: Map<string, [number, number]> | null | undefined;
  /** [active connections, dead routes]; undefined: no Routers */
  routers: [number, number] | undefined;
}

export interface ClusterMonitorOptions {
  cluster: string;
  title: string;
  settings: MonitorSettings;
  topology: Poller<TopologyFacts>;
  pods?: Poller<PodFacts>;
  routers?: Poller<RouterFacts>;
  /** The hub's sequence: one number per poll of any cluster (SSE event ids). */
  nextSeq(): number;
  /** Called after every poll, with its sequence number. */
  published(monitor: ClusterMonitor, seq: number): void;
  log: FastifyBaseLogger;
}

const HOUR = 3_600_000;

/**
 * The wall's view of one cluster: polls its upstreams together once per interval while anyone looks
 * (viewers, /metrics scrapes, snapshot requests) and stops `idleStopMs` after the last, keeps the
 * latest state of each source, a bounded history of samples and a bounded timeline.
 */
export class ClusterMonitor {
  readonly cluster: string;
  readonly title: string;
  topology: SourceState<TopologyFacts> = emptySource();
  pods: SourceState<PodFacts> | null;
  routers: SourceState<RouterFacts> | null;
  /** Polls done since start (for /metrics). */
  polls = 0;
  viewers = 0;
  private readonly samples: RingBuffer<Sample>;
  private readonly entries: RingBuffer<TimelineEntry>;
  private readonly baseline = new TopologyBaseline();
  /** Highest sequence number dropped from the history or timeline: resuming from before it is impossible. */
  private dropped = 0;
  private running = false;
  private lastDemand = 0;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private readonly firstPoll: Promise<void>;
  private markPolled: () => void = () => {};

  constructor(private readonly options: ClusterMonitorOptions) {
    this.cluster = options.cluster;
    this.title = options.title;
    this.pods = options.pods ? emptySource() : null;
    this.routers = options.routers ? emptySource() : null;
    const { historyMs, intervalMs, timelineSize } = options.settings;
    this.samples = new RingBuffer(Math.ceil(historyMs / intervalMs) + 2);
    this.entries = new RingBuffer(timelineSize);
    this.firstPoll = new Promise((resolve) => {
      this.markPolled = resolve;
    });
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Someone looks: start polling if it stopped, and keep it going for idleStopMs more. */
  demand(): void {
    this.lastDemand = Date.now();
    if (this.running) return;
    this.running = true;
    this.loop();
  }

  /** Resolves after the first poll, or after `timeoutMs` (a hanging upstream must not hang a request). */
  ready(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    return Promise.race([this.firstPoll, timeout]).finally(() => clearTimeout(timer));
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
  }

  /** Whether every sample and timeline entry after `seq` is still kept. */
  canResumeAfter(seq: number): boolean {
    return seq >= this.dropped;
  }

  private loop(): void {
    const started = Date.now();
    this.current = this.poll()
      .catch((err: unknown) => this.options.log.error({ err, cluster: this.cluster }, 'monitor poll failed'))
      .then(() => {
        this.current = undefined;
        this.markPolled();
        if (!this.running) return;
        const idle = Date.now() - this.lastDemand >= this.options.settings.idleStopMs;
        if (this.viewers === 0 && idle) {
          this.running = false;
          return;
        }
        const wait = Math.max(0, this.options.settings.intervalMs - (Date.now() - started));
        this.timer = setTimeout(() => this.loop(), wait);
        this.timer.unref();
      });
  }

  private async poll(): Promise<void> {
    const { topology, pods, routers } = this.options;
    const [topo, podOutcome, routerOutcome] = await Promise.all([
      topology.poll(),
      pods?.poll(),
      routers?.poll(),
    ]);
    const drafts: Draft[] = [];

    const prevTopology = this.topology;
    this.topology = nextSource(prevTopology, topo);
    drafts.push(...sourceChanges('topology', topology.source, prevTopology, this.topology));
    if (topo.ok) drafts.push(...this.baseline.changes(topo.data));

    let restarts = new Map<string, number>();
    if (podOutcome && this.pods) {
      const prev = this.pods;
      this.pods = nextSource(prev, podOutcome);
      drafts.push(...sourceChanges('kubernetes', pods?.source ?? 'kubernetes', prev, this.pods));
      if (podOutcome.ok) {
        drafts.push(...podChanges(prev.data, podOutcome.data));
        restarts = restartsBetween(prev.data, podOutcome.data);
      }
    }
    if (routerOutcome && this.routers) {
      const prev = this.routers;
      this.routers = nextSource(prev, routerOutcome);
      if (routerOutcome.ok) drafts.push(...routerChanges(prev.data, routerOutcome.data));
    }

    const seq = this.options.nextSeq();
    const t = Date.now();
    this.push(this.samples, {
      seq,
      t,
      topo: topo.ok
        ? new Map(
            [...topo.data.keyspaces].map(([ks, c]) => [ks, [c.shardsWithoutPrimary, c.tabletsNotServing]]),
          )
        : null,
      pods: podOutcome ? (podOutcome.ok ? podSample(podOutcome.data, restarts) : null) : undefined,
      routers: this.routers ? routerSample(this.routers.data) : undefined,
    });
    const at = new Date(t).toISOString();
    capped(drafts).forEach((d, i) => {
      this.push(this.entries, { ...d, id: `${seq}.${i}`, seq, at, cluster: this.cluster });
    });
    this.polls++;
    this.options.published(this, seq);
  }

  private push<T extends { seq: number }>(ring: RingBuffer<T>, value: T): void {
    if (ring.size === ring.capacity) this.dropped = Math.max(this.dropped, ring.toArray()[0]?.seq ?? 0);
    ring.push(value);
  }

  /** The tiles as `vis` sees them. */
  view(vis: Visibility, now: number): ClusterMonitorDto {
    const ctx: TileContext = {
      now,
      staleAfterMs: this.options.settings.staleAfterMs,
      thresholds: this.options.settings.thresholds,
    };
    return {
      cluster: this.cluster,
      title: this.title,
      topology: topologyTile(this.cluster, this.topology, vis, ctx),
      kubernetes: this.pods
        ? kubernetesTile(this.cluster, this.pods, this.restartsLastHour(vis, now), vis, ctx)
        : null,
      routers: this.routers
        ? routersTile(this.routers, {
            ...ctx,
            staleAfterMs: Math.max(ctx.staleAfterMs, 3 * (this.options.routers?.intervalMs ?? 0)),
          })
        : null,
    };
  }

  /** Restarts seen in the last hour, in the namespaces `vis` may see. */
  restartsLastHour(vis: Visibility, now: number): number {
    let total = 0;
    for (const s of this.samples.toArray()) {
      if (s.t <= now - HOUR || !s.pods) continue;
      for (const [ns, [, restarts]] of s.pods)
        if (restarts && vis.namespace(this.cluster, ns)) total += restarts;
    }
    return total;
  }

  /** Samples after `since`, within the history window, summed over what `vis` may see. */
  samplesAfter(since: number, vis: Visibility, now: number): MonitorSamples {
    const from = now - this.options.settings.historyMs;
    const rows = this.samples.toArray().filter((s) => s.seq > since && s.t >= from);
    const sumKs = (m: Map<string, [number, number]> | null, i: 0 | 1) => {
      if (!m) return null;
      let n = 0;
      for (const [ks, v] of m) if (vis.keyspace(this.cluster, ks)) n += v[i];
      return n;
    };
    const sumNs = (m: Map<string, [number, number]> | null | undefined, i: 0 | 1) => {
      if (!m) return null;
      let n = 0;
      for (const [ns, v] of m) if (vis.namespace(this.cluster, ns)) n += v[i];
      return n;
    };
    return {
      cluster: this.cluster,
      times: rows.map((s) => s.t),
      series: {
        tabletsNotServing: rows.map((s) => sumKs(s.topo, 1)),
        shardsWithoutPrimary: rows.map((s) => sumKs(s.topo, 0)),
        podsNotReady: rows.map((s) => sumNs(s.pods, 0)),
        podRestarts: rows.map((s) => sumNs(s.pods, 1)),
        activeConnections: rows.map((s) => s.routers?.[0] ?? null),
        routesDead: rows.map((s) => s.routers?.[1] ?? null),
      },
    };
  }

  /** Timeline entries after `since` that `vis` may see, oldest first. */
  timelineAfter(since: number, vis: Visibility): TimelineEntry[] {
    return this.entries
      .toArray()
      .filter(
        (e) =>
          e.seq > since &&
          (e.keyspace === undefined || vis.keyspace(this.cluster, e.keyspace)) &&
          (e.namespace === undefined || vis.namespace(this.cluster, e.namespace)),
      );
  }
}

function podSample(facts: PodFacts, restarts: Map<string, number>): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const [ns, c] of facts.namespaces) out.set(ns, [c.notReady, restarts.get(ns) ?? 0]);
  for (const [ns, n] of restarts) if (!out.has(ns)) out.set(ns, [0, n]);
  return out;
}

function routerSample(facts: RouterFacts | null): [number, number] | undefined {
  if (!facts) return undefined;
  let active = 0;
  let dead = 0;
  for (const r of facts.routers) {
    for (const route of r.routes) {
      active += route.activeConnections;
      if (route.alive === false) dead++;
    }
  }
  return [active, dead];
}
