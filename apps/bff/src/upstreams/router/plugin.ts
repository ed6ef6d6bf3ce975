import { readFileSync } from 'node:fs';
import fp from 'fastify-plugin';
import type { ClusterConfig } from '../../config';
import { AppError } from '../../http/app-error';
import { RouterClient } from './client';

declare module 'fastify' {
  interface FastifyInstance {
    /** The MySQL Router clients of each cluster. */
    routerClients: RouterClients;
  }
}

export interface RouterClients {
  /** The cluster's routers in config order. */
  list(cluster: string): readonly RouterClient[];
  /** The named router of the cluster, or a 404 ROUTER_NOT_FOUND that lists the configured ones. */
  get(cluster: string, name: string): RouterClient;
}

export interface RouterClientsOptions {
  clusters: ClusterConfig[];
}

/** `ca` is a PEM file path; PEM text itself is accepted too (the sandbox hands its CA over that way). */
function readCa(ca: string | undefined, at: string): string | undefined {
  if (!ca) return undefined;
  if (ca.includes('-----BEGIN')) return ca;
  try {
    return readFileSync(ca, 'utf8');
  } catch (err) {
    throw new Error(`config: ${at}.ca cannot be read: ${(err as Error).message}`);
  }
}

export function createRouterClients(clusters: ClusterConfig[]): RouterClients {
  const byCluster = new Map<string, RouterClient[]>();
  for (const cluster of clusters) {
    const seen = new Set<string>();
    const clients = (cluster.routers ?? []).map((r, i) => {
      const at = `clusters[${cluster.name}].routers[${i}]`;
      if (seen.has(r.name)) throw new Error(`config: ${at}.name "${r.name}" is used twice`);
      seen.add(r.name);
      if (r.ca && r.insecure) throw new Error(`config: ${at} sets both ca and insecure; choose one`);
      if (r.password !== undefined && r.user === undefined) {
        throw new Error(`config: ${at}.password is set without user`);
      }
      return new RouterClient({
        cluster: cluster.name,
        name: r.name,
        url: r.url,
        user: r.user,
        password: r.password,
        caPem: readCa(r.ca, at),
        insecure: r.insecure,
        timeoutMs: r.timeoutMs,
      });
    });
    byCluster.set(cluster.name, clients);
  }
  return {
    list: (cluster) => byCluster.get(cluster) ?? [],
    get(cluster, name) {
      const clients = byCluster.get(cluster) ?? [];
      const client = clients.find((c) => c.name === name);
      if (!client) {
        const known = clients.map((c) => c.name).join(', ') || 'none';
        throw new AppError(
          404,
          'ROUTER_NOT_FOUND',
          `cluster ${cluster} has no router named "${name}"; configured routers: ${known}`,
        );
      }
      return client;
    },
  };
}

/** One pooled client per configured Router, created at start and closed with the app. */
export const routerClientsPlugin = fp<RouterClientsOptions>(
  async (app, { clusters }) => {
    const clients = createRouterClients(clusters);
    app.decorate('routerClients', clients);
    app.addHook('onClose', async () => {
      await Promise.all(clusters.flatMap((c) => clients.list(c.name).map((r) => r.close())));
    });
  },
  { name: 'vtdeck-router-clients', fastify: '5.x', dependencies: ['vtdeck-clusters'] },
);
