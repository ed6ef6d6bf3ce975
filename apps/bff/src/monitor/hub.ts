import { randomBytes } from 'node:crypto';
import type {
  MonitorSnapshot,
  MonitorTiming,
  MonitorUpdate,
  Principal,
  TimelineEntry,
} from '@vtdeck/contracts';
import type { GrantPolicy } from '../auth/grants';
import { ClusterMonitor, type ClusterMonitorOptions } from './cluster-monitor';
import type { MonitorSettings } from './settings';
import { sseFrame } from './sse';
import type { Visibility } from './tiles';

/** A connected wall screen: which clusters it watches and what it may see. */
export interface Viewer {
  readonly vis: Visibility;
  readonly clusters: ReadonlySet<string>;
  send(frame: string): void;
  /** Ends its stream (the BFF is closing). */
  end(): void;
}

const EVENT_ID = /^([a-z0-9]{1,32})-([0-9]{1,15})$/;

/**
 * Every cluster's monitor and every viewer. Each poll of a cluster gets the next number of one
 * sequence (the SSE event id is `<epoch>-<seq>`, the epoch changing with each BFF start), and is sent
 * to the viewers of that cluster as one `update` built and serialised once per distinct visibility,
 * so 500 screens signed in as the same user cost one JSON.stringify and one upstream poll.
 */
export class MonitorHub {
  readonly epoch = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  readonly monitors = new Map<string, ClusterMonitor>();
  private seq = 0;
  private readonly viewers = new Set<Viewer>();
  private readonly visibilities = new Map<string, Visibility>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(readonly settings: MonitorSettings) {}

  add(options: Omit<ClusterMonitorOptions, 'nextSeq' | 'published' | 'settings'>): ClusterMonitor {
    const monitor = new ClusterMonitor({
      ...options,
      settings: this.settings,
      nextSeq: () => ++this.seq,
      published: (m, seq) => this.broadcast(m, seq),
    });
    this.monitors.set(monitor.cluster, monitor);
    return monitor;
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  get timing(): MonitorTiming {
    const { intervalMs, staleAfterMs, heartbeatMs, historyMs } = this.settings;
    return { intervalMs, staleAfterMs, heartbeatMs, historyMs };
  }

  /** The monitors of one cluster (already resolved by the caller) or of all. */
  scope(cluster?: string): ClusterMonitor[] {
    if (cluster === undefined) return [...this.monitors.values()];
    const m = this.monitors.get(cluster);
    return m ? [m] : [];
  }

  /** Starts (or keeps) polling these clusters; waits for a first poll up to `waitMs`. */
  async demand(monitors: ClusterMonitor[], waitMs = 0): Promise<void> {
    for (const m of monitors) m.demand();
    if (waitMs > 0) await Promise.all(monitors.map((m) => m.ready(waitMs)));
  }

  /**
   * What a principal may see, remembered per principal: grants are fixed for the life of the process,
   * and the answer for each keyspace and namespace name is asked of the policy once.
   */
  visibilityOf(who: Principal, policy: GrantPolicy): Visibility {
    const key = `${who.kind}:${who.name}:${[...who.groups].sort().join(',')}`;
    const known = this.visibilities.get(key);
    if (known) return known;
    const memo = (ask: (cluster: string, name: string) => boolean) => {
      const seen = new Map<string, boolean>();
      return (cluster: string, name: string) => {
        const id = `${cluster}\u0000${name}`;
        let v = seen.get(id);
        if (v === undefined) {
          v = ask(cluster, name);
          seen.set(id, v);
        }
        return v;
      };
    };
    const vis: Visibility = {
      key,
      keyspace: memo((cluster, name) => policy.visibleKeyspaces(who, [name], cluster).length > 0),
      namespace: memo((cluster, name) => policy.visibleNamespaces(who, [name], cluster).length > 0),
    };
    this.visibilities.set(key, vis);
    return vis;
  }

  eventId(seq = this.seq): string {
    return `${this.epoch}-${seq}`;
  }

  /** The sequence number a Last-Event-ID can resume from, or null (another BFF start, or too old). */
  resumePoint(lastEventId: string | undefined, monitors: ClusterMonitor[]): number | null {
    const m = lastEventId ? EVENT_ID.exec(lastEventId) : null;
    if (!m || m[1] !== this.epoch) return null;
    const seq = Number(m[2]);
    if (seq > this.seq || !monitors.every((c) => c.canResumeAfter(seq))) return null;
    return seq;
  }

  snapshot(monitors: ClusterMonitor[], vis: Visibility, now = Date.now()): MonitorSnapshot {
    return {
      epoch: this.epoch,
      seq: this.seq,
      generatedAt: new Date(now).toISOString(),
      timing: this.timing,
      clusters: monitors.map((m) => m.view(vis, now)),
      history: monitors.map((m) => m.samplesAfter(0, vis, now)),
      timeline: this.timeline(monitors, 0, vis).slice(-this.settings.timelineSize),
    };
  }

  updateAfter(monitors: ClusterMonitor[], vis: Visibility, since: number, now = Date.now()): MonitorUpdate {
    return {
      epoch: this.epoch,
      seq: this.seq,
      generatedAt: new Date(now).toISOString(),
      clusters: monitors.map((m) => m.view(vis, now)),
      samples: monitors.map((m) => m.samplesAfter(since, vis, now)),
      timeline: this.timeline(monitors, since, vis),
    };
  }

  /**
   * A new viewer: a `snapshot`, or after a resumable Last-Event-ID only what it missed (an `update`).
   */
  attach(viewer: Viewer, monitors: ClusterMonitor[], lastEventId?: string): void {
    const since = this.resumePoint(lastEventId, monitors);
    const payload =
      since === null
        ? sseFrame('snapshot', JSON.stringify(this.snapshot(monitors, viewer.vis)), this.eventId())
        : sseFrame('update', JSON.stringify(this.updateAfter(monitors, viewer.vis, since)), this.eventId());
    viewer.send(payload);
    this.viewers.add(viewer);
    for (const m of monitors) {
      m.viewers++;
      m.demand();
    }
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => this.beat(), this.settings.heartbeatMs);
      this.heartbeat.unref();
    }
  }

  detach(viewer: Viewer): void {
    if (!this.viewers.delete(viewer)) return;
    for (const name of viewer.clusters) {
      const m = this.monitors.get(name);
      if (m) {
        m.viewers--;
        // Idle stop counts from the last viewer leaving.
        m.demand();
      }
    }
    if (this.viewers.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const v of [...this.viewers]) v.end();
    this.viewers.clear();
    await Promise.all([...this.monitors.values()].map((m) => m.stop()));
  }

  private timeline(monitors: ClusterMonitor[], since: number, vis: Visibility): TimelineEntry[] {
    const all = monitors.flatMap((m) => m.timelineAfter(since, vis));
    return monitors.length > 1 ? all.sort((a, b) => a.seq - b.seq) : all;
  }

  private broadcast(monitor: ClusterMonitor, seq: number): void {
    if (this.viewers.size === 0) return;
    const now = Date.now();
    const frames = new Map<string, string>();
    for (const v of this.viewers) {
      if (!v.clusters.has(monitor.cluster)) continue;
      let frame = frames.get(v.vis.key);
      if (frame === undefined) {
        const update = this.updateAfter([monitor], v.vis, seq - 1, now);
        frame = sseFrame('update', JSON.stringify(update), this.eventId(seq));
        frames.set(v.vis.key, frame);
      }
      v.send(frame);
    }
  }

  private beat(): void {
    const frame = sseFrame('heartbeat', JSON.stringify({ at: new Date().toISOString() }));
    for (const v of this.viewers) v.send(frame);
  }
}
