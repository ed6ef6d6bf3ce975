import fp from 'fastify-plugin';
import type { ClusterConfig } from '../../config';
import { VtctldClient } from './client';

declare module 'fastify' {
  interface FastifyInstance {
    /** The vtctld client of a configured cluster; resolve the name with `app.clusters` first. */
    vtctld(cluster: string): VtctldClient;
  }
}

export interface VtctldPluginOptions {
  clusters: ClusterConfig[];
}

/** One pooled client per cluster, created at start and closed with the app. */
export const vtctldPlugin = fp<VtctldPluginOptions>(
  async (app, { clusters }) => {
    const clients = new Map(
      clusters.map((c) => [c.name, new VtctldClient({ cluster: c.name, ...c.vtctld })] as const),
    );
    app.decorate('vtctld', (cluster: string) => {
      const client = clients.get(cluster);
      // Routes resolve cluster names before they get here, so a miss is a bug, not bad input.
      if (!client) throw new Error(`no vtctld client for cluster "${cluster}"`);
      return client;
    });
    app.addHook('onClose', async () => {
      await Promise.all([...clients.values()].map((c) => c.close()));
    });
  },
  { name: 'vtdeck-vtctld', fastify: '5.x', dependencies: ['vtdeck-clusters'] },
);
