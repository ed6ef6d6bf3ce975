import { describe, expect, it } from 'vitest';
import { niceMax } from '../src/features/routers/charts/scale';
import { formatBytes, formatDuration } from '../src/features/routers/lib/format';

describe('router dashboard formatting', () => {
  it('rounds chart axes up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 0.4, 1, 1.2, 3, 7, 19, 20, 21, 480, 5001].map(niceMax)).toEqual([
      1, 1, 1, 2, 5, 10, 20, 20, 50, 500, 10_000,
    ]);
  });

  it('prints bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(212)).toBe('212 B');
    expect(formatBytes(0.5)).toBe('0.5 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(305 * 1024)).toBe('305 KiB');
  });

  it('prints durations with their two largest units', () => {
    expect(formatDuration(59)).toBe('59s');
    expect(formatDuration(90)).toBe('1m 30s');
    expect(formatDuration(3725)).toBe('1h 2m');
    expect(formatDuration(90061)).toBe('1d 1h');
  });
});
