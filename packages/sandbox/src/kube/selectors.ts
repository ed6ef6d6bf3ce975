import { commonField, type ResourceDef } from './resources';
import { badRequest } from './status';
import type { KubeObject } from './types';

// Label and field selectors parsed like k8s.io/apimachinery/pkg/labels and /fields, with their error
// texts, because the apiserver (not kubectl) filters and a bad selector must fail the same way.

type Op = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';
export interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

type Token = { kind: 'id' | 'sym' | 'eos'; text: string };

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (SPECIAL.has(ch)) {
      const two = input.slice(i, i + 2);
      const sym = two === '==' || two === '!=' ? two : ch;
      tokens.push({ kind: 'sym', text: sym });
      i += sym.length;
      continue;
    }
    let j = i;
    while (j < input.length && !SPECIAL.has(input[j] as string) && !/\s/.test(input[j] as string)) j++;
    tokens.push({ kind: 'id', text: input.slice(i, j) });
    i = j;
  }
  tokens.push({ kind: 'eos', text: '' });
  return tokens;
}

const isOp = (t: Token) =>
  (t.kind === 'sym' && ['=', '==', '!=', '>', '<'].includes(t.text)) ||
  (t.kind === 'id' && (t.text === 'in' || t.text === 'notin'));

export function parseLabelSelector(input: string): Requirement[] {
  const tokens = lex(input);
  let pos = 0;
  const peek = () => tokens[pos] as Token;
  const next = () => tokens[pos++] as Token;
  const reqs: Requirement[] = [];
  const fail = (found: Token, expected: string) => badRequest(`found '${found.text}', expected: ${expected}`);
  const wrap = (message: string) => badRequest(`unable to parse requirement: ${message}`);

  if (peek().kind === 'eos') return reqs;
  for (;;) {
    try {
      reqs.push(parseRequirement());
    } catch (err) {
      throw wrap((err as Error).message);
    }
    const t = next();
    if (t.kind === 'eos') return reqs;
    if (!(t.kind === 'sym' && t.text === ',')) throw fail(t, "',' or 'end of string'");
    if (peek().kind === 'eos') throw fail(peek(), "identifier after ','");
  }

  function parseRequirement(): Requirement {
    let t = next();
    if (t.kind === 'sym' && t.text === '!') {
      t = next();
      if (t.kind !== 'id') throw fail(t, 'identifier');
      return { key: checkKey(t.text), op: '!', values: [] };
    }
    if (t.kind !== 'id') throw fail(t, 'identifier');
    const key = checkKey(t.text);
    const after = peek();
    if (after.kind === 'eos' || (after.kind === 'sym' && after.text === ','))
      return { key, op: 'exists', values: [] };
    const opTok = next();
    if (!isOp(opTok)) throw fail(opTok, '=, !=, ==, in, notin, gt, lt');
    if (opTok.text === 'in' || opTok.text === 'notin') {
      const open = next();
      if (!(open.kind === 'sym' && open.text === '(')) throw fail(open, "'('");
      const values: string[] = [];
      for (;;) {
        const v = next();
        if (v.kind === 'sym' && v.text === ')') break;
        if (v.kind === 'id') values.push(v.text);
        else if (!(v.kind === 'sym' && v.text === ',')) throw fail(v, "',', ')' or identifier");
      }
      return { key, op: opTok.text as Op, values };
    }
    const v = peek();
    let value = '';
    if (v.kind === 'id') value = next().text;
    else if (!(v.kind === 'eos' || (v.kind === 'sym' && v.text === ','))) throw fail(v, 'identifier');
    if (opTok.text === '>' || opTok.text === '<') {
      if (!/^-?\d+$/.test(value)) throw badRequest(`for 'Gt', 'Lt' operators, the value must be an integer`);
      return { key, op: opTok.text === '>' ? 'gt' : 'lt', values: [value] };
    }
    return { key, op: opTok.text === '!=' ? '!=' : '=', values: [value] };
  }
}

function checkKey(key: string): string {
  const namePart = key.slice(key.lastIndexOf('/') + 1);
  if (!/^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(namePart) || namePart.length > 63)
    throw new Error(
      `<nil>: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
  return key;
}

export function matchesLabels(reqs: Requirement[], labels: Record<string, string> | undefined): boolean {
  return reqs.every((r) => {
    const has = labels !== undefined && Object.hasOwn(labels, r.key);
    const value = has ? labels[r.key] : undefined;
    switch (r.op) {
      case '=':
        return has && value === r.values[0];
      case '!=':
        return !has || value !== r.values[0];
      case 'in':
        return has && r.values.includes(value as string);
      case 'notin':
        return !has || !r.values.includes(value as string);
      case 'exists':
        return has;
      case '!':
        return !has;
      case 'gt':
      case 'lt': {
        const n = Number.parseInt(value ?? '', 10);
        if (!has || Number.isNaN(n)) return false;
        return r.op === 'gt' ? n > Number(r.values[0]) : n < Number(r.values[0]);
      }
    }
    return false;
  });
}

/** `{a: 'x', b: 'y'}` → `a=x,b=y` (sorted keys, as labels.SelectorFromSet prints). */
export function selectorString(set: Record<string, string> | undefined): string {
  return Object.keys(set ?? {})
    .sort()
    .map((k) => `${k}=${set?.[k]}`)
    .join(',');
}

export interface FieldRequirement {
  field: string;
  negate: boolean;
  value: string;
}

function splitUnescaped(input: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i] as string;
    if (ch === '\\' && i + 1 < input.length) {
      cur += ch + input[i + 1];
      i++;
    } else if (ch === sep) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

const unescapeValue = (s: string) => s.replace(/\\(.)/g, '$1');

export function parseFieldSelector(input: string, def: ResourceDef): FieldRequirement[] {
  const reqs: FieldRequirement[] = [];
  for (const term of splitUnescaped(input, ',')) {
    if (term === '') continue;
    let found: FieldRequirement | undefined;
    for (let i = 0; i < term.length && !found; i++) {
      if (term[i - 1] === '\\') continue;
      for (const op of ['!=', '==', '=']) {
        if (term.startsWith(op, i)) {
          found = {
            field: term.slice(0, i),
            negate: op === '!=',
            value: unescapeValue(term.slice(i + op.length)),
          };
          break;
        }
      }
    }
    if (!found) throw badRequest(`invalid selector: '${input}'; can't understand '${term}'`);
    if (!['metadata.name', 'metadata.namespace'].includes(found.field) && !def.fields[found.field])
      throw badRequest(`field label not supported: ${found.field}`);
    reqs.push(found);
  }
  return reqs;
}

export function matchesFields(reqs: FieldRequirement[], def: ResourceDef, obj: KubeObject): boolean {
  return reqs.every((r) => {
    const actual = commonField(obj, r.field) ?? def.fields[r.field]?.(obj) ?? '';
    return r.negate ? actual !== r.value : actual === r.value;
  });
}

/** One predicate for list, watch and deletecollection. */
export function makeFilter(def: ResourceDef, query: URLSearchParams): (obj: KubeObject) => boolean {
  const labels = parseLabelSelector(query.get('labelSelector') ?? '');
  const fields = parseFieldSelector(query.get('fieldSelector') ?? '', def);
  return (obj) => matchesLabels(labels, obj.metadata.labels) && matchesFields(fields, def, obj);
}
