import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './helpers';
import { type MonitorStack, startMonitorStack } from './monitor-stack';

// GET /metrics in the Prometheus text exposition format (version 0.0.4): every line parses, every
// family has HELP and TYPE, histograms are cumulative, and the wall's signals are there with labels.

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
// Values as Prometheus reads them (Go's ParseFloat: NaN and Inf in any case; prom-client writes `Nan`).
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (-?[0-9.e+-]+|nan|[+-]inf)(?: -?[0-9]+)?$`, 'i');
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/gy;

/** Parses the exposition text strictly; throws naming the first bad line. */
function parse(text: string) {
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped'], line).toContain(meta[3]);
        types.set(meta[2]!, meta[3]!);
      } else helps.add(meta[2]!);
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    if (m[2]) {
      LABEL.lastIndex = 0;
      let consumed = 0;
      for (let l = LABEL.exec(m[2]); l; l = LABEL.exec(m[2])) {
        labels[l[1]!] = l[2]!;
        consumed = LABEL.lastIndex;
      }
      if (consumed !== m[2].length) throw new Error(`bad labels in: ${line}`);
    }
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return { types, helps, samples };
}

const family = (name: string) => name.replace(/_(bucket|sum|count)$/, '');

describe('GET /metrics', () => {
  let stack: MonitorStack;
  beforeAll(async () => {
    stack = await startMonitorStack({
      parts: { kube: true, routers: true },
      monitor: { intervalMs: 200 },
      routerPolling: { intervalMs: 200 },
    });
  });
  afterAll(() => stack.close());
  // Without any credentials: Prometheus scrapes the BFF's port as is (README.md).
  const scrape = async () => (await fetch(`${stack.url}/metrics`)).text();

  it('is valid exposition text with the wall signals, request durations and upstream latencies', async () => {
    expect((await stack.get('/api/v2/clusters/prod/topology')).status).toBe(200);
    // The first scrape wakes the monitors; routers are polled by their own pollers.
    await eventually(async () => {
      const text = await scrape();
      expect(text).toMatch(
        /^vtdeck_router_route_alive\{cluster="prod",router="router-1",route="myCluster_ro"\} 1$/m,
      );
      expect(text).toMatch(/^vtdeck_router_up\{cluster="prod",router="router-2"\} 1$/m);
      expect(text).toMatch(/^vtdeck_pods\{/m);
    }, 10_000);
    const res = await fetch(`${stack.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const { types, helps, samples } = parse(await res.text());

    for (const s of samples) {
      const f = types.has(s.name) ? s.name : family(s.name);
      expect(types.has(f), `TYPE of ${s.name}`).toBe(true);
      expect(helps.has(f), `HELP of ${s.name}`).toBe(true);
    }
    const value = (name: string, labels: Record<string, string>) =>
      samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        ?.value;

    expect(types.get('vtdeck_tablets')).toBe('gauge');
    expect(
      value('vtdeck_tablets', { cluster: 'prod', keyspace: 'commerce', shard: '0', state: 'serving' }),
    ).toBe(3);
    expect(value('vtdeck_shard_primary', { cluster: 'prod', keyspace: 'customer', shard: '-80' })).toBe(1);
    expect(value('vtdeck_pods', { cluster: 'prod', namespace: 'vitess', phase: 'Running' })).toBe(25);
    expect(
      value('vtdeck_router_route_alive', { cluster: 'prod', router: 'router-1', route: 'myCluster_ro' }),
    ).toBe(1);
    expect(value('vtdeck_router_up', { cluster: 'prod', router: 'router-2' })).toBe(1);
    expect(value('vtdeck_monitor_tile_state', { cluster: 'prod', tile: 'kubernetes' })).toBe(0);
    expect(types.get('vtdeck_monitor_polls_total')).toBe('counter');
    expect(types.get('vtdeck_upstream_errors_total')).toBe('counter');
    expect(types.get('process_resident_memory_bytes')).toBe('gauge');

    // Histograms: cumulative buckets ending in +Inf == _count, for our routes by their pattern.
    expect(types.get('vtdeck_http_request_duration_seconds')).toBe('histogram');
    const route = { method: 'GET', route: '/api/v2/clusters/:cluster/topology', status_code: '200' };
    const buckets = samples.filter(
      (s) =>
        s.name === 'vtdeck_http_request_duration_seconds_bucket' &&
        Object.entries(route).every(([k, v]) => s.labels[k] === v),
    );
    expect(buckets.length).toBeGreaterThan(5);
    const counts = buckets.map((b) => b.value);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(buckets.at(-1)?.labels.le).toBe('+Inf');
    expect(buckets.at(-1)?.value).toBe(value('vtdeck_http_request_duration_seconds_count', route));
    for (const upstream of ['vtctld', 'kubernetes', 'router']) {
      expect(
        value('vtdeck_upstream_request_duration_seconds_count', { cluster: 'prod', upstream }),
        upstream,
      ).toBeGreaterThan(0);
    }
  });

  it('counts a Router that refuses connections as an upstream error of that Router', async () => {
    await stack.sandbox.setFault('prod/router-2', { down: true });
    try {
      await eventually(async () => {
        const text = await scrape();
        expect(text).toMatch(/^vtdeck_router_up\{cluster="prod",router="router-2"\} 0$/m);
        expect(text).toMatch(
          /^vtdeck_upstream_errors_total\{cluster="prod",upstream="router",router="router-2",kind="unreachable"\} [1-9]/m,
        );
        expect(text).toMatch(/^vtdeck_monitor_tile_state\{cluster="prod",tile="routers"\} 2$/m);
      }, 10_000);
    } finally {
      await stack.sandbox.setFault('prod/router-2', { down: false });
    }
  });
});

describe('GET /metrics with monitor.metricsToken', () => {
  let stack: MonitorStack;
  beforeAll(async () => {
    stack = await startMonitorStack({ monitor: { metricsToken: 'scrape-token-0123456789' } });
  });
  afterAll(() => stack.close());

  it('needs the bearer token', async () => {
    const without = await fetch(`${stack.url}/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await without.json()) as { message: string }).message).toMatch(/metricsToken/);
    const wrong = await fetch(`${stack.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${stack.url}/metrics`, {
      headers: { authorization: 'Bearer scrape-token-0123456789' },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toMatch(/^vtdeck_keyspaces\{cluster="prod"\} 2$/m);
  });
});
