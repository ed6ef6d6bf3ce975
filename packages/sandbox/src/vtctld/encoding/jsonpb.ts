// golang/protobuf jsonpb v1.3.2 with OrigName, EmitDefaults, EnumsAsInts and a 2-space indent: the
// exact bytes vtctld (era B) prints for every proto message. Non-empty values match
// JSON.stringify(x, null, 2); only empty lists, maps and messages differ, so those are built by hand.

import { goEscape } from './go-json';

export type Pb = null | string | number | boolean | PbMessage | PbList | PbMap | PbInt64 | PbBytes;

export interface PbMessage {
  pb: 'msg';
  fields: [string, Pb][];
}
export interface PbList {
  pb: 'list';
  items: Pb[];
}
export interface PbMap {
  pb: 'map';
  entries: [string, Pb][];
}
export interface PbInt64 {
  pb: 'i64';
  value: number;
}
export interface PbBytes {
  pb: 'bytes';
  /** Lower-case hex; null means nil bytes (rendered `null`). */
  hex: string | null;
}

export const msg = (fields: [string, Pb][]): PbMessage => ({ pb: 'msg', fields });
export const list = (items: Pb[]): PbList => ({ pb: 'list', items });
export const pbMap = (obj: Record<string, Pb>): PbMap => ({
  pb: 'map',
  entries: Object.keys(obj)
    .sort()
    .map((k) => [k, obj[k] as Pb]),
});
export const i64 = (value: number): PbInt64 => ({ pb: 'i64', value });
export const bytes = (hex: string | null): PbBytes => ({ pb: 'bytes', hex });

export function hexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

function str(s: string): string {
  return goEscape(JSON.stringify(s));
}

/** Renders a value whose first character sits on a line indented by `ind`. */
export function jsonpb(value: Pb, ind = ''): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${ind}  `;
  switch (value.pb) {
    case 'i64':
      return `"${value.value}"`;
    case 'bytes':
      return value.hex === null ? 'null' : `"${hexToBase64(value.hex)}"`;
    case 'msg':
      return `{\n${value.fields.map(([k, v]) => `${inner}${str(k)}: ${jsonpb(v, inner)}`).join(',\n')}\n${ind}}`;
    case 'list':
      if (value.items.length === 0) return `[\n${ind}]`;
      return `[${value.items.map((v) => `\n${inner}${jsonpb(v, inner)}`).join(',')}\n${ind}]`;
    case 'map':
      if (value.entries.length === 0) return `{\n${ind}}`;
      return `{${value.entries.map(([k, v]) => `\n${inner}${str(k)}: ${jsonpb(v, inner)}`).join(',')}\n${ind}}`;
  }
}
