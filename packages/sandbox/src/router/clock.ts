// Time and randomness for the simulation. Times are microseconds since the epoch because the Router
// prints microsecond timestamps; 2^53 µs is year 2255, so plain numbers are exact.

export type Micros = number;

let lastMicros = 0;

/** Wall-clock now in µs, strictly increasing so that event order survives formatting. */
export function nowMicros(): Micros {
  const ms = Date.now();
  const sub = Math.floor((performance.now() % 1) * 1000);
  lastMicros = Math.max(ms * 1000 + sub, lastMicros + 1);
  return lastMicros;
}

/** `2023-10-15T09:07:57.355979Z`, the Router's format. */
export function isoMicros(us: Micros): string {
  const ms = Math.floor(us / 1000);
  const micro = String(us % 1000).padStart(3, '0');
  return `${new Date(ms).toISOString().slice(0, -1)}${micro}Z`;
}

/** mulberry32: small, seedable, good enough for a simulation. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number): boolean => next() < p,
    /** Integer in [min, max]. */
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

export type Random = ReturnType<typeof createRandom>;
