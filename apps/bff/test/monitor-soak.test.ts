import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { MonitorUpdate } from '@vtdeck/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './helpers';
import { type MonitorStack, startMonitorStack } from './monitor-stack';

// A short soak: many fast polls, viewers coming and going, timeline churn and a history that wraps
// many times. A sanity check that nothing grows without bound, not a measurement (bench/monitor.ts).

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

describe('monitor soak', () => {
  let stack: MonitorStack;
  beforeAll(async () => {
    stack = await startMonitorStack({
      parts: { kube: true },
      monitor: { intervalMs: 100, heartbeatMs: 200, historyMs: 2_000, timelineSize: 50, idleStopMs: 300 },
      topology: { cacheTtlMs: 0 },
    });
  });
  afterAll(() => stack.close());

  async function round(i: number): Promise<void> {
    const viewers = await Promise.all(
      Array.from({ length: 25 }, (_, k) =>
        stack.stream(
          k % 2 ? '/api/v2/monitor/stream' : '/api/v2/clusters/prod/monitor/stream',
          undefined,
          false,
        ),
      ),
    );
    // Churn for the timeline: a tablet goes out of serving and back.
    await stack.post('/api/vtctl/', ['ChangeTabletType', 'zone1-0000000101', i % 2 ? 'replica' : 'drained']);
    await Promise.all(viewers.map((v) => v.waitCount('update', 5)));
    for (const v of viewers) v.close();
  }

  it('keeps memory, history and viewers bounded', async () => {
    await round(0);
    await round(1);
    const before = heapAfterGc();
    for (let i = 0; i < 16; i++) await round(i);
    await stack.post('/api/vtctl/', ['ChangeTabletType', 'zone1-0000000101', 'replica']);
    const monitor = stack.app.monitor.monitors.get('prod')!;
    await eventually(() => Promise.resolve(expect(stack.app.monitor.viewerCount).toBe(0)));
    const after = heapAfterGc();

    expect(monitor.polls).toBeGreaterThan(90);
    const snapshot = stack.app.monitor.snapshot([monitor], {
      key: 't',
      keyspace: () => true,
      namespace: () => true,
    });
    // History: 2 s at 100 ms; timeline: 50 entries.
    expect(snapshot.history[0]!.times.length).toBeLessThanOrEqual(22);
    expect(snapshot.timeline.length).toBeLessThanOrEqual(50);
    expect(snapshot.timeline.some((t) => t.kind === 'tablet.stoppedServing')).toBe(true);
    // Generous: a leak of 400 viewers' buffers or of every poll's tree would be far above this.
    expect(after - before).toBeLessThan(40 * 2 ** 20);

    // Nobody looks any more: polling stops after idleStopMs and the upstreams are left alone.
    await eventually(() => Promise.resolve(expect(monitor.isRunning).toBe(false)), 5_000);
    const quiet = stack.sandbox.requestCount('prod/vtctld');
    await new Promise((r) => setTimeout(r, 300));
    expect(stack.sandbox.requestCount('prod/vtctld')).toBe(quiet);

    // And starts again when someone looks.
    const back = await stack.stream('/api/v2/clusters/prod/monitor/stream');
    const update = await back.next((e) => e.event === 'update');
    expect((update.data as MonitorUpdate).clusters[0]?.topology.state).toBe('green');
    back.close();
  }, 60_000);
});
