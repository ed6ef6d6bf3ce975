import fp from 'fastify-plugin';
import type { ClusterConfig } from '../../config';
import { type PollerOptions, RouterPoller } from './poller';

declare module 'fastify' {
  interface FastifyInstance {
    /** The shared poller of each configured Router: `app.routerPollers.get(cluster, name)`. */
    routerPollers: RouterPollers;
  }
}

export interface RouterPollers {
  list(cluster: string): RouterPoller[];
  /** Resolves the name through `app.routerClients.get`, so an unknown router is a 404 naming it. */
  get(cluster: string, name: string): RouterPoller;
}

export const DEFAULT_POLLING: PollerOptions = {
  intervalMs: 5_000,
  historySize: 720,
  connectionsIntervalMs: 10_000,
  connectionsIdleMs: 30_000,
};

export interface RouterPollersOptions {
  clusters: ClusterConfig[];
  polling?: Partial<PollerOptions>;
}

/** Starts polling every Router when the app is ready, so history exists before anyone looks. */
export const routerPollersPlugin = fp<RouterPollersOptions>(
  async (app, { clusters, polling }) => {
    const options = { ...DEFAULT_POLLING, ...polling };
    const pollers = new Map<string, Map<string, RouterPoller>>();
    for (const c of clusters) {
      pollers.set(
        c.name,
        new Map(
          app.routerClients.list(c.name).map((client) => [client.name, new RouterPoller(client, options)]),
        ),
      );
    }
    app.decorate('routerPollers', {
      list: (cluster) => [...(pollers.get(cluster)?.values() ?? [])],
      get(cluster, name) {
        const client = app.routerClients.get(cluster, name);
        return pollers.get(cluster)?.get(client.name) as RouterPoller;
      },
    } satisfies RouterPollers);
    app.addHook('onReady', async () => {
      for (const byName of pollers.values()) for (const p of byName.values()) p.start();
    });
    // Before the clients close, so no poll runs on a closed pool.
    app.addHook('preClose', async () => {
      for (const byName of pollers.values()) for (const p of byName.values()) p.stop();
    });
  },
  { name: 'vtdeck-router-pollers', fastify: '5.x', dependencies: ['vtdeck-router-clients'] },
);
