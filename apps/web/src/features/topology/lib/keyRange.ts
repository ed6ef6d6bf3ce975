import type { KeyRange } from '@vtdeck/contracts';

/**
 * Shard names are key ranges `start-end` in lowercase hex (either side may be empty), or a single
 * name such as `0` for an unsharded keyspace. Vitess decodes each side as bytes, so sides need an
 * even number of digits, and the start must sort below the end.
 */
export type ShardNameProblem = 'empty' | 'format' | 'oddDigits' | 'order' | 'exists';

const RANGE = /^([0-9a-f]*)-([0-9a-f]*)$/;
const PLAIN = /^[0-9A-Za-z_]+$/;

export function checkShardName(name: string, existing: readonly string[] = []): ShardNameProblem | null {
  if (name === '') return 'empty';
  if (existing.includes(name)) return 'exists';
  const m = RANGE.exec(name);
  if (!m) return PLAIN.test(name) && !name.includes('-') ? null : 'format';
  const [, start = '', end = ''] = m;
  if (start.length % 2 || end.length % 2) return 'oddDigits';
  if (start && end && compareKeys(start, end) >= 0) return 'order';
  return null;
}

/** Compares two hex keys as byte strings: `8` sorts as `80`, so pad to the same length. */
export function compareKeys(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  const pa = a.padEnd(n, '0');
  const pb = b.padEnd(n, '0');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

export function formatKeyRange(r: KeyRange | undefined): string {
  if (!r || (!r.start && !r.end)) return '-';
  return `${r.start}-${r.end}`;
}

/** Keyspace names become MySQL database names (`vt_<name>`) and topo paths. */
const KEYSPACE = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,62}$/;

export type KeyspaceNameProblem = 'empty' | 'format' | 'exists';

export function checkKeyspaceName(
  name: string,
  existing: readonly string[] = [],
): KeyspaceNameProblem | null {
  if (name === '') return 'empty';
  if (!KEYSPACE.test(name)) return 'format';
  if (existing.includes(name)) return 'exists';
  return null;
}
