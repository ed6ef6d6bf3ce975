// Go's `flag` package (FlagSet with ContinueOnError) as vtctl commands use it in eras A/B:
// `-name` and `--name` are equal, `-name=value` or `-name value`, booleans only take `=value`,
// parsing stops at the first positional argument or `--`, and errors carry Go's exact texts.

export type FlagKind = 'bool' | 'string' | 'int' | 'duration';
export type FlagValue = string | number | boolean;

export interface FlagDef {
  name: string;
  kind: FlagKind;
  /** Default: boolean for bool, string for string, number for int, milliseconds for duration. */
  def: FlagValue;
  usage: string;
}

export class FlagError extends Error {
  constructor(
    message: string,
    /** Text Go prints to the flag set's output before the usage (`<err>\n`); absent for -help. */
    readonly printed: string | null,
  ) {
    super(message);
  }
}

export interface ParsedFlags {
  values: Record<string, FlagValue>;
  args: string[];
}

const BOOL_TEXT: Record<string, boolean> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** time.ParseDuration, in milliseconds; null when Go would refuse it. */
export function parseGoDuration(s: string): number | null {
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return null;
  let total = 0;
  while (rest !== '') {
    const m = /^([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') return null;
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** time.Duration.String for the whole-second values used as flag defaults. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const totalSeconds = ms / 1000;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** strconv.ParseInt(s, 0, 64) as flag.Int uses it: base prefixes and underscores allowed. */
function parseGoInt(s: string): number | 'parse' | 'range' {
  const m = /^([+-]?)(.*)$/.exec(s)!;
  let digits = m[2]!;
  let radix = 10;
  if (/^0[xX]/.test(digits)) [radix, digits] = [16, digits.slice(2)];
  else if (/^0[bB]/.test(digits)) [radix, digits] = [2, digits.slice(2)];
  else if (/^0[oO]/.test(digits)) [radix, digits] = [8, digits.slice(2)];
  else if (digits.length > 1 && digits.startsWith('0')) [radix, digits] = [8, digits.slice(1)];
  if (radix !== 10 || digits.includes('_')) {
    if (digits.startsWith('_') || digits.endsWith('_') || digits.includes('__')) return 'parse';
    digits = digits.replace(/_/g, '');
  }
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[
    radix as 2 | 8 | 10 | 16
  ];
  if (!valid.test(digits)) return 'parse';
  let n = 0n;
  for (const d of digits) n = n * BigInt(radix) + BigInt(parseInt(d, radix));
  const signed = m[1] === '-' ? -n : n;
  if (signed > 9223372036854775807n || signed < -9223372036854775808n) return 'range';
  return Number(signed);
}

export class FlagSet {
  private readonly byName: Map<string, FlagDef>;

  constructor(readonly defs: FlagDef[]) {
    this.byName = new Map(defs.map((d) => [d.name, d]));
  }

  parse(argv: string[]): ParsedFlags {
    const values: Record<string, FlagValue> = Object.fromEntries(this.defs.map((d) => [d.name, d.def]));
    const args = [...argv];
    while (args.length > 0) {
      const s = args[0]!;
      if (s.length < 2 || s[0] !== '-') break;
      let minuses = 1;
      if (s[1] === '-') {
        minuses++;
        if (s.length === 2) {
          args.shift();
          break;
        }
      }
      let name = s.slice(minuses);
      if (name.length === 0 || name[0] === '-' || name[0] === '=') this.fail(`bad flag syntax: ${s}`);
      args.shift();
      let value: string | null = null;
      const eq = name.indexOf('=');
      if (eq >= 1) {
        value = name.slice(eq + 1);
        name = name.slice(0, eq);
      }
      const def = this.byName.get(name);
      if (!def) {
        if (name === 'help' || name === 'h') throw new FlagError('flag: help requested', null);
        this.fail(`flag provided but not defined: -${name}`);
      }
      if (def.kind === 'bool') {
        if (value === null) values[name] = true;
        else {
          const b = BOOL_TEXT[value];
          if (b === undefined) this.fail(`invalid boolean value "${value}" for -${name}: parse error`);
          values[name] = b;
        }
        continue;
      }
      if (value === null) {
        if (args.length === 0) this.fail(`flag needs an argument: -${name}`);
        value = args.shift()!;
      }
      values[name] = this.convert(def, value);
    }
    return { values, args };
  }

  private convert(def: FlagDef, value: string): FlagValue {
    if (def.kind === 'string') return value;
    if (def.kind === 'int') {
      const n = parseGoInt(value);
      if (n === 'parse' || n === 'range') {
        this.fail(
          `invalid value "${value}" for flag -${def.name}: ${n === 'parse' ? 'parse error' : 'value out of range'}`,
        );
      }
      return n;
    }
    const d = parseGoDuration(value);
    if (d === null) this.fail(`invalid value "${value}" for flag -${def.name}: parse error`);
    return d;
  }

  private fail(message: string): never {
    throw new FlagError(message, `${message}\n`);
  }

  /** flag.PrintDefaults: one string per flag (each a separate Write), sorted by name. */
  printDefaults(): string[] {
    return [...this.defs]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((d) => {
        const { typeName, usage } = unquoteUsage(d);
        let b = `  -${d.name}`;
        if (typeName) b += ` ${typeName}`;
        b += b.length <= 4 ? '\t' : '\n    \t';
        b += usage.replaceAll('\n', '\n    \t');
        if (!isZeroDefault(d)) {
          b += d.kind === 'string' ? ` (default ${JSON.stringify(d.def)})` : ` (default ${defaultText(d)})`;
        }
        return `${b}\n`;
      });
  }
}

function defaultText(d: FlagDef): string {
  return d.kind === 'duration' ? formatGoDuration(d.def as number) : String(d.def);
}

function isZeroDefault(d: FlagDef): boolean {
  return d.def === '' || d.def === 0 || d.def === false;
}

/** flag.UnquoteUsage: a back-quoted word in the usage names the value, else the kind does. */
function unquoteUsage(d: FlagDef): { typeName: string; usage: string } {
  const m = /`([^`]*)`/.exec(d.usage);
  if (m) return { typeName: m[1]!, usage: d.usage.replace(/`([^`]*)`/, '$1') };
  const typeName = d.kind === 'bool' ? '' : d.kind === 'duration' ? 'duration' : d.kind;
  return { typeName, usage: d.usage };
}
