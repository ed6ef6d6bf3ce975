import type { KubeObject, ObjectMeta } from './types';

// `kubectl create namespace` sends application/vnd.kubernetes.protobuf and does not fall back to JSON on
// 415, so the fake decodes that envelope: magic "k8s\0", runtime.Unknown{typeMeta=1, raw=2}. Only the
// Namespace kind is decoded (metadata name/generateName/labels/annotations, spec.finalizers).

type Field = { no: number; wire: number; bytes?: Buffer; int?: number };

function fieldsOf(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (pos >= buf.length) throw new Error('truncated varint');
      const b = buf[pos++] as number;
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      shift += 7;
    }
  };
  while (pos < buf.length) {
    const tag = varint();
    const no = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) out.push({ no, wire, int: varint() });
    else if (wire === 2) {
      const len = varint();
      if (pos + len > buf.length) throw new Error('truncated field');
      out.push({ no, wire, bytes: buf.subarray(pos, pos + len) });
      pos += len;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

const text = (f: Field | undefined) => f?.bytes?.toString('utf8') ?? '';

function mapEntries(fields: Field[], no: number): Record<string, string> | undefined {
  const entries = fields.filter((f) => f.no === no && f.bytes);
  if (!entries.length) return undefined;
  const out: Record<string, string> = {};
  for (const e of entries) {
    const kv = fieldsOf(e.bytes as Buffer);
    out[text(kv.find((f) => f.no === 1))] = text(kv.find((f) => f.no === 2));
  }
  return out;
}

function objectMeta(buf: Buffer): ObjectMeta {
  const f = fieldsOf(buf);
  const meta: ObjectMeta = {};
  const str = (no: number, key: 'name' | 'generateName' | 'namespace') => {
    const v = text(f.find((x) => x.no === no));
    if (v) meta[key] = v;
  };
  str(1, 'name');
  str(2, 'generateName');
  str(3, 'namespace');
  const labels = mapEntries(f, 11);
  if (labels) meta.labels = labels;
  const annotations = mapEntries(f, 12);
  if (annotations) meta.annotations = annotations;
  return meta;
}

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

/** The decoded object, or undefined when the kind is not one the fake can read from protobuf. */
export function decodeProtobuf(body: Buffer): { kind: string; object?: KubeObject } {
  if (body.length < 4 || body.subarray(0, 4).toString('latin1') !== 'k8s\0')
    throw new Error('provided data does not have the k8s protobuf prefix');
  const envelope = fieldsOf(body.subarray(4));
  const typeMeta = fieldsOf(envelope.find((f) => f.no === 1)?.bytes ?? Buffer.alloc(0));
  const apiVersion = text(typeMeta.find((f) => f.no === 1));
  const kind = text(typeMeta.find((f) => f.no === 2));
  if (kind !== 'Namespace' || apiVersion !== 'v1') return { kind };
  const raw = fieldsOf(envelope.find((f) => f.no === 2)?.bytes ?? Buffer.alloc(0));
  const meta = objectMeta(raw.find((f) => f.no === 1)?.bytes ?? Buffer.alloc(0));
  const specFields = fieldsOf(raw.find((f) => f.no === 2)?.bytes ?? Buffer.alloc(0));
  const finalizers = specFields.filter((f) => f.no === 1).map(text);
  return {
    kind,
    object: { apiVersion, kind, metadata: meta, ...(finalizers.length ? { spec: { finalizers } } : {}) },
  };
}
