// Go's encoding/json as vtctld's responses show it: MarshalIndent layout, HTML-safe escaping, and the
// decoder's error texts (clients see them inside `can't unmarshal request: ...`).

/** Rewrites JSON.stringify output into Go's escaping: <, >, &, U+2028/9 escaped, \b and \f as \u00XX. */
export function goEscape(json: string): string {
  return json
    .replace(/\\(.)/g, (m, c: string) => (c === 'b' ? '\\u0008' : c === 'f' ? '\\u000c' : m))
    .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `json.MarshalIndent(v, "", "  ")`: objects keep insertion order (Go struct order or sorted map keys). */
export function goMarshalIndent(value: unknown): string {
  return goEscape(JSON.stringify(value, null, 2));
}

/**
 * `json.MarshalIndent` of a Go map: keys sorted byte-wise. Built by hand because a JS object puts
 * integer-like keys (shard `0`) first whatever the insertion order.
 */
export function goMarshalIndentMap(map: Record<string, unknown>): string {
  const keys = Object.keys(map).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  if (keys.length === 0) return '{}';
  const entries = keys.map(
    (k) => `  ${goEscape(JSON.stringify(k))}: ${goMarshalIndent(map[k]).replace(/\n/g, '\n  ')}`,
  );
  return `{\n${entries.join(',\n')}\n}`;
}

/** `json.Marshal(v)`: compact. */
export function goMarshal(value: unknown): string {
  return goEscape(JSON.stringify(value));
}

/** Go's `%q` for a plain string. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Go's `%#U` for the byte hex.Decode rejects. */
export function goRuneU(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code >= 0x20 && code !== 0x7f ? `${hex} '${ch}'` : hex;
}

export class GoJsonError extends Error {}

type JsonKind = 'object' | 'array' | 'string' | 'number' | 'bool' | 'null';

/**
 * Parses like Go's json.Unmarshal: on a syntax error throws GoJsonError with Go's scanner text
 * (`invalid character 'o' in literal null (expecting 'u')`, `unexpected end of JSON input`).
 */
export function goJsonParse(text: string): unknown {
  new GoSyntaxChecker(text).check();
  return JSON.parse(text);
}

/** Go's name for the JSON kind of a value, as in `cannot unmarshal number into ...`. */
export function goJsonKind(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value as JsonKind;
}

function describe(ch: string): string {
  if (ch === "'") return "'\\''";
  if (ch === '"') return "'\"'";
  const code = ch.charCodeAt(0);
  if (code < 0x20) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${ch}'`;
}

class GoSyntaxChecker {
  private i = 0;
  constructor(private readonly s: string) {}

  check(): void {
    this.ws();
    this.value('looking for beginning of value');
    this.ws();
    if (this.i < this.s.length) this.fail(`after top-level value`);
  }

  private fail(context: string): never {
    if (this.i >= this.s.length) throw new GoJsonError('unexpected end of JSON input');
    throw new GoJsonError(`invalid character ${describe(this.s[this.i]!)} ${context}`);
  }

  private ws(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i]!)) this.i++;
  }

  private value(context: string): void {
    const c = this.s[this.i];
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else {
      const lit = ['true', 'false', 'null'].find((l) => l[0] === c);
      if (!lit) this.fail(context);
      this.literal(lit);
    }
  }

  private literal(lit: string): void {
    for (let k = 0; k < lit.length; k++, this.i++) {
      if (this.s[this.i] !== lit[k]) this.fail(`in literal ${lit} (expecting '${lit[k]}')`);
    }
  }

  private object(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      if (this.s[this.i] !== '"') this.fail('looking for beginning of object key string');
      this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail('after object key');
      this.i++;
      this.ws();
      this.value('looking for beginning of value');
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        this.ws();
        continue;
      }
      if (this.s[this.i] === '}') {
        this.i++;
        return;
      }
      this.fail('after object key:value pair');
    }
  }

  private array(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value('looking for beginning of value');
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        this.ws();
        continue;
      }
      if (this.s[this.i] === ']') {
        this.i++;
        return;
      }
      this.fail('after array element');
    }
  }

  private string(): void {
    this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === '"') {
        this.i++;
        return;
      }
      if (c.charCodeAt(0) < 0x20) this.fail('in string literal');
      if (c === '\\') {
        this.i++;
        const e = this.s[this.i];
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            this.i++;
            if (!/[0-9a-fA-F]/.test(this.s[this.i] ?? '')) this.fail('in \\u hexadecimal character escape');
          }
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail('in string escape code');
      }
      this.i++;
    }
    this.fail('in string literal');
  }

  private number(): void {
    if (this.s[this.i] === '-') {
      this.i++;
      if (!/[0-9]/.test(this.s[this.i] ?? '')) this.fail('in numeric literal');
    }
    if (this.s[this.i] === '0') this.i++;
    else while (/[0-9]/.test(this.s[this.i] ?? '')) this.i++;
    if (this.s[this.i] === '.') {
      this.i++;
      if (!/[0-9]/.test(this.s[this.i] ?? '')) this.fail('after decimal point in numeric literal');
      while (/[0-9]/.test(this.s[this.i] ?? '')) this.i++;
    }
    if (this.s[this.i] === 'e' || this.s[this.i] === 'E') {
      this.i++;
      if (this.s[this.i] === '+' || this.s[this.i] === '-') this.i++;
      if (!/[0-9]/.test(this.s[this.i] ?? '')) this.fail('in exponent of numeric literal');
      while (/[0-9]/.test(this.s[this.i] ?? '')) this.i++;
    }
  }
}
