import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config';
import { DEFAULT_THRESHOLDS } from '../src/monitor/settings';

// The config file's `monitor:` section: defaults, overrides, and errors that name the key.

const file = (monitor: unknown) => ({
  clusters: [{ name: 'prod', vtctld: { url: 'http://127.0.0.1:15000' } }],
  monitor,
});
const resolve = (monitor: unknown) => resolveConfig(file(monitor), {}, { sandbox: true }).monitor;

describe('monitor config', () => {
  it('has defaults for an unattended wall', () => {
    const m = resolve(undefined);
    expect(m).toMatchObject({
      intervalMs: 10_000,
      staleAfterMs: 30_000,
      heartbeatMs: 15_000,
      historyMs: 3_600_000,
    });
    expect(m.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(m.metricsToken).toBeUndefined();
  });

  it('takes thresholds per metric, the rest keeping their defaults', () => {
    const m = resolve({ intervalMs: 2_000, thresholds: { tabletsNotServing: { red: 5 } } });
    expect(m.staleAfterMs).toBe(6_000);
    expect(m.thresholds.tabletsNotServing).toEqual({ red: 5 });
    expect(m.thresholds.routesDead).toEqual(DEFAULT_THRESHOLDS.routesDead);
  });

  it('names the bad key', () => {
    expect(() => resolve({ thresholds: { tabletsNotServing: { amber: 4, red: 2 } } })).toThrow(
      'config: monitor.thresholds.tabletsNotServing: amber (4) must not be above red (2)',
    );
    expect(() => resolve({ thresholds: { tabletsDown: { red: 1 } } })).toThrow(
      'config: monitor.thresholds.tabletsDown is not a known key',
    );
    expect(() => resolve({ intervalMs: 10 })).toThrow('config: monitor.intervalMs must be >= 100');
    expect(() => resolve({ metricsToken: 'short' })).toThrow('config: monitor.metricsToken');
  });
});
