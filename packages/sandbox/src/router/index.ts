// Fake MySQL Router REST API: HTTPS with a self-signed CA, Basic auth, every endpoint under
// /api/20190715, and a simulation clock that keeps connections and counters moving. See README.md.
import { FakeServer, type FaultSettings } from '../shared/fake-server';
import { createApiHandler } from './api';
import { type RouterConfigKind, type RouterSpec, routerSpec } from './config';
import { htmlError, writeAnswer } from './http';
import { RouterSimulation } from './simulation';
import { routerTls } from './tls';

export { BASE_PATH } from './api';
export type { RouterConfigKind, RouterSpec } from './config';
export { routerTls } from './tls';

export interface RouterFakeOptions {
  name: string;
  config: RouterConfigKind;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  /** Simulation step; default 1000 ms. */
  tickMs?: number;
  faults?: Partial<FaultSettings>;
  /** Seed of the simulation's randomness; default derived from the name, so a demo is repeatable. */
  seed?: number;
}

export interface RouterFake {
  name: string;
  /** Origin, e.g. `https://127.0.0.1:40123`; the API lives under `${url}/api/20190715`. */
  url: string;
  user: string;
  password: string;
  /** PEM of the CA to trust (undici: `new Agent({ connect: { ca } })`). */
  caPem: string;
  server: FakeServer;
  spec: RouterSpec;
  simulation: RouterSimulation;
  /** A dead route stops accepting: `/health` answers 500 `{"isAlive":false}` and destinations are empty. */
  setRouteAlive(route: string, alive: boolean): void;
  /** `destination` is `address` or `address:port`; on metadata-cache routes it is a cluster node. */
  setDestinationDown(route: string, destination: string, down: boolean): void;
  /** While set, every metadata refresh fails (refreshFailed grows, timeLastRefreshFailed appears). */
  setMetadataRefreshFailing(failing: boolean): void;
  /** Adds failed handshakes from `host`; it is blocked once it reaches the route's maxConnectErrors. */
  recordConnectErrors(route: string, host: string, count: number): void;
  /** Runs simulation steps now, for tests that do not want to wait for the clock. */
  tick(steps?: number): void;
  close(): Promise<void>;
}

export const DEFAULT_ROUTER_USER = 'monitor';
export const DEFAULT_ROUTER_PASSWORD = 'router-monitor-pass';

/** The two demo routers: one bootstrapped against an InnoDB cluster, one with static destinations. */
export function demoRouters(): [RouterFakeOptions, RouterFakeOptions] {
  return [
    { name: 'router-1', config: 'metadata-cache' },
    { name: 'router-2', config: 'static' },
  ];
}

export async function startRouterFake(options: RouterFakeOptions): Promise<RouterFake> {
  const user = options.user ?? DEFAULT_ROUTER_USER;
  const password = options.password ?? DEFAULT_ROUTER_PASSWORD;
  const tickMs = options.tickMs ?? 1000;
  if (!(tickMs > 0)) throw new Error(`router fake ${options.name}: tickMs must be > 0, got ${tickMs}`);
  const spec = routerSpec(options.name, options.config);
  const simulation = new RouterSimulation(spec, tickMs, options.seed ?? seedFrom(options.name));
  const tls = await routerTls();
  const server = new FakeServer({
    name: `router:${options.name}`,
    host: options.host,
    port: options.port,
    tls: { key: tls.key, cert: tls.cert },
    handler: createApiHandler({ sim: simulation, user, password }),
    // The Router has no 5xx of its own on the REST API; its HTTP server's generic error page is the closest.
    failure: (_req, res) => writeAnswer(res, htmlError(500)),
    faults: options.faults,
  });
  await server.start();
  // The simulation runs even while the fake is "down": a Router restart is not simulated, only its API being unreachable.
  const clock = setInterval(() => simulation.tick(), tickMs);
  clock.unref();

  return {
    name: options.name,
    url: server.url,
    user,
    password,
    caPem: tls.caPem,
    server,
    spec,
    simulation,
    setRouteAlive: (route, alive) => simulation.setRouteAlive(route, alive),
    setDestinationDown: (route, destination, down) => simulation.setDestinationDown(route, destination, down),
    setMetadataRefreshFailing: (failing) => {
      if (!simulation.metadata) throw new Error(`router ${options.name} has no metadata cache`);
      simulation.metadata.failing = failing;
    },
    recordConnectErrors: (route, host, count) => simulation.recordConnectErrors(route, host, count),
    tick: (steps = 1) => {
      for (let i = 0; i < steps; i++) simulation.tick();
    },
    close: async () => {
      clearInterval(clock);
      await server.close();
    },
  };
}

function seedFrom(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}
