import type { ArgKind, CommandSpec } from './vtctl-commands';

/**
 * Reads a vtctl argument list exactly as Go's `flag` package does (vtctld.md 4.2), so the
 * arguments vtdeck checks are the arguments vtctld will act on:
 * `-f` and `--f` are the same; `-f=v` or `-f v` for valued flags (the next argument is taken even if
 * it starts with `-`); boolean flags never take the next argument, only `-f=true|false`; `--` ends the
 * flags and is dropped; the first non-flag argument (also `-` and the empty string) starts the
 * positionals, and everything after it is positional.
 */

export interface ArgRef {
  kind: ArgKind;
  value: string;
  /** where it came from, for messages: `argument 2` or `flag -keyspace_shard` */
  from: string;
}

export interface ParsedVtctlArgs {
  positionals: string[];
  /** every keyspace, shard or tablet reference, from positionals and flag values */
  refs: ArgRef[];
  /** why the arguments cannot be checked (unknown flag, wrong count, bad value...) */
  problems: string[];
}

// strconv.ParseBool
const GO_BOOLS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

export function parseVtctlArgs(spec: CommandSpec, args: readonly string[]): ParsedVtctlArgs {
  const refs: ArgRef[] = [];
  const problems: string[] = [];
  let i = 0;
  while (i < args.length) {
    const s = args[i]!;
    if (s.length < 2 || s[0] !== '-') break;
    let minuses = 1;
    if (s[1] === '-') {
      minuses = 2;
      if (s.length === 2) {
        i++;
        break;
      }
    }
    let name = s.slice(minuses);
    if (name.length === 0 || name[0] === '-' || name[0] === '=') {
      problems.push(`has bad flag syntax: ${s}`);
      return { positionals: [], refs, problems };
    }
    i++;
    let flagValue: string | undefined;
    const eq = name.indexOf('=', 1);
    if (eq > 0) {
      flagValue = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const flag = Object.hasOwn(spec.flags, name) ? spec.flags[name] : undefined;
    if (!flag) {
      problems.push(`has a flag vtdeck does not know: -${name} (only an admin may send unknown flags)`);
      return { positionals: [], refs, problems };
    }
    if (flag.bool) {
      if (flagValue !== undefined && !GO_BOOLS.has(flagValue)) {
        problems.push(`has an invalid boolean value "${flagValue}" for flag -${name}`);
        return { positionals: [], refs, problems };
      }
      continue;
    }
    if (flagValue === undefined) {
      if (i >= args.length) {
        problems.push(`has flag -${name} without its value`);
        return { positionals: [], refs, problems };
      }
      flagValue = args[i]!;
      i++;
    }
    if (flag.adminOnly) problems.push(`uses flag -${name}, which only an admin may use: ${flag.adminOnly}`);
    // Go keeps the last value of a repeated flag; checking every value is stricter and never weaker.
    if (flag.kind && flag.kind !== 'other')
      refs.push({ kind: flag.kind, value: flagValue, from: `flag -${name}` });
  }

  const positionals = args.slice(i);
  const count = positionals.length;
  if (count < spec.minArgs || count > spec.maxArgs) {
    const want =
      spec.maxArgs === Number.POSITIVE_INFINITY
        ? `at least ${spec.minArgs}`
        : spec.minArgs === spec.maxArgs
          ? `${spec.minArgs}`
          : `${spec.minArgs} to ${spec.maxArgs}`;
    problems.push(`takes ${want} positional argument(s), got ${count}`);
  }
  positionals.forEach((value, n) => {
    const k = n < spec.args.length ? spec.args[n] : spec.rest;
    if (k && k !== 'other') refs.push({ kind: k, value, from: `argument ${n + 1}` });
  });
  return { positionals, refs, problems };
}

// No `/`, `.`, `%`, spaces or wildcards: such a string is never a real keyspace, and a path-like one
// (`customer/../commerce`) could reach a different node in the topology server.
const KEYSPACE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/;
const SHARD_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const TABLET_ALIAS = /^([A-Za-z0-9_-]{1,64})-(\d{1,10})$/;
const WILDCARD = /[*?[\]\\]/;

export type NameCheck = { ok: true } | { ok: false; why: string };

export function checkKeyspaceName(name: string): NameCheck {
  if (WILDCARD.test(name)) return { ok: false, why: `keyspace ${JSON.stringify(name)} contains a wildcard` };
  if (!KEYSPACE_NAME.test(name))
    return { ok: false, why: `${JSON.stringify(name)} is not a valid keyspace name` };
  return { ok: true };
}

/** `keyspace/shard`, split like vtctl's ParseKeyspaceShard (exactly one `/`, nothing decoded). */
export function parseKeyspaceShard(
  value: string,
): { ok: true; keyspace: string; shard: string } | { ok: false; why: string } {
  const parts = value.split('/');
  if (parts.length !== 2) return { ok: false, why: `${JSON.stringify(value)} is not a valid keyspace/shard` };
  const [keyspace, shard] = parts as [string, string];
  const ks = checkKeyspaceName(keyspace);
  if (!ks.ok) return ks;
  if (WILDCARD.test(shard)) return { ok: false, why: `shard ${JSON.stringify(value)} contains a wildcard` };
  if (!SHARD_NAME.test(shard))
    return { ok: false, why: `${JSON.stringify(value)} has an invalid shard name` };
  return { ok: true, keyspace, shard };
}

/** `cell-uid` in the canonical 10-digit form, or null. The uid must fit a uint32 as in vtctl. */
export function canonicalTabletAlias(value: string): string | null {
  const m = TABLET_ALIAS.exec(value);
  if (!m) return null;
  const uid = Number(m[2]);
  if (uid > 0xffffffff) return null;
  return `${m[1]}-${String(uid).padStart(10, '0')}`;
}
