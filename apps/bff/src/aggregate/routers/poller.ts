import type { RouteConnections, RouterHistory, RouterSummary, SourceError } from '@vtdeck/contracts';
import { type RouterClient, routerError, routerSource } from '../../upstreams/router';
import { isUpstreamError, UpstreamError } from '../../upstreams/upstream-error';
import { ConnectionWatch } from './connection-watch';
import { RingBuffer } from './ring-buffer';
import { pollRouter, type RouterSnapshot } from './snapshot';

export interface PollerOptions {
  intervalMs: number;
  /** Samples kept; 720 at 5 s is one hour. */
  historySize: number;
  connectionsIntervalMs: number;
  connectionsIdleMs: number;
}

interface RouteSample {
  active: number;
  total: number;
  alive: boolean | null;
}

interface Sample {
  t: number;
  up: boolean;
  routes: Map<string, RouteSample>;
  refreshFailed: number | null;
  refreshSucceeded: number | null;
}

type Latest = { ok: true; snapshot: RouterSnapshot } | { ok: false; at: number; error: UpstreamError };

/**
 * Polls one Router on a fixed interval for every viewer at once, keeps the latest snapshot and a
 * bounded history of samples for charts. Viewers never cause extra calls to the Router, except
 * /connections of a route someone is looking at (see ConnectionWatch).
 */
export class RouterPoller {
  private readonly samples: RingBuffer<Sample>;
  private readonly watches = new Map<string, ConnectionWatch>();
  private latest: Latest | undefined;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    readonly client: RouterClient,
    readonly options: PollerOptions,
  ) {
    this.samples = new RingBuffer(options.historySize);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const w of this.watches.values()) w.stop();
    this.watches.clear();
  }

  /** The latest complete poll; waits for the first one. Rejects with the poll's UpstreamError. */
  async snapshot(): Promise<RouterSnapshot> {
    const latest = await this.current();
    if (!latest.ok) throw latest.error;
    return latest.snapshot;
  }

  /** The list view of this Router: never rejects, a failed poll is a `down` state with its error. */
  summary(): RouterSummary {
    const base = { name: this.client.name, url: this.client.url };
    const latest = this.latest;
    if (!latest) return { ...base, state: 'pending', routes: [], metadata: [] };
    if (!latest.ok) {
      const e = latest.error;
      return {
        ...base,
        state: 'down',
        error: { source: e.source, kind: e.kind, message: e.message },
        polledAt: new Date(latest.at).toISOString(),
        routes: [],
        metadata: [],
      };
    }
    const s = latest.snapshot;
    return {
      ...base,
      state: 'up',
      polledAt: s.polledAt,
      process: s.process,
      routes: s.routes.map((r) => ({
        name: r.name,
        alive: r.alive,
        activeConnections: r.activeConnections,
        totalConnections: r.totalConnections,
        blockedHostCount: r.blockedHostCount,
      })),
      metadata: s.metadata.map((m) => ({
        name: m.name,
        clusterName: m.clusterName,
        refreshFailed: m.refreshFailed,
        failing: m.failing,
      })),
    };
  }

  /** Partial-failure notes of the latest poll, for the list's `errors`. */
  errors(): SourceError[] {
    const latest = this.latest;
    if (!latest) return [];
    if (!latest.ok) {
      const e = latest.error;
      return [{ source: e.source, kind: e.kind, message: e.message }];
    }
    return latest.snapshot.errors;
  }

  history(since = 0): RouterHistory {
    const samples = this.samples.toArray();
    const from = samples.findIndex((s) => s.t > since);
    // One sample before `since` is kept internally so deltas of the first answered sample are right.
    const shown = from < 0 ? [] : samples.slice(from);
    const before = from > 0 ? samples[from - 1] : undefined;
    const names: string[] = [];
    for (const s of shown) for (const name of s.routes.keys()) if (!names.includes(name)) names.push(name);
    const rate = (cur: number | undefined, prev: number | undefined, dtMs: number): number | null =>
      cur === undefined || prev === undefined || cur < prev || dtMs <= 0
        ? null
        : ((cur - prev) * 1000) / dtMs;
    const delta = (cur: number | null, prev: number | null | undefined): number | null =>
      cur === null || prev === null || prev === undefined || cur < prev ? null : cur - prev;
    return {
      intervalMs: this.options.intervalMs,
      capacity: this.options.historySize,
      times: shown.map((s) => s.t),
      up: shown.map((s) => s.up),
      routes: names.map((name) => ({
        name,
        active: shown.map((s) => s.routes.get(name)?.active ?? null),
        alive: shown.map((s) => s.routes.get(name)?.alive ?? null),
        newConnections: shown.map((s, i) => {
          const prev = i > 0 ? shown[i - 1] : before;
          if (!prev) return null;
          const r = rate(s.routes.get(name)?.total, prev.routes.get(name)?.total, s.t - prev.t);
          return r === null ? null : Math.round(r * 100) / 100;
        }),
      })),
      refreshFailures: shown.map((s, i) =>
        delta(s.refreshFailed, (i > 0 ? shown[i - 1] : before)?.refreshFailed),
      ),
      refreshes: shown.map((s, i) =>
        delta(s.refreshSucceeded, (i > 0 ? shown[i - 1] : before)?.refreshSucceeded),
      ),
    };
  }

  /** A viewer of a route's connections: starts or keeps its slower /connections polling. */
  async connections(route: string): Promise<RouteConnections> {
    const snapshot = await this.snapshot();
    if (!snapshot.routes.some((r) => r.name === route)) throw this.unknownRoute(route, snapshot);
    let watch = this.watches.get(route);
    if (!watch) {
      const created = new ConnectionWatch(this.client, route, {
        intervalMs: this.options.connectionsIntervalMs,
        idleMs: this.options.connectionsIdleMs,
        capacity: Math.max(
          1,
          Math.ceil(
            (this.options.historySize * this.options.intervalMs) / this.options.connectionsIntervalMs,
          ),
        ),
        onIdle: () => {
          if (this.watches.get(route) === created) this.watches.delete(route);
        },
      });
      this.watches.set(route, created);
      watch = created;
    }
    return watch.view();
  }

  /** Routes being watched right now (for tests and /metrics). */
  watchedRoutes(): string[] {
    return [...this.watches.keys()];
  }

  unknownRoute(route: string, snapshot: RouterSnapshot): UpstreamError {
    return routerError(
      this.client,
      'not_found',
      `has no route named "${route}"; its routes: ${snapshot.routes.map((r) => r.name).join(', ') || 'none'}`,
    );
  }

  private async current(): Promise<Latest> {
    if (!this.latest) {
      this.inFlight ??= this.poll();
      await this.inFlight;
    }
    return this.latest as Latest;
  }

  private tick(): void {
    if (!this.running) return;
    const started = Date.now();
    this.inFlight ??= this.poll();
    void this.inFlight.then(() => {
      if (!this.running) return;
      const wait = Math.max(0, this.options.intervalMs - (Date.now() - started));
      this.timer = setTimeout(() => this.tick(), wait);
      this.timer.unref();
    });
  }

  private async poll(): Promise<void> {
    try {
      const snapshot = await pollRouter(this.client);
      this.latest = { ok: true, snapshot };
      this.samples.push(sampleOf(snapshot));
    } catch (err) {
      const error = isUpstreamError(err)
        ? err
        : new UpstreamError({
            source: routerSource(this.client.name),
            cluster: this.client.cluster,
            kind: 'bad_response',
            message: `MySQL Router ${this.client.name} could not be read: ${(err as Error)?.message ?? err}`,
            cause: err,
          });
      const at = Date.now();
      this.latest = { ok: false, at, error };
      this.samples.push({ t: at, up: false, routes: new Map(), refreshFailed: null, refreshSucceeded: null });
    } finally {
      this.inFlight = undefined;
    }
  }
}

function sampleOf(s: RouterSnapshot): Sample {
  const sum = (pick: (m: RouterSnapshot['metadata'][number]) => number) =>
    s.metadata.length ? s.metadata.reduce((acc, m) => acc + pick(m), 0) : null;
  return {
    t: Date.parse(s.polledAt),
    up: true,
    routes: new Map(
      s.routes.map((r) => [
        r.name,
        { active: r.activeConnections, total: r.totalConnections, alive: r.alive },
      ]),
    ),
    refreshFailed: sum((m) => m.refreshFailed),
    refreshSucceeded: sum((m) => m.refreshSucceeded),
  };
}
