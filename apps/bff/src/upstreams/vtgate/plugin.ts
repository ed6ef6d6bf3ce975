import fp from 'fastify-plugin';
import type { ClusterConfig } from '../../config';
import { AppError } from '../../http/app-error';
import { createVtgateClient, type VtgateClient } from './client';

declare module 'fastify' {
  interface FastifyInstance {
    /** The vtgate client of a configured cluster, or a 503 VTGATE_NOT_CONFIGURED. */
    vtgate(cluster: string): VtgateClient;
  }
}

export interface VtgatePluginOptions {
  clusters: ClusterConfig[];
  /** Why no vtgate is configured (the sandbox without mariadbd), answered instead of the default text. */
  unavailableMessage?: string;
}

/** One client per cluster with a vtgate; its pools connect on first use and close with the app. */
export const vtgatePlugin = fp<VtgatePluginOptions>(
  async (app, { clusters, unavailableMessage }) => {
    const clients = new Map<string, VtgateClient>();
    for (const c of clusters) if (c.vtgate) clients.set(c.name, createVtgateClient(c.name, c.vtgate));
    app.decorate('vtgate', (cluster: string) => {
      const client = clients.get(cluster);
      if (client) return client;
      throw new AppError(
        503,
        'VTGATE_NOT_CONFIGURED',
        unavailableMessage ??
          `cluster ${cluster} has no vtgate: set clusters[].vtgate.url (mysql://user:password@host:port) in the config`,
      );
    });
    app.addHook('onClose', async () => {
      await Promise.all([...clients.values()].map((c) => c.close()));
    });
  },
  { name: 'vtdeck-vtgate', fastify: '5.x', dependencies: ['vtdeck-clusters'] },
);
