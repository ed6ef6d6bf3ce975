// VSchema (vschemapb.Keyspace) as ApplyVSchema reads it (jsonpb: camelCase or proto names,
// unknown fields refused) and as GetVSchema prints it (jsonpb, camelCase, defaults omitted).

import { GoJsonError, goJsonKind, goJsonParse } from './encoding/go-json';
import { jsonpb, list, msg, type Pb, pbMap } from './encoding/jsonpb';
import { VtError } from './topo/errors';
import type { VSchema } from './topo/types';

type FieldKind =
  | 'bool'
  | 'string'
  | 'strings'
  | { map: MessageSpec | 'string' }
  | { list: MessageSpec }
  | MessageSpec;
interface MessageSpec {
  proto: string;
  fields: [jsonName: string, origName: string, kind: FieldKind][];
}

const COLUMN: MessageSpec = {
  proto: 'vschema.Column',
  fields: [
    ['name', 'name', 'string'],
    ['type', 'type', 'string'],
  ],
};
const AUTO_INC: MessageSpec = {
  proto: 'vschema.AutoIncrement',
  fields: [
    ['column', 'column', 'string'],
    ['sequence', 'sequence', 'string'],
  ],
};
const COLUMN_VINDEX: MessageSpec = {
  proto: 'vschema.ColumnVindex',
  fields: [
    ['column', 'column', 'string'],
    ['name', 'name', 'string'],
    ['columns', 'columns', 'strings'],
  ],
};
const TABLE: MessageSpec = {
  proto: 'vschema.Table',
  fields: [
    ['type', 'type', 'string'],
    ['columnVindexes', 'column_vindexes', { list: COLUMN_VINDEX }],
    ['autoIncrement', 'auto_increment', AUTO_INC],
    ['columns', 'columns', { list: COLUMN }],
    ['pinned', 'pinned', 'string'],
    ['columnListAuthoritative', 'column_list_authoritative', 'bool'],
  ],
};
const VINDEX: MessageSpec = {
  proto: 'vschema.Vindex',
  fields: [
    ['type', 'type', 'string'],
    ['params', 'params', { map: 'string' }],
    ['owner', 'owner', 'string'],
  ],
};
const KEYSPACE: MessageSpec = {
  proto: 'vschema.Keyspace',
  fields: [
    ['sharded', 'sharded', 'bool'],
    ['vindexes', 'vindexes', { map: VINDEX }],
    ['tables', 'tables', { map: TABLE }],
    ['requireExplicitRouting', 'require_explicit_routing', 'bool'],
  ],
};

const isSpec = (k: FieldKind): k is MessageSpec => typeof k === 'object' && 'proto' in k;

function typeError(value: unknown, goType: string): VtError {
  return new VtError(`json: cannot unmarshal ${goJsonKind(value)} into Go value of type ${goType}`);
}

/** Normalises to camelCase keys with defaults dropped, validating like jsonpb.Unmarshal. */
function normalize(value: unknown, spec: MessageSpec): Record<string, unknown> {
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw typeError(value, spec.proto);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const field = spec.fields.find(([json, orig]) => key === json || key === orig);
    if (!field) throw new VtError(`unknown field ${JSON.stringify(key)} in ${spec.proto}`);
    const [name, , kind] = field;
    if (v === null) continue;
    const n = normalizeField(v, kind);
    if (n !== undefined) out[name] = n;
  }
  return out;
}

function normalizeField(v: unknown, kind: FieldKind): unknown {
  if (kind === 'bool') {
    if (typeof v !== 'boolean') throw typeError(v, 'bool');
    return v || undefined;
  }
  if (kind === 'string') {
    if (typeof v !== 'string') throw typeError(v, 'string');
    return v || undefined;
  }
  if (kind === 'strings') {
    if (!Array.isArray(v)) throw typeError(v, '[]string');
    for (const s of v) if (typeof s !== 'string') throw typeError(s, 'string');
    return v.length ? v : undefined;
  }
  if (isSpec(kind)) return normalize(v, kind);
  if ('list' in kind) {
    if (!Array.isArray(v)) throw typeError(v, `[]*${kind.list.proto}`);
    return v.length ? v.map((e) => normalize(e, kind.list)) : undefined;
  }
  if (typeof v !== 'object' || Array.isArray(v)) throw typeError(v, 'map[string]');
  const entries = Object.entries(v as Record<string, unknown>).map(([k, e]) => {
    if (kind.map === 'string') {
      if (typeof e !== 'string') throw typeError(e, 'string');
      return [k, e];
    }
    return [k, normalize(e, kind.map)];
  });
  return entries.length ? Object.fromEntries(entries) : undefined;
}

export function parseVSchemaJson(text: string): VSchema {
  let raw: unknown;
  try {
    raw = goJsonParse(text);
  } catch (err) {
    if (!(err instanceof GoJsonError)) throw err;
    throw new VtError(err.message);
  }
  return normalize(raw, KEYSPACE);
}

function toPb(value: Record<string, unknown>, spec: MessageSpec): Pb {
  const fields: [string, Pb][] = [];
  for (const [name, , kind] of spec.fields) {
    const v = value[name];
    if (v === undefined) continue;
    fields.push([name, fieldPb(v, kind)]);
  }
  return msg(fields);
}

function fieldPb(v: unknown, kind: FieldKind): Pb {
  if (kind === 'bool' || kind === 'string') return v as Pb;
  if (kind === 'strings') return list(v as string[]);
  if (isSpec(kind)) return toPb(v as Record<string, unknown>, kind);
  if ('list' in kind) return list((v as Record<string, unknown>[]).map((e) => toPb(e, kind.list)));
  const obj = v as Record<string, unknown>;
  const inner = kind.map;
  return pbMap(
    Object.fromEntries(
      Object.entries(obj).map(([k, e]) => [
        k,
        inner === 'string' ? (e as string) : toPb(e as Record<string, unknown>, inner),
      ]),
    ),
  );
}

/** json2.MarshalIndentPB(vs, "  "): an empty VSchema prints `{\n\n}`. */
export function renderVSchema(vs: VSchema): string {
  return jsonpb(toPb(vs, KEYSPACE));
}

type Tables = Record<string, Record<string, unknown>>;

/** The `alter vschema ...` statements of ApplyVSchema's -sql mode that the sandbox understands. */
export function applyVSchemaDdl(vs: VSchema, sql: string): VSchema {
  const next = structuredClone(vs) as Record<string, unknown>;
  const vindexes = (next.vindexes ?? {}) as Record<string, Record<string, unknown>>;
  const tables = (next.tables ?? {}) as Tables;
  next.vindexes = vindexes;
  next.tables = tables;
  const fail = (err: string) => new VtError(`error parsing vschema statement \`${sql}\`: ${err}`);
  const s = sql.trim().replace(/;$/, '');
  if (!/^alter\s+vschema\b/i.test(s)) {
    if (/^(select|insert|update|delete|set|show|use)\b/i.test(s)) throw fail('not a ddl statement');
    const word = s.split(/\s+/)[0] ?? '';
    throw fail(`syntax error at position ${word.length + 1} near '${word}'`);
  }
  const rules: [RegExp, (m: RegExpExecArray) => void][] = [
    [
      /^alter\s+vschema\s+create\s+vindex\s+(\w+)\s+using\s+(\w+)(?:\s+with\s+(.+))?$/i,
      (m) => {
        if (vindexes[m[1]!]) throw new VtError(`vindex ${m[1]} already exists in keyspace`);
        const params = Object.fromEntries(
          (m[3] ?? '')
            .split(',')
            .filter((p) => p.includes('='))
            .map((p) => p.split('=').map((x) => x.trim().replace(/^'|'$/g, '')) as [string, string]),
        );
        vindexes[m[1]!] = Object.keys(params).length ? { type: m[2], params } : { type: m[2] };
      },
    ],
    [
      /^alter\s+vschema\s+drop\s+vindex\s+(\w+)$/i,
      (m) => {
        if (!vindexes[m[1]!]) throw new VtError(`vindex ${m[1]} does not exist in keyspace`);
        delete vindexes[m[1]!];
      },
    ],
    [
      /^alter\s+vschema\s+add\s+table\s+(\w+)$/i,
      (m) => {
        if (tables[m[1]!]) throw new VtError(`add vschema table: table ${m[1]} already exists`);
        tables[m[1]!] = {};
      },
    ],
    [
      /^alter\s+vschema\s+drop\s+table\s+(\w+)$/i,
      (m) => {
        if (!tables[m[1]!]) throw new VtError(`drop vschema: table ${m[1]} does not exist in keyspace`);
        delete tables[m[1]!];
      },
    ],
    [
      /^alter\s+vschema\s+on\s+(\w+)\s+add\s+vindex\s+(\w+)\s*\(([^)]*)\)(?:\s+using\s+(\w+))?$/i,
      (m) => {
        const [, table, name, cols, using] = m as unknown as [
          string,
          string,
          string,
          string,
          string | undefined,
        ];
        if (using && !vindexes[name]) vindexes[name] = { type: using };
        if (!vindexes[name]) throw new VtError(`vindex ${name} does not exist in keyspace`);
        const columns = cols.split(',').map((c) => c.trim());
        const t = tables[table] ?? {};
        tables[table] = t;
        const cvs = (t.columnVindexes ?? []) as Record<string, unknown>[];
        t.columnVindexes = cvs;
        cvs.push(columns.length === 1 ? { column: columns[0], name } : { name, columns });
      },
    ],
  ];
  const rule = rules.find(([re]) => re.test(s));
  if (!rule) throw fail(`syntax error at position ${s.length + 1}`);
  rule[1](rule[0].exec(s)!);
  if (!Object.keys(vindexes).length) delete next.vindexes;
  if (!Object.keys(tables).length) delete next.tables;
  return next;
}
