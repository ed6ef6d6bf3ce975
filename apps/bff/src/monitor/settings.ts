import { MONITOR_METRICS, type MonitorMetric } from '@vtdeck/contracts';
import { type Static, Type } from 'typebox';

// The `monitor:` section of the config file: how often the wall's pollers run, when data counts as
// stale, how long history lasts, and the thresholds that colour tiles amber and red.

const Threshold = Type.Object(
  {
    amber: Type.Optional(Type.Number({ minimum: 0 })),
    red: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type Threshold = Static<typeof Threshold>;

export const MonitorSettingsSchema = Type.Object(
  {
    /** One poll of every upstream of a cluster per interval, for every viewer at once. */
    intervalMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 600_000 })),
    /** A tile older than this shows "stale since"; default 3 × intervalMs. */
    staleAfterMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 3_600_000 })),
    heartbeatMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 600_000 })),
    /** Sparkline history kept in memory (long history belongs to Prometheus). */
    historyMs: Type.Optional(Type.Integer({ minimum: 1_000, maximum: 86_400_000 })),
    timelineSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    /** Polling stops this long after the last viewer left and the last /metrics scrape. */
    idleStopMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 86_400_000 })),
    /** Streams are ended after this long so the browser reconnects and renews its session cookie. */
    streamMaxAgeMs: Type.Optional(Type.Integer({ minimum: 1_000, maximum: 86_400_000 })),
    /** When set, GET /metrics needs `Authorization: Bearer <metricsToken>`. */
    metricsToken: Type.Optional(Type.String({ minLength: 16 })),
    thresholds: Type.Optional(
      Type.Object(Object.fromEntries(MONITOR_METRICS.map((m) => [m, Type.Optional(Threshold)])), {
        additionalProperties: false,
      }),
    ),
  },
  { additionalProperties: false },
);
export type MonitorSettingsFile = Static<typeof MonitorSettingsSchema>;

export interface MonitorSettings {
  intervalMs: number;
  staleAfterMs: number;
  heartbeatMs: number;
  historyMs: number;
  timelineSize: number;
  idleStopMs: number;
  streamMaxAgeMs: number;
  metricsToken?: string;
  thresholds: Record<MonitorMetric, Threshold>;
}

/** Amber is worth a look, red is an outage. Counts, so `amber: 1` means "any". */
export const DEFAULT_THRESHOLDS: Record<MonitorMetric, Threshold> = {
  shardsWithoutPrimary: { red: 1 },
  tabletsNotServing: { amber: 1, red: 3 },
  topologyErrors: { amber: 1 },
  podsNotReady: { amber: 1, red: 3 },
  podsPending: { amber: 1 },
  podsFailed: { red: 1 },
  podRestartsLastHour: { amber: 1, red: 10 },
  routersDown: { red: 1 },
  routesDead: { red: 1 },
  blockedHosts: { amber: 1 },
  metadataRefreshFailing: { amber: 1 },
};

export class MonitorConfigError extends Error {}

/** Defaults applied; throws MonitorConfigError naming the key when amber is above red. */
export function resolveMonitorSettings(raw: MonitorSettingsFile | undefined): MonitorSettings {
  const file = raw ?? {};
  const intervalMs = file.intervalMs ?? 10_000;
  const thresholds = { ...DEFAULT_THRESHOLDS };
  for (const metric of MONITOR_METRICS) {
    const given = (file.thresholds as Partial<Record<MonitorMetric, Threshold>> | undefined)?.[metric];
    if (!given) continue;
    if (given.amber !== undefined && given.red !== undefined && given.amber > given.red) {
      throw new MonitorConfigError(
        `monitor.thresholds.${metric}: amber (${given.amber}) must not be above red (${given.red})`,
      );
    }
    // A metric given in the file replaces its default whole: `{ red: 5 }` means "never amber".
    thresholds[metric] = given;
  }
  return {
    intervalMs,
    staleAfterMs: file.staleAfterMs ?? 3 * intervalMs,
    heartbeatMs: file.heartbeatMs ?? 15_000,
    historyMs: file.historyMs ?? 3_600_000,
    timelineSize: file.timelineSize ?? 500,
    idleStopMs: file.idleStopMs ?? 600_000,
    streamMaxAgeMs: file.streamMaxAgeMs ?? 1_800_000,
    ...(file.metricsToken ? { metricsToken: file.metricsToken } : {}),
    thresholds,
  };
}
