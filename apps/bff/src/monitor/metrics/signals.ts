import { Counter, Gauge, type Registry } from 'prom-client';
import type { MonitorHub } from '../hub';
import { SEE_ALL } from '../tiles';

// The wall's signals for Prometheus, read from the monitors' latest state at scrape time (never from
// the upstreams). Label sets of things that went away disappear with the next scrape.

const TILE_LEVEL = { green: 0, amber: 1, red: 2 } as const;

export function registerSignals(registry: Registry, hub: MonitorHub): void {
  const gauge = <L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    fill: (set: (labels: Record<L, string>, value: number) => void, now: number) => void,
  ) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        fill((labels, value) => this.set(labels, value), Date.now());
      },
    });
  const monitors = () => [...hub.monitors.values()];
  type Monitor = ReturnType<typeof monitors>[number];
  /** The upstreams a monitor polls, by the `source` label they carry. */
  const polledSources = (m: Monitor) =>
    [
      ['vtctld', m.topology],
      ['kubernetes', m.pods],
    ] as const;

  gauge('vtdeck_keyspaces', 'Keyspaces in the topology', ['cluster'], (set) => {
    for (const m of monitors()) {
      const facts = m.topology.data;
      if (facts) set({ cluster: m.cluster }, facts.keyspaces.size);
    }
  });
  gauge(
    'vtdeck_shard_primary',
    '1 when the shard record names a primary tablet',
    ['cluster', 'keyspace', 'shard'],
    (set) => {
      for (const m of monitors())
        for (const ks of m.topology.data?.tree.items ?? [])
          for (const s of ks.shards)
            set({ cluster: m.cluster, keyspace: ks.name, shard: s.name }, s.primaryAlias ? 1 : 0);
    },
  );
  gauge('vtdeck_tablets', 'Tablets by serving state', ['cluster', 'keyspace', 'shard', 'state'], (set) => {
    for (const m of monitors())
      for (const ks of m.topology.data?.tree.items ?? [])
        for (const s of ks.shards) {
          const serving = s.tablets.filter((t) => t.serving).length;
          const base = { cluster: m.cluster, keyspace: ks.name, shard: s.name };
          set({ ...base, state: 'serving' }, serving);
          set({ ...base, state: 'not_serving' }, s.tablets.length - serving);
        }
  });
  gauge('vtdeck_pods', 'Pods by phase', ['cluster', 'namespace', 'phase'], (set) => {
    for (const m of monitors())
      for (const [namespace, ns] of m.pods?.data?.namespaces ?? [])
        for (const [phase, n] of ns.phases) set({ cluster: m.cluster, namespace, phase }, n);
  });
  gauge(
    'vtdeck_pods_not_ready',
    'Pods not ready (finished pods excluded)',
    ['cluster', 'namespace'],
    (set) => {
      for (const m of monitors())
        for (const [namespace, ns] of m.pods?.data?.namespaces ?? [])
          set({ cluster: m.cluster, namespace }, ns.notReady);
    },
  );
  gauge(
    'vtdeck_pod_restarts_last_hour',
    'Container restarts seen in the last hour',
    ['cluster', 'namespace'],
    (set, now) => {
      for (const m of monitors())
        for (const namespace of m.pods?.data?.namespaces.keys() ?? [])
          set(
            { cluster: m.cluster, namespace },
            m.restartsLastHour(
              { key: namespace, keyspace: () => false, namespace: (_c, n) => n === namespace },
              now,
            ),
          );
    },
  );
  gauge(
    'vtdeck_router_up',
    '1 when the last poll of the MySQL Router worked',
    ['cluster', 'router'],
    (set) => {
      for (const m of monitors())
        for (const r of m.routers?.data?.routers ?? [])
          if (r.state !== 'pending') set({ cluster: m.cluster, router: r.name }, r.state === 'up' ? 1 : 0);
    },
  );
  const perRoute = (
    name: string,
    help: string,
    value: (route: {
      alive: boolean | null;
      activeConnections: number;
      blockedHosts: number;
    }) => number | null,
  ) =>
    gauge(name, help, ['cluster', 'router', 'route'], (set) => {
      for (const m of monitors())
        for (const r of m.routers?.data?.routers ?? [])
          for (const route of r.routes) {
            const v = value(route);
            if (v !== null) set({ cluster: m.cluster, router: r.name, route: route.name }, v);
          }
    });
  perRoute('vtdeck_router_route_alive', '1 when the route accepts connections (Router /health)', (r) =>
    r.alive === null ? null : r.alive ? 1 : 0,
  );
  perRoute(
    'vtdeck_router_route_active_connections',
    'Open client connections of the route',
    (r) => r.activeConnections,
  );
  perRoute(
    'vtdeck_router_route_blocked_hosts',
    'Hosts the route blocks after failed handshakes',
    (r) => r.blockedHosts,
  );
  gauge(
    'vtdeck_router_metadata_refresh_failing',
    '1 when the metadata cache failed its latest refresh',
    ['cluster', 'router', 'metadata'],
    (set) => {
      for (const m of monitors())
        for (const r of m.routers?.data?.routers ?? [])
          for (const md of r.metadata)
            set({ cluster: m.cluster, router: r.name, metadata: md.name }, md.failing ? 1 : 0);
    },
  );
  gauge(
    'vtdeck_monitor_tile_state',
    'Wall tile colour over everything: 0 green, 1 amber, 2 red (absent until polled)',
    ['cluster', 'tile'],
    (set, now) => {
      for (const m of monitors()) {
        const view = m.view(SEE_ALL, now);
        for (const [tile, t] of [
          ['topology', view.topology],
          ['kubernetes', view.kubernetes],
          ['routers', view.routers],
        ] as const) {
          if (t && t.state !== 'unknown') set({ cluster: m.cluster, tile }, TILE_LEVEL[t.state]);
        }
      }
    },
  );
  gauge(
    'vtdeck_monitor_source_up',
    '1 when the latest poll of the source worked',
    ['cluster', 'source'],
    (set) => {
      for (const m of monitors()) {
        for (const [source, s] of polledSources(m)) {
          if (s && (s.polledAt !== null || s.error)) set({ cluster: m.cluster, source }, s.error ? 0 : 1);
        }
      }
    },
  );
  gauge(
    'vtdeck_monitor_source_last_success_timestamp_seconds',
    'When the source was last polled successfully',
    ['cluster', 'source'],
    (set) => {
      for (const m of monitors()) {
        for (const [source, s] of polledSources(m)) {
          if (s?.polledAt) set({ cluster: m.cluster, source }, s.polledAt / 1000);
        }
      }
    },
  );
  new Counter({
    name: 'vtdeck_monitor_polls_total',
    help: 'Polls of the cluster by the monitor (one per interval while anyone looks)',
    labelNames: ['cluster'],
    registers: [registry],
    collect() {
      this.reset();
      for (const m of monitors()) if (m.polls > 0) this.inc({ cluster: m.cluster }, m.polls);
    },
  });
  gauge('vtdeck_monitor_viewers', 'Connected monitor streams', [], (set) => set({}, hub.viewerCount));
}
