import { CLUSTER_HEADER } from '@vtdeck/contracts';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ClusterConfig } from './config';
import { AppError } from './http/app-error';

/** The configured clusters, and the one rule for which cluster a request means. */
export interface ClusterRegistry {
  readonly list: readonly ClusterConfig[];
  readonly defaultCluster: ClusterConfig;
  /** The named cluster, or a 404 that names it. */
  get(name: string): ClusterConfig;
  /** Seed routes: the cluster named by X-Vtdeck-Cluster, else the default one. */
  fromRequest(request: FastifyRequest): ClusterConfig;
}

declare module 'fastify' {
  interface FastifyInstance {
    clusters: ClusterRegistry;
  }
}

export function createClusterRegistry(clusters: ClusterConfig[]): ClusterRegistry {
  const byName = new Map(clusters.map((c) => [c.name, c]));
  const defaultCluster = clusters.find((c) => c.default) ?? clusters[0];
  if (!defaultCluster) throw new Error('no clusters configured');
  const get = (name: string): ClusterConfig => {
    const cluster = byName.get(name);
    if (!cluster) {
      throw new AppError(
        404,
        'CLUSTER_NOT_FOUND',
        `unknown cluster "${name}"; configured clusters: ${[...byName.keys()].join(', ')}`,
      );
    }
    return cluster;
  };
  return {
    list: clusters,
    defaultCluster,
    get,
    fromRequest(request) {
      const header = request.headers[CLUSTER_HEADER];
      const name = Array.isArray(header) ? header[0] : header;
      return name?.trim() ? get(name.trim()) : defaultCluster;
    },
  };
}

export const clustersPlugin = fp<{ clusters: ClusterConfig[] }>(
  async (app, { clusters }) => {
    app.decorate('clusters', createClusterRegistry(clusters));
  },
  { name: 'vtdeck-clusters', fastify: '5.x' },
);
