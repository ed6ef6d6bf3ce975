import { createRandom, type Micros, nowMicros, type Random } from './clock';
import type { HostPort, RouterSpec, RouteSpec } from './config';
import { MetadataCache } from './metadata';

export interface ConnectionState {
  sourceAddress: string;
  /** `address:port` of the destination it was routed to. */
  destinationAddress: string;
  bytesFromServer: number;
  bytesToServer: number;
  timeStarted: Micros;
  timeConnectedToServer?: Micros;
  timeLastSentToServer?: Micros;
  timeLastReceivedFromServer?: Micros;
  ticksLeft: number;
}

export interface RouteState {
  spec: RouteSpec;
  accepting: boolean;
  connections: ConnectionState[];
  totalConnections: number;
  /** Failed handshakes per client IP; a host is blocked once it reaches maxConnectErrors. */
  connectErrors: Map<string, number>;
  /** Static destinations that refuse connections, as `address:port`. */
  downHosts: Set<string>;
  nextRoundRobin: number;
}

export interface PoolState {
  idleServerConnections: number;
  stashedServerConnections: number;
}

/** Handshake sizes of the classic protocol, roughly: greeting + OK from the server, login from the client. */
const HANDSHAKE_FROM_SERVER = 89;
const HANDSHAKE_TO_SERVER = 212;

/**
 * The moving parts of one router: client connections opening and closing, bytes flowing, metadata
 * refreshes, blocked hosts. `tick()` advances it; the clock in index.ts calls it on an interval.
 */
export class RouterSimulation {
  readonly timeStarted: Micros;
  readonly routes: Map<string, RouteState>;
  readonly metadata?: MetadataCache;
  readonly pool?: PoolState;
  private readonly random: Random;

  constructor(
    readonly spec: RouterSpec,
    readonly tickMs: number,
    seed: number,
  ) {
    this.random = createRandom(seed);
    // The process started a moment before its REST API answered.
    this.timeStarted = nowMicros() - 10_000;
    this.routes = new Map(
      spec.routes.map((route) => [
        route.name,
        {
          spec: route,
          accepting: true,
          connections: [],
          totalConnections: 0,
          connectErrors: new Map(),
          downHosts: new Set(),
          nextRoundRobin: 0,
        },
      ]),
    );
    if (spec.metadataCache) {
      this.metadata = new MetadataCache(spec.metadataCache, this.random);
      this.metadata.refresh(nowMicros(), 1);
    }
    if (spec.connectionPool) this.pool = { idleServerConnections: 0, stashedServerConnections: 0 };
    // A router that has been running a little while: some connections already open.
    for (const route of this.routes.values())
      this.openConnections(route, nowMicros(), Math.round(route.spec.load * 4));
  }

  tick(): void {
    const now = nowMicros();
    if (this.metadata)
      this.metadata.refresh(now, Math.max(1, Math.round(this.tickMs / this.metadata.spec.ttlMs)));
    for (const route of this.routes.values()) {
      this.advanceConnections(route, now);
      this.openConnections(route, now, this.arrivals(route.spec.load));
      if (this.random.chance(0.03) && this.spec.probeHosts.length > 0) {
        const errors = this.random.int(5, Math.max(5, Math.ceil(route.spec.maxConnectErrors / 4)));
        this.recordConnectErrors(route.spec.name, this.random.pick(this.spec.probeHosts), errors);
      }
    }
    if (this.pool) {
      // Idle server connections expire after idle_timeout.
      const expire = this.tickMs / (this.spec.connectionPool?.idleTimeoutInMs ?? 5000);
      for (let i = this.pool.idleServerConnections; i > 0; i--) {
        if (this.random.chance(expire)) this.pool.idleServerConnections--;
      }
    }
  }

  /** What the route would hand out right now; empty when it is not accepting connections. */
  destinations(route: RouteState): HostPort[] {
    if (!route.accepting) return [];
    const dest = route.spec.destinations;
    if (dest.kind === 'static') return dest.hosts;
    if (!this.metadata) return [];
    return this.metadata
      .eligible(dest.role, route.spec.routingStrategy === 'round-robin-with-fallback')
      .map((node) => ({
        address: node.hostname,
        port: route.spec.protocol === 'x' ? node.xPort : node.port,
      }));
  }

  isBlocked(route: RouteState, host: string): boolean {
    return (route.connectErrors.get(host) ?? 0) >= route.spec.maxConnectErrors;
  }

  blockedHosts(route: RouteState): string[] {
    return [...route.connectErrors.keys()].filter((host) => this.isBlocked(route, host)).sort(compareIp);
  }

  activeConnections(): number {
    let total = 0;
    for (const route of this.routes.values()) total += route.connections.length;
    return total;
  }

  route(name: string): RouteState {
    const route = this.routes.get(name);
    if (!route) throw new Error(`router ${this.spec.name} has no route '${name}'`);
    return route;
  }

  setRouteAlive(name: string, alive: boolean): void {
    const route = this.route(name);
    route.accepting = alive;
    if (!alive) this.closeWhere(route, () => true);
  }

  /**
   * Makes a destination refuse connections. `destination` is `address` or `address:port`. On a
   * metadata-cache route the destination is a cluster node: it leaves the topology for every route,
   * and losing the primary promotes a secondary, as group replication would.
   */
  setDestinationDown(routeName: string, destination: string, down: boolean): void {
    const route = this.route(routeName);
    const [address, portText] = splitHostPort(destination);
    const port = portText === undefined ? undefined : Number(portText);
    const dest = route.spec.destinations;
    if (dest.kind === 'static') {
      const host = dest.hosts.find((h) => h.address === address && (port === undefined || h.port === port));
      if (!host) throw new Error(`route '${routeName}' has no destination '${destination}'`);
      const key = `${host.address}:${host.port}`;
      if (down) route.downHosts.add(key);
      else route.downHosts.delete(key);
      if (down) this.closeWhere(route, (c) => c.destinationAddress === key);
      return;
    }
    const node = this.metadata?.node(address, port);
    if (!this.metadata || !node) throw new Error(`route '${routeName}' has no destination '${destination}'`);
    this.metadata.setNodeUp(node, !down, nowMicros());
    if (down) {
      for (const r of this.routes.values()) {
        this.closeWhere(r, (c) => c.destinationAddress.startsWith(`${node.hostname}:`));
      }
    }
  }

  /** Simulates `count` failed handshakes from `host` (e.g. a TCP health check without a MySQL login). */
  recordConnectErrors(routeName: string, host: string, count: number): void {
    const route = this.route(routeName);
    route.connectErrors.set(host, (route.connectErrors.get(host) ?? 0) + count);
  }

  private arrivals(load: number): number {
    // Bursty arrivals with mean `load`: each unit of load brings 0, 1 or 2 connections.
    let n = 0;
    for (let budget = load; budget > 0; budget -= 1) {
      if (this.random.chance(Math.min(1, budget))) n += this.random.int(0, 2);
    }
    return n;
  }

  private openConnections(route: RouteState, now: Micros, count: number): void {
    for (let i = 0; i < count; i++) {
      const limit = route.spec.maxActiveConnections;
      if (limit > 0 && route.connections.length >= limit) return;
      if (this.activeConnections() >= this.spec.maxTotalConnections) return;
      const target = this.chooseDestination(route);
      if (!target) return;
      const client = this.random.pick(this.spec.clientHosts);
      if (this.isBlocked(route, client)) continue;
      // A successful connection clears the client's error count, as in the Router.
      route.connectErrors.delete(client);
      const conn: ConnectionState = {
        sourceAddress: `${client}:${this.random.int(32768, 60999)}`,
        destinationAddress: `${target.address}:${target.port}`,
        bytesFromServer: 0,
        bytesToServer: 0,
        // Arrived some time since the previous tick, never before the router started.
        // Far enough back that its handshake times (< 5 ms later) are not in the future.
        timeStarted: Math.max(
          this.timeStarted,
          now - this.random.int(5000, Math.max(5000, this.tickMs * 1000)),
        ),
        // Mostly short-lived requests, some long-lived pooled application connections.
        ticksLeft: this.random.chance(0.7) ? this.random.int(1, 4) : this.random.int(10, 60),
      };
      // Some connections are still connecting when listed: their server-side times are absent.
      if (this.random.chance(0.85)) this.connect(conn, conn.timeStarted + this.random.int(250, 3000));
      route.connections.push(conn);
      route.totalConnections++;
      if (this.pool && this.pool.idleServerConnections > 0 && route.spec.protocol === 'classic') {
        this.pool.idleServerConnections--;
      }
    }
  }

  private connect(conn: ConnectionState, at: Micros): void {
    conn.timeConnectedToServer = at;
    conn.bytesFromServer += HANDSHAKE_FROM_SERVER;
    conn.bytesToServer += HANDSHAKE_TO_SERVER;
    conn.timeLastSentToServer = at + this.random.int(50, 400);
    conn.timeLastReceivedFromServer = conn.timeLastSentToServer + this.random.int(100, 900);
  }

  private advanceConnections(route: RouteState, now: Micros): void {
    this.closeWhere(route, (c) => !this.reachable(route, c.destinationAddress));
    for (const conn of route.connections) {
      if (conn.timeConnectedToServer === undefined) {
        this.connect(conn, Math.max(conn.timeStarted + 250, now - this.random.int(1000, 5000)));
        continue;
      }
      if (this.random.chance(0.6)) {
        const sent = Math.max(now - this.random.int(2000, 40000), (conn.timeLastReceivedFromServer ?? 0) + 1);
        conn.bytesToServer += this.random.int(40, 600);
        conn.bytesFromServer += this.random.int(60, 16000);
        conn.timeLastSentToServer = sent;
        conn.timeLastReceivedFromServer = sent + this.random.int(200, 1800);
      }
      conn.ticksLeft--;
    }
    this.closeWhere(route, (c) => c.ticksLeft <= 0, true);
  }

  private closeWhere(route: RouteState, predicate: (c: ConnectionState) => boolean, pooled = false): void {
    const kept = route.connections.filter((c) => !predicate(c));
    const closed = route.connections.length - kept.length;
    route.connections = kept;
    const pool = this.pool;
    const max = this.spec.connectionPool?.maxIdleServerConnections ?? 0;
    if (pooled && pool && route.spec.protocol === 'classic') {
      // The server side of a closed client connection goes back to the pool when there is room.
      pool.idleServerConnections = Math.min(max, pool.idleServerConnections + closed);
    }
  }

  private chooseDestination(route: RouteState): HostPort | undefined {
    const candidates = this.destinations(route).filter((d) =>
      this.reachable(route, `${d.address}:${d.port}`),
    );
    if (candidates.length === 0) return undefined;
    const strategy = route.spec.routingStrategy;
    if (strategy === 'first-available' || strategy === 'next-available') return candidates[0];
    route.nextRoundRobin = (route.nextRoundRobin + 1) % candidates.length;
    return candidates[route.nextRoundRobin];
  }

  private reachable(route: RouteState, destination: string): boolean {
    if (route.spec.destinations.kind === 'static') return !route.downHosts.has(destination);
    const [host] = splitHostPort(destination);
    return this.metadata?.node(host)?.up ?? false;
  }
}

function splitHostPort(value: string): [string, string | undefined] {
  const i = value.lastIndexOf(':');
  if (i <= 0 || value.includes(']') || value.indexOf(':') !== i) return [value, undefined];
  return [value.slice(0, i), value.slice(i + 1)];
}

function compareIp(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
}
