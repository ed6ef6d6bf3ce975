import {
  type ClusterMonitor,
  MONITOR_SERIES,
  type MonitorSamples,
  type MonitorSnapshot,
  type MonitorTiming,
  type MonitorUpdate,
  type TimelineEntry,
} from '@vtdeck/contracts';

// What a wall screen holds: the latest tiles, an hour of samples per cluster and the timeline, built
// from the stream's `snapshot` and `update` events. Pure, so reconnects and BFF restarts are testable.

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface MonitorState {
  epoch: string | null;
  timing: MonitorTiming | null;
  clusters: ClusterMonitor[];
  history: Record<string, MonitorSamples>;
  /** Oldest first. */
  timeline: TimelineEntry[];
  /** Server clock minus this browser's clock, from the latest message (ms). */
  clockOffsetMs: number;
  /** This browser's time of the latest message of any kind (heartbeats included). */
  lastMessageAt: number | null;
  connection: ConnectionState;
  /** When the next reconnect attempt happens (browser time), while reconnecting. */
  retryAt: number | null;
}

export const initialMonitorState: MonitorState = {
  epoch: null,
  timing: null,
  clusters: [],
  history: {},
  timeline: [],
  clockOffsetMs: 0,
  lastMessageAt: null,
  connection: 'connecting',
  retryAt: null,
};

export type MonitorAction =
  | { type: 'snapshot'; data: MonitorSnapshot; receivedAt: number }
  | { type: 'update'; data: MonitorUpdate; receivedAt: number }
  | { type: 'heartbeat'; at: string; receivedAt: number }
  | { type: 'connection'; state: ConnectionState; retryAt?: number }
  | { type: 'reset' };

/** Timeline lines a screen keeps. */
export const TIMELINE_KEPT = 300;

const emptySamples = (cluster: string): MonitorSamples => ({
  cluster,
  times: [],
  series: Object.fromEntries(MONITOR_SERIES.map((s) => [s, []])) as unknown as MonitorSamples['series'],
});

/** `a` then the samples of `b` that are newer than a's last, trimmed to the newest `keepMs`. */
function appendSamples(a: MonitorSamples, b: MonitorSamples, keepMs: number): MonitorSamples {
  const last = a.times[a.times.length - 1] ?? Number.NEGATIVE_INFINITY;
  const from = b.times.findIndex((t) => t > last);
  const times = from < 0 ? a.times : [...a.times, ...b.times.slice(from)];
  const newest = times[times.length - 1] ?? 0;
  const cut = times.findIndex((t) => t >= newest - keepMs);
  const start = cut < 0 ? times.length : cut;
  const series = {} as MonitorSamples['series'];
  for (const s of MONITOR_SERIES) {
    const values = from < 0 ? a.series[s] : [...a.series[s], ...b.series[s].slice(from)];
    series[s] = values.slice(start);
  }
  return { cluster: a.cluster, times: times.slice(start), series };
}

function mergeClusters(current: ClusterMonitor[], fresh: ClusterMonitor[]): ClusterMonitor[] {
  const byName = new Map(fresh.map((c) => [c.cluster, c]));
  const merged = current.map((c) => byName.get(c.cluster) ?? c);
  for (const c of fresh) if (!current.some((x) => x.cluster === c.cluster)) merged.push(c);
  return merged;
}

const offsetOf = (serverTime: string, receivedAt: number) => Date.parse(serverTime) - receivedAt;

export function monitorReducer(state: MonitorState, action: MonitorAction): MonitorState {
  switch (action.type) {
    case 'reset':
      return initialMonitorState;
    case 'connection':
      return { ...state, connection: action.state, retryAt: action.retryAt ?? null };
    case 'heartbeat':
      return {
        ...state,
        clockOffsetMs: offsetOf(action.at, action.receivedAt),
        lastMessageAt: action.receivedAt,
      };
    case 'snapshot': {
      const { data, receivedAt } = action;
      const keepMs = data.timing.historyMs;
      // Another epoch: the BFF restarted and lost its history; what this screen saw before stays,
      // up to the first sample the new BFF has.
      const carry = state.epoch !== null && state.epoch !== data.epoch;
      const history: Record<string, MonitorSamples> = {};
      for (const h of data.history) {
        const mine = state.history[h.cluster];
        const firstNew = h.times[0] ?? Number.POSITIVE_INFINITY;
        const kept = carry && mine ? keepBefore(mine, firstNew) : emptySamples(h.cluster);
        history[h.cluster] = appendSamples(kept, h, keepMs);
      }
      const firstEntry = data.timeline[0] ? Date.parse(data.timeline[0].at) : Number.POSITIVE_INFINITY;
      const earlier = carry ? state.timeline.filter((e) => Date.parse(e.at) < firstEntry) : [];
      return {
        ...state,
        epoch: data.epoch,
        timing: data.timing,
        clusters: data.clusters,
        history,
        timeline: [...earlier, ...data.timeline].slice(-TIMELINE_KEPT),
        clockOffsetMs: offsetOf(data.generatedAt, receivedAt),
        lastMessageAt: receivedAt,
        connection: 'open',
        retryAt: null,
      };
    }
    case 'update': {
      const { data, receivedAt } = action;
      const keepMs = state.timing?.historyMs ?? 3_600_000;
      const history = { ...state.history };
      for (const s of data.samples) {
        history[s.cluster] = appendSamples(history[s.cluster] ?? emptySamples(s.cluster), s, keepMs);
      }
      // Ids start over when the BFF restarts: the time tells a carried-over line from a new one.
      const key = (e: TimelineEntry) => `${e.id}@${e.at}`;
      const known = new Set(state.timeline.map(key));
      const fresh = data.timeline.filter((e) => !known.has(key(e)));
      return {
        ...state,
        epoch: data.epoch,
        clusters: mergeClusters(state.clusters, data.clusters),
        history,
        timeline: fresh.length ? [...state.timeline, ...fresh].slice(-TIMELINE_KEPT) : state.timeline,
        clockOffsetMs: offsetOf(data.generatedAt, receivedAt),
        lastMessageAt: receivedAt,
        connection: 'open',
        retryAt: null,
      };
    }
  }
}

function keepBefore(s: MonitorSamples, t: number): MonitorSamples {
  const end = s.times.findIndex((x) => x >= t);
  const n = end < 0 ? s.times.length : end;
  const series = {} as MonitorSamples['series'];
  for (const name of MONITOR_SERIES) series[name] = s.series[name].slice(0, n);
  return { cluster: s.cluster, times: s.times.slice(0, n), series };
}
