import type {
  ErrorBody,
  MonitorSnapshot,
  MonitorUpdate,
  TimelineEntry,
  TopologyTile,
} from '@vtdeck/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MonitorStack, type SseClient, type SseEvent, startMonitorStack } from './monitor-stack';

// The wall's streams against the real sandbox: shared polling, resume with Last-Event-ID, recovery
// after an upstream outage, timeline entries and per-user filtering.

type Event = SseEvent<MonitorUpdate & MonitorSnapshot>;
const isUpdate = (e: SseEvent) => e.event === 'update';
const prodTopology = (e: Event): TopologyTile | undefined =>
  e.data.clusters?.find((c) => c.cluster === 'prod')?.topology;
const seqOf = (e: SseEvent) => Number(e.id?.split('-')[1]);

/**
 * A moment between two polls: no vtctld or Kubernetes request for 150 ms and no poll finishing, with
 * the polls done so far. Counting from one such moment to another counts whole polls only.
 */
async function quietPoint(stack: MonitorStack) {
  const monitor = stack.app.monitor.monitors.get('prod')!;
  const read = () => ({
    vtctld: stack.sandbox.requestCount('prod/vtctld'),
    kube: stack.sandbox.requestCount('prod/kube'),
    polls: monitor.polls,
  });
  let last = read();
  let since = Date.now();
  while (Date.now() - since < 150) {
    await new Promise((r) => setTimeout(r, 5));
    const now = read();
    if (now.vtctld !== last.vtctld || now.kube !== last.kube || now.polls !== last.polls) {
      last = now;
      since = Date.now();
    }
  }
  return last;
}

/** Upstream requests per poll over at least `polls` polls while `viewer` watches. */
async function requestsPerPoll(stack: MonitorStack, viewer: SseClient, polls: number) {
  const start = await quietPoint(stack);
  let end = start;
  while (end.polls < start.polls + polls) {
    await viewer.next(isUpdate, { from: viewer.events.length });
    end = await quietPoint(stack);
  }
  const n = end.polls - start.polls;
  return { vtctld: (end.vtctld - start.vtctld) / n, kube: (end.kube - start.kube) / n };
}

describe('one poller per upstream, shared by every viewer', () => {
  let stack: MonitorStack;
  beforeAll(async () => {
    // No topology cache: each poll is exactly one vtctld fan-out, so rates compare exactly.
    stack = await startMonitorStack({
      parts: { kube: true },
      monitor: { intervalMs: 400 },
      topology: { cacheTtlMs: 0 },
    });
  });
  afterAll(() => stack.close());

  it('200 SSE clients cost the upstreams what one costs', async () => {
    // As a browser asks: events must still come one by one, not in compressed blocks.
    const one = await stack.stream('/api/v2/clusters/prod/monitor/stream', {
      authorization: `Bearer ${stack.token}`,
      'accept-encoding': 'gzip, deflate, br',
    });
    expect(one.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(one.headers['content-encoding']).toBeUndefined();
    await one.next((e) => isUpdate(e) && prodTopology(e as Event)?.state === 'green');
    const alone = await requestsPerPoll(stack, one, 6);
    expect(alone.vtctld).toBeGreaterThan(0);
    expect(alone.kube).toBeGreaterThan(0);

    const others = await Promise.all(
      Array.from({ length: 199 }, (_, i) =>
        stack.stream(
          i % 2 ? '/api/v2/monitor/stream' : '/api/v2/clusters/prod/monitor/stream',
          undefined,
          false,
        ),
      ),
    );
    await Promise.all(others.map((c) => c.waitCount('snapshot', 1)));
    const crowd = await requestsPerPoll(stack, one, 6);
    await Promise.all(others.map((c) => c.waitCount('update', 2)));

    // Polls come from the BFF's timer alone; each costs the upstreams the same, watched by 1 or 200.
    expect(crowd).toEqual(alone);
    const metrics = await stack.get('/metrics');
    expect(metrics.text).toMatch(/^vtdeck_monitor_viewers 200$/m);
    for (const c of others) c.close();
    one.close();
  });
});

describe('resume, outage and recovery', () => {
  let stack: MonitorStack;
  beforeAll(async () => {
    stack = await startMonitorStack({ monitor: { intervalMs: 150, staleAfterMs: 450 } });
  });
  afterAll(() => stack.close());

  it('sends what a viewer missed after Last-Event-ID, and a snapshot when it cannot', async () => {
    const first = await stack.stream('/api/v2/clusters/prod/monitor/stream');
    const snapshot = (await first.next((e) => e.event === 'snapshot')) as SseEvent<MonitorSnapshot>;
    expect(snapshot.id).toBe(`${snapshot.data.epoch}-${snapshot.data.seq}`);
    await first.waitCount('update', 2);
    const lastId = first.lastEventId as string;
    first.close();

    const watcher = await stack.stream('/api/v2/clusters/prod/monitor/stream');
    await watcher.next((e) => isUpdate(e) && seqOf(e) >= seqOf({ id: lastId } as SseEvent) + 3);
    watcher.close();

    const resumed = await stack.stream('/api/v2/clusters/prod/monitor/stream', {
      authorization: `Bearer ${stack.token}`,
      'last-event-id': lastId,
    });
    const missed = (await resumed.next(() => true)) as SseEvent<MonitorUpdate>;
    expect(missed.event).toBe('update');
    const samples = missed.data.samples[0]!;
    expect(samples.times.length).toBe(missed.data.seq - seqOf({ id: lastId } as SseEvent));
    expect(samples.times.length).toBeGreaterThanOrEqual(3);
    resumed.close();

    // The same through the query (a client that starts a new EventSource), and another epoch.
    const byQuery = await stack.stream(`/api/v2/clusters/prod/monitor/stream?lastEventId=${lastId}`);
    expect((await byQuery.next(() => true)).event).toBe('update');
    byQuery.close();
    const otherStart = await stack.stream('/api/v2/clusters/prod/monitor/stream', {
      authorization: `Bearer ${stack.token}`,
      'last-event-id': 'zz0000-5',
    });
    const fresh = (await otherStart.next(() => true)) as SseEvent<MonitorSnapshot>;
    expect(fresh.event).toBe('snapshot');
    expect(fresh.data.history[0]?.times.length).toBeGreaterThan(3);
    otherStart.close();

    const bad = await stack.get<ErrorBody>('/api/v2/monitor/stream?lastEventId=not%20an%20id');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/lastEventId/);
  });

  it('turns red and stale while vtctld is down, and green again by itself afterwards', async () => {
    const viewer = await stack.stream('/api/v2/monitor/stream');
    const green = (await viewer.next((e) => prodTopology(e as Event)?.state === 'green')) as Event;
    const lastGood = prodTopology(green)?.polledAt;
    expect(lastGood).toBeTruthy();

    await stack.sandbox.setFault('prod/vtctld', { down: true });
    try {
      const red = (await viewer.next((e) => prodTopology(e as Event)?.state === 'red', {
        from: viewer.events.indexOf(green),
      })) as Event;
      const tile = prodTopology(red)!;
      expect(tile.error?.kind).toBe('unreachable');
      expect(tile.staleSince).not.toBeNull();
      // The last good numbers stay on the tile while it is stale.
      expect(tile.keyspaces).toBe(2);
      const down = (await viewer.next((e) =>
        (e.data as MonitorUpdate).timeline?.some((t) => t.kind === 'source.down'),
      )) as Event;
      expect(down.data.timeline.find((t) => t.kind === 'source.down')?.text).toMatch(/^vtctld failed: /);
      // Down for a while: several polls, every one red, stale since the same last good poll.
      const at = viewer.events.length;
      await viewer.waitCount('update', (viewer.counts.get('update') ?? 0) + 5);
      const during = viewer.events
        .slice(at)
        .filter(isUpdate)
        .map((e) => prodTopology(e as Event)!);
      expect(during.length).toBeGreaterThanOrEqual(5);
      expect(new Set(during.map((t) => t.state))).toEqual(new Set(['red']));
      expect(new Set(during.map((t) => t.staleSince)).size).toBe(1);
      const metrics = await stack.get('/metrics');
      expect(metrics.text).toMatch(
        /^vtdeck_upstream_errors_total\{cluster="prod",upstream="vtctld",router="",kind="unreachable"\} [1-9]/m,
      );
      expect(metrics.text).toMatch(/^vtdeck_monitor_tile_state\{cluster="prod",tile="topology"\} 2$/m);
    } finally {
      await stack.sandbox.setFault('prod/vtctld', { down: false });
    }
    const back = (await viewer.next((e) => isUpdate(e) && prodTopology(e as Event)?.state === 'green', {
      from: viewer.events.length,
    })) as Event;
    expect(prodTopology(back)?.staleSince).toBeNull();
    expect(prodTopology(back)?.error).toBeNull();
    const timeline = viewer.events.flatMap((e) => (e.data as MonitorUpdate).timeline ?? []);
    expect(timeline.map((t) => t.kind)).toContain('source.recovered');
    expect(viewer.ended).toBe(false);
    viewer.close();
  });

  it('answers 401 without a session and 404 for an unknown cluster', async () => {
    const anonymous = await fetch(`${stack.url}/api/v2/monitor/stream`);
    expect(anonymous.status).toBe(401);
    const unknown = await stack.get<ErrorBody>('/api/v2/clusters/nope/monitor/stream');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/unknown cluster "nope"/);
  });
});

describe('timeline and permissions', () => {
  let stack: MonitorStack;
  beforeAll(async () => {
    stack = await startMonitorStack({
      parts: { kube: true, routers: true },
      monitor: { intervalMs: 150 },
      routerPolling: { intervalMs: 150 },
    });
  });
  afterAll(() => stack.close());

  const entries = (c: SseClient): TimelineEntry[] =>
    c.events.flatMap((e) => (e.data as MonitorUpdate).timeline ?? []);

  it('says which tablet stopped serving and which route lost a destination', async () => {
    const viewer = await stack.stream('/api/v2/clusters/prod/monitor/stream');
    await viewer.next((e) => isUpdate(e) && (e.data as MonitorUpdate).clusters[0]?.routers?.routes === 6);
    const drained = await stack.post<{ Error: string }>('/api/vtctl/', [
      'ChangeTabletType',
      'zone1-0000000101',
      'drained',
    ]);
    expect(drained.body.Error).toBe('');
    const stopped = await viewer.next((e) =>
      (e.data as MonitorUpdate).timeline?.some((t) => t.kind === 'tablet.stoppedServing'),
    );
    const entry = (stopped.data as MonitorUpdate).timeline.find((t) => t.kind === 'tablet.stoppedServing')!;
    expect(entry.text).toBe('tablet zone1-0000000101 stopped serving');
    expect(entry).toMatchObject({ cluster: 'prod', keyspace: 'commerce', level: 'warning' });
    const tile = (stopped.data as MonitorUpdate).clusters[0]!.topology;
    expect(tile.state).toBe('amber');
    expect(tile.breaches).toEqual([{ metric: 'tabletsNotServing', value: 1, level: 'amber', threshold: 1 }]);
    expect(tile.cells.find((c) => c.cell === 'zone1')?.notServing).toBe(1);

    const router = stack.sandbox.cluster('prod').routers.find((r) => r.name === 'router-1')!.fake;
    router.setDestinationDown(
      'myCluster_ro',
      'mycluster-2.mycluster-instances.mysql.svc.cluster.local',
      true,
    );
    router.setRouteAlive('myCluster_x_rw', false);
    await viewer.next(() => entries(viewer).some((t) => t.kind === 'route.lostDestination'), {
      timeoutMs: 15_000,
    });
    const lost = entries(viewer).find(
      (t) => t.kind === 'route.lostDestination' && t.params.route === 'myCluster_ro',
    );
    expect(lost?.text).toMatch(
      /^route myCluster_ro lost a destination: mycluster-2\.[^ ]+:3306 \(router-1\)$/,
    );
    const dead = await viewer.next((e) => (e.data as MonitorUpdate).clusters?.[0]?.routers?.state === 'red');
    expect((dead.data as MonitorUpdate).clusters[0]?.routers?.routesDead).toBe(1);
    expect(entries(viewer).some((t) => t.kind === 'route.dead' && t.params.route === 'myCluster_x_rw')).toBe(
      true,
    );
    router.setRouteAlive('myCluster_x_rw', true);
    router.setDestinationDown(
      'myCluster_ro',
      'mycluster-2.mycluster-instances.mysql.svc.cluster.local',
      false,
    );
    await stack.post('/api/vtctl/', ['ChangeTabletType', 'zone1-0000000101', 'replica']);
    await viewer.next(() => entries(viewer).some((t) => t.kind === 'tablet.startedServing'));
    viewer.close();
  });

  it('sums tiles and filters the timeline by the viewer grants', async () => {
    const developer = await stack.as('developer'); // keyspace commerce, namespace default
    const mine = await stack.stream('/api/v2/clusters/prod/monitor/stream', { cookie: developer.cookie });
    const admin = await stack.stream('/api/v2/clusters/prod/monitor/stream');
    const first = (await mine.next(
      (e) => isUpdate(e) && (e.data as MonitorUpdate).clusters[0]?.topology.state !== 'unknown',
    )) as Event;
    const tiles = first.data.clusters[0]!;
    expect(tiles.topology).toMatchObject({ keyspaces: 1, shards: 1, tablets: 3 });
    expect(tiles.kubernetes).toMatchObject({ namespaces: 0, pods: 0 });
    // Routers are not scoped by keyspace or namespace: everyone sees them.
    expect(tiles.routers?.routers).toBe(2);

    await stack.post('/api/vtctl/', ['ChangeTabletType', 'zone1-0000000201', 'drained']);
    await admin.next(() => entries(admin).some((t) => t.params.tablet === 'zone1-0000000201'));
    const seen = await mine.next(
      (e) => isUpdate(e) && seqOf(e) >= seqOf({ id: admin.lastEventId } as SseEvent),
    );
    expect(entries(mine).some((t) => t.keyspace === 'customer')).toBe(false);
    expect((seen.data as MonitorUpdate).clusters[0]?.topology.state).toBe('green');
    const adminLatest = admin.events.filter(isUpdate).at(-1)!.data as MonitorUpdate;
    expect(adminLatest.clusters[0]?.topology.state).toBe('amber');
    const snapshot = await developer.get<MonitorSnapshot>('/api/v2/monitor');
    expect(snapshot.status).toBe(200);
    expect(snapshot.body.clusters[0]?.topology.keyspaces).toBe(1);
    expect(snapshot.body.timeline.some((t) => t.keyspace === 'customer')).toBe(false);
    await stack.post('/api/vtctl/', ['ChangeTabletType', 'zone1-0000000201', 'replica']);
    mine.close();
    admin.close();
  });
});
