// Identifiers as era-B vtctld parses and prints them (reference 5.1, 5.2, 5.4).

import { goQuote } from './encoding/go-json';
import { VtError } from './topo/errors';

export interface TabletAlias {
  cell: string;
  uid: number;
}

export function aliasString(alias: TabletAlias | null | undefined): string {
  if (!alias) return '<nil>';
  return `${alias.cell}-${String(alias.uid).padStart(10, '0')}`;
}

/** Go's `%v` of a TabletAlias proto: compact text with a trailing space, e.g. `cell:"test" uid:100 `. */
export function aliasProtoText(alias: TabletAlias): string {
  return `cell:${goQuote(alias.cell)} ${alias.uid !== 0 ? `uid:${alias.uid} ` : ''}`;
}

export function aliasEqual(a: TabletAlias | null | undefined, b: TabletAlias | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.cell === b.cell && a.uid === b.uid;
}

export function compareAliases(a: TabletAlias, b: TabletAlias): number {
  return a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : a.uid - b.uid;
}

/** strconv.ParseUint(value, 10, 32) with its error text. */
function parseUint32(value: string): number {
  if (!/^[0-9]+$/.test(value))
    throw new VtError(`strconv.ParseUint: parsing ${goQuote(value)}: invalid syntax`);
  const n = Number(value);
  if (n > 0xffffffff) throw new VtError(`strconv.ParseUint: parsing ${goQuote(value)}: value out of range`);
  return n;
}

export function parseTabletAlias(s: string): TabletAlias {
  const parts = s.split('-');
  if (parts.length !== 2) {
    throw new VtError(`invalid tablet alias: '${s}', expecting format: '<cell>-<uid>'`);
  }
  try {
    return { cell: parts[0]!, uid: parseUint32(parts[1]!) };
  } catch (err) {
    throw new VtError(`invalid tablet uid in alias '${s}': bad tablet uid ${(err as Error).message}`);
  }
}

export function parseKeyspaceShard(s: string): { keyspace: string; shard: string } {
  const parts = s.split('/');
  if (parts.length !== 2) throw new VtError(`invalid shard path: ${s}`);
  return { keyspace: parts[0]!, shard: parts[1]! };
}

export const TabletType = {
  UNKNOWN: 0,
  MASTER: 1,
  REPLICA: 2,
  RDONLY: 3,
  SPARE: 4,
  EXPERIMENTAL: 5,
  BACKUP: 6,
  RESTORE: 7,
  DRAINED: 8,
} as const;
export type TabletTypeValue = (typeof TabletType)[keyof typeof TabletType];

const TYPE_NAMES = [
  'UNKNOWN',
  'MASTER',
  'REPLICA',
  'RDONLY',
  'SPARE',
  'EXPERIMENTAL',
  'BACKUP',
  'RESTORE',
  'DRAINED',
];
// BATCH is RDONLY's old name; the value map knows it, the name map prints RDONLY.
const TYPE_VALUES: Record<string, number> = {
  ...Object.fromEntries(TYPE_NAMES.map((n, i) => [n, i])),
  BATCH: 3,
};

export function tabletTypeName(type: number): string {
  return TYPE_NAMES[type] ?? String(type);
}

/** Lower-case name as the awk listings print it (`unknown` for values out of range). */
export function tabletTypeLower(type: number): string {
  return (TYPE_NAMES[type] ?? 'UNKNOWN').toLowerCase();
}

export function parseTabletType(s: string): number {
  const v = TYPE_VALUES[s.toUpperCase()];
  if (v === undefined) throw new VtError(`unknown TabletType ${s}`);
  return v;
}

/** ALL tablet types a command accepts: every value but UNKNOWN, BATCH listed as RDONLY. */
export const ALL_TABLET_TYPES = [1, 2, 3, 3, 4, 5, 6, 7, 8];

/** vtctl's parseTabletType: wraps the parse error and checks the allowed list. */
export function parseTabletTypeArg(s: string, allowed: number[] = ALL_TABLET_TYPES): number {
  let t: number;
  try {
    t = parseTabletType(s);
  } catch (err) {
    throw new VtError(`invalid tablet type ${s}: ${(err as Error).message}`);
  }
  if (!allowed.includes(t)) {
    const names = allowed.map(tabletTypeLower).sort();
    throw new VtError(`type ${tabletTypeName(t)} is not one of: ${names.join(' ')}`);
  }
  return t;
}

const TRIVIAL = new Set<number>([
  TabletType.REPLICA,
  TabletType.RDONLY,
  TabletType.SPARE,
  TabletType.BACKUP,
  TabletType.EXPERIMENTAL,
  TabletType.DRAINED,
]);

/** topo.IsTrivialTypeChange: the only transitions ChangeSlaveType/ChangeTabletType allow. */
export function isTrivialTypeChange(from: number, to: number): boolean {
  if (TRIVIAL.has(from) && TRIVIAL.has(to)) return true;
  return from === TabletType.RESTORE && to === TabletType.SPARE;
}

export const SERVING_TYPES = [TabletType.MASTER, TabletType.REPLICA, TabletType.RDONLY];

/** Shell-style wildcard (`*`, `?`, `[...]`) as fileutil.HasWildcard sees it. */
export function hasWildcard(s: string): boolean {
  return /[*?[]/.test(s);
}

export function wildcardMatch(pattern: string, name: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return false;
      let cls = pattern.slice(i + 1, end);
      if (cls.startsWith('^')) cls = `^${cls.slice(1)}`;
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`${re}$`).test(name);
}
