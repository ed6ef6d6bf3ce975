import fp from 'fastify-plugin';
import type { ClusterConfig } from '../../config';
import { AppError } from '../../http/app-error';
import { KubeClient } from './client';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The Kubernetes client of a configured cluster; 404 K8S_NOT_CONFIGURED when it has none. With
     * `requestId`, every call of the returned client sends it as X-Request-Id.
     */
    kube(cluster: string, requestId?: string): KubeClient;
  }
}

export interface KubePluginOptions {
  clusters: ClusterConfig[];
}

/**
 * One client per cluster that has a `kubernetes` section, built at start: an unreadable kubeconfig
 * or an unknown context stops the BFF with a message naming the cluster.
 */
export const kubePlugin = fp<KubePluginOptions>(
  async (app, { clusters }) => {
    const clients = new Map<string, KubeClient>();
    for (const c of clusters) {
      if (!c.kubernetes) continue;
      try {
        clients.set(c.name, new KubeClient({ cluster: c.name, ...c.kubernetes }));
      } catch (err) {
        throw new Error(`config: clusters.${c.name}.kubernetes: ${(err as Error).message}`);
      }
    }
    app.decorate('kube', (cluster: string, requestId?: string) => {
      const client = clients.get(cluster);
      if (!client) {
        throw new AppError(
          404,
          'K8S_NOT_CONFIGURED',
          `cluster "${cluster}" has no Kubernetes API configured`,
        );
      }
      return requestId ? client.forRequest(requestId) : client;
    });
  },
  { name: 'vtdeck-kube', fastify: '5.x', dependencies: ['vtdeck-clusters'] },
);
