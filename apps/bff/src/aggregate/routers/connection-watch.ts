import type { RouteConnection, RouteConnections } from '@vtdeck/contracts';
import { type RouterClient, toConnection } from '../../upstreams/router';
import { RingBuffer } from './ring-buffer';

export interface ConnectionWatchOptions {
  intervalMs: number;
  /** Polling stops this long after the last viewer request. */
  idleMs: number;
  capacity: number;
  /** Called once polling stopped for lack of viewers, so the owner can forget this watch. */
  onIdle: () => void;
}

interface BytesSample {
  t: number;
  toServer: number;
  fromServer: number;
}

type Latest = { ok: true; at: number; items: RouteConnection[] } | { ok: false; at: number; error: unknown };

const keyOf = (c: RouteConnection) => `${c.sourceAddress}|${c.timeStarted ?? ''}`;

/**
 * Polls one route's /connections while someone looks at it (a connection list can be long, so it is
 * not part of the regular poll), and derives bytes per second between polls. Connections that opened
 * and closed between two polls are not seen, so the rate is a lower bound.
 */
export class ConnectionWatch {
  private readonly bytes: RingBuffer<BytesSample>;
  private latest: Latest | undefined;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastViewed = 0;
  private previous: { t: number; bytes: Map<string, [number, number]> } | undefined;
  private stopped = false;

  constructor(
    private readonly client: RouterClient,
    readonly route: string,
    private readonly options: ConnectionWatchOptions,
  ) {
    this.bytes = new RingBuffer(options.capacity);
  }

  /** A viewer asks: keep polling, and answer the latest list (the first call waits for it). */
  async view(): Promise<RouteConnections> {
    if (this.stopped) throw new Error('connection watch used after it stopped');
    this.lastViewed = Date.now();
    if (!this.latest) {
      this.inFlight ??= this.poll();
      await this.inFlight;
    }
    this.schedule();
    const latest = this.latest as Latest;
    if (!latest.ok) throw latest.error;
    const samples = this.bytes.toArray();
    return {
      polledAt: new Date(latest.at).toISOString(),
      intervalMs: this.options.intervalMs,
      items: latest.items,
      bytes: {
        times: samples.map((s) => s.t),
        toServer: samples.map((s) => s.toServer),
        fromServer: samples.map((s) => s.fromServer),
      },
    };
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (Date.now() - this.lastViewed > this.options.idleMs) {
        this.stop();
        this.options.onIdle();
        return;
      }
      this.inFlight = this.poll();
      void this.inFlight.then(() => this.schedule());
    }, this.options.intervalMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    try {
      const raw = await this.client.routeConnections(this.route);
      const t = Date.now();
      const items = raw.map((c) => toConnection(c, t));
      this.record(t, items);
      this.latest = { ok: true, at: t, items };
    } catch (err) {
      this.latest = { ok: false, at: Date.now(), error: err };
      this.previous = undefined;
    } finally {
      this.inFlight = undefined;
    }
  }

  private record(t: number, items: RouteConnection[]): void {
    const now = new Map(
      items.map((c) => [keyOf(c), [c.bytesToServer, c.bytesFromServer] as [number, number]]),
    );
    const prev = this.previous;
    this.previous = { t, bytes: now };
    if (!prev || t <= prev.t) return;
    let toServer = 0;
    let fromServer = 0;
    for (const [key, [to, from]] of now) {
      const [pto, pfrom] = prev.bytes.get(key) ?? [0, 0];
      toServer += Math.max(0, to - pto);
      fromServer += Math.max(0, from - pfrom);
    }
    const seconds = (t - prev.t) / 1000;
    this.bytes.push({ t, toServer: toServer / seconds, fromServer: fromServer / seconds });
  }
}
