import type { MonitorSamples, MonitorSnapshot, MonitorUpdate, TimelineEntry } from '@vtdeck/contracts';
import { describe, expect, it } from 'vitest';
import { backoffMs } from '../src/api/monitor';
import { initialMonitorState, type MonitorState, monitorReducer } from '../src/api/monitorState';

// The wall screen's state: snapshots replace, updates append, a BFF restart keeps what the screen saw.

const HOUR = 3_600_000;
const samples = (cluster: string, times: number[], value = 0): MonitorSamples => ({
  cluster,
  times,
  series: {
    tabletsNotServing: times.map(() => value),
    shardsWithoutPrimary: times.map(() => 0),
    podsNotReady: times.map(() => null),
    podRestarts: times.map(() => null),
    activeConnections: times.map(() => 5),
    routesDead: times.map(() => 0),
  },
});
const entry = (id: string, at: number, text = id): TimelineEntry => ({
  id,
  seq: Number(id.split('.')[0]),
  at: new Date(at).toISOString(),
  cluster: 'prod',
  source: 'topology',
  level: 'warning',
  kind: 'tablet.stoppedServing',
  params: { tablet: 'zone1-0000000101' },
  text,
});
const snapshot = (epoch: string, times: number[], timeline: TimelineEntry[] = []): MonitorSnapshot => ({
  epoch,
  seq: times.length,
  generatedAt: new Date(times.at(-1) ?? 0).toISOString(),
  timing: { intervalMs: 10_000, staleAfterMs: 30_000, heartbeatMs: 15_000, historyMs: HOUR },
  clusters: [],
  history: [samples('prod', times)],
  timeline,
});
const update = (epoch: string, t: number, timeline: TimelineEntry[] = []): MonitorUpdate => ({
  epoch,
  seq: 1,
  generatedAt: new Date(t).toISOString(),
  clusters: [],
  samples: [samples('prod', [t], 1)],
  timeline,
});
const apply = (state: MonitorState, ...actions: Parameters<typeof monitorReducer>[1][]) =>
  actions.reduce(monitorReducer, state);

describe('monitor state', () => {
  it('appends updates and keeps one hour', () => {
    const t0 = 1_000_000_000_000;
    let s = apply(initialMonitorState, {
      type: 'snapshot',
      data: snapshot('a', [t0, t0 + 10_000]),
      receivedAt: t0,
    });
    s = apply(s, { type: 'update', data: update('a', t0 + 20_000), receivedAt: t0 + 20_000 });
    // A resumed update repeating a sample already held adds nothing.
    s = apply(s, { type: 'update', data: update('a', t0 + 20_000), receivedAt: t0 + 20_000 });
    expect(s.history.prod?.times).toEqual([t0, t0 + 10_000, t0 + 20_000]);
    expect(s.history.prod?.series.tabletsNotServing).toEqual([0, 0, 1]);
    s = apply(s, { type: 'update', data: update('a', t0 + HOUR + 15_000), receivedAt: t0 });
    expect(s.history.prod?.times).toEqual([t0 + 20_000, t0 + HOUR + 15_000]);
    expect(s.connection).toBe('open');
  });

  it('keeps what the screen saw when the BFF restarted (a new epoch)', () => {
    const t0 = 1_000_000_000_000;
    let s = apply(
      initialMonitorState,
      { type: 'snapshot', data: snapshot('a', [t0, t0 + 10_000], [entry('1.0', t0)]), receivedAt: t0 },
      { type: 'connection', state: 'reconnecting', retryAt: t0 + 1_000 },
    );
    expect(s.connection).toBe('reconnecting');
    // The new BFF numbers its polls from 1 again: same id, later time, another line.
    s = apply(s, {
      type: 'snapshot',
      data: snapshot('b', [t0 + 60_000], [entry('1.0', t0 + 60_000, 'again')]),
      receivedAt: t0 + 60_000,
    });
    expect(s.history.prod?.times).toEqual([t0, t0 + 10_000, t0 + 60_000]);
    expect(s.timeline.map((e) => e.text)).toEqual(['1.0', 'again']);
    s = apply(s, {
      type: 'update',
      data: update('b', t0 + 70_000, [entry('2.0', t0 + 70_000)]),
      receivedAt: t0,
    });
    expect(s.timeline).toHaveLength(3);
    expect(s.connection).toBe('open');
  });

  it('learns the server clock from heartbeats', () => {
    const s = apply(initialMonitorState, {
      type: 'heartbeat',
      at: new Date(10_000).toISOString(),
      receivedAt: 7_000,
    });
    expect(s.clockOffsetMs).toBe(3_000);
    expect(s.lastMessageAt).toBe(7_000);
  });

  it('backs off from 1 s to 30 s, with jitter', () => {
    expect(backoffMs(1, 0.5)).toBe(1_000);
    expect(backoffMs(2, 0.5)).toBe(2_000);
    expect(backoffMs(4, 0.5)).toBe(8_000);
    expect(backoffMs(20, 0.5)).toBe(30_000);
    expect(backoffMs(1, 0)).toBe(800);
    expect(backoffMs(1, 1)).toBe(1_200);
  });
});
