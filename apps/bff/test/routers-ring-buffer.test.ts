import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../src/aggregate/routers/ring-buffer';

describe('RingBuffer', () => {
  it('keeps the newest entries in order and never grows past its capacity', () => {
    const ring = new RingBuffer<number>(3);
    expect(ring.toArray()).toEqual([]);
    expect(ring.last()).toBeUndefined();
    for (let i = 1; i <= 7; i++) ring.push(i);
    expect(ring.size).toBe(3);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    expect(ring.last()).toBe(7);
    ring.clear();
    expect(ring.toArray()).toEqual([]);
  });

  it('refuses a capacity below one', () => {
    expect(() => new RingBuffer(0)).toThrow(/capacity/);
  });
});
