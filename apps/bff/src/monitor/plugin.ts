import fp from 'fastify-plugin';
import type { ClusterConfig } from '../config';
import { MonitorHub } from './hub';
import type { MonitorSettings } from './settings';
import { PodsPoller, RoutersReader, TopologyPoller } from './sources';

declare module 'fastify' {
  interface FastifyInstance {
    /** The monitoring wall's shared pollers, state and viewers (monitor/README.md). */
    monitor: MonitorHub;
  }
}

export interface MonitorPluginOptions {
  clusters: ClusterConfig[];
  settings: MonitorSettings;
}

/**
 * One monitor per cluster, each with one poller per upstream. Nothing polls until someone looks (a
 * wall screen, a snapshot, a /metrics scrape): a BFF nobody watches costs the upstreams nothing.
 */
export const monitorPlugin = fp<MonitorPluginOptions>(
  async (app, { clusters, settings }) => {
    const hub = new MonitorHub(settings);
    for (const c of clusters) {
      hub.add({
        cluster: c.name,
        title: c.title,
        topology: new TopologyPoller(app.topology, c.name),
        ...(c.kubernetes ? { pods: new PodsPoller(() => app.kube(c.name), c.kubernetes.namespace) } : {}),
        ...(c.routers.length ? { routers: new RoutersReader(() => app.routerPollers.list(c.name)) } : {}),
        log: app.log,
      });
    }
    app.decorate('monitor', hub);
    // Before the upstream clients close, and so open streams do not keep the server from closing.
    app.addHook('preClose', () => hub.close());
  },
  {
    name: 'vtdeck-monitor',
    fastify: '5.x',
    dependencies: ['vtdeck-clusters', 'vtdeck-topology', 'vtdeck-kube', 'vtdeck-router-pollers'],
  },
);
