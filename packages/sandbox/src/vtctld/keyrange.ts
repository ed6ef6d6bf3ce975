// Shard names and key ranges (reference 5.3): `-80`, `80-`, `40-80`; names without `-` have no range.

import { goRuneU } from './encoding/go-json';
import { VtError } from './topo/errors';

/** Key range as lower-case hex; '' is the open end (min for start, max for end). */
export interface KeyRange {
  start: string;
  end: string;
}

/** encoding/hex.DecodeString's validation, with Go's error texts. Returns lower-case hex. */
function decodeHex(s: string): string {
  let j = 1;
  for (; j < s.length; j += 2) {
    for (const ch of [s[j - 1]!, s[j]!]) {
      if (!/[0-9a-fA-F]/.test(ch)) throw new VtError(`encoding/hex: invalid byte: ${goRuneU(ch)}`);
    }
  }
  if (s.length % 2 === 1) {
    const ch = s[j - 1]!;
    if (!/[0-9a-fA-F]/.test(ch)) throw new VtError(`encoding/hex: invalid byte: ${goRuneU(ch)}`);
    throw new VtError('encoding/hex: odd length hex string');
  }
  return s.toLowerCase();
}

/** topo.ValidateShardName: the shard's key range, or null for a non-range shard. */
export function parseShardName(shard: string): KeyRange | null {
  if (!shard.includes('-')) return null;
  const parts = shard.split('-');
  if (parts.length !== 2) throw new VtError(`invalid shardId, can only contain one '-': ${shard}`);
  const range = { start: decodeHex(parts[0]!), end: decodeHex(parts[1]!) };
  if (range.end !== '' && compareKeys(range.start, range.end) >= 0) {
    throw new VtError(`out of order keys: ${range.start} is not strictly smaller than ${range.end}`);
  }
  return range;
}

/** Byte-wise comparison of two hex keys (Go compares the decoded byte strings). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** key.KeyRangesIntersect for two ranges; ranges are half-open [start, end). */
export function keyRangesIntersect(a: KeyRange, b: KeyRange): boolean {
  return (
    (a.end === '' || compareKeys(b.start, a.end) < 0) && (b.end === '' || compareKeys(a.start, b.end) < 0)
  );
}

/** key.GenerateShardRanges: N evenly split shard names, N <= 256 (N = 1 gives `0`, the unsharded convention). */
export function generateShardRanges(n: number): string[] {
  if (n === 1) return ['0'];
  if (n < 1 || n > 256) throw new VtError(`shards must be between 1 and 256: ${n}`);
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const start =
      i === 0
        ? ''
        : Math.floor((i * 256) / n)
            .toString(16)
            .padStart(2, '0');
    const end =
      i === n - 1
        ? ''
        : Math.floor(((i + 1) * 256) / n)
            .toString(16)
            .padStart(2, '0');
    names.push(`${start}-${end}`);
  }
  return names;
}
