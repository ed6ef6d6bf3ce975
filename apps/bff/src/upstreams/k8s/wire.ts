// What the Kubernetes API sent, as plain JSON again. client-node 1.x turns bodies into model classes:
// timestamps become Date objects and keywords get a `_` (`_continue`). The seed routes promise the
// API's own shapes, so this undoes both.

const SECOND_PRECISION = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.000Z$/;

function plain(value: unknown): unknown {
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.replace(SECOND_PRECISION, '$1Z');
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k.startsWith('_') ? k.slice(1) : k] = plain(v);
    }
    return out;
  }
  return value;
}

/** A client-node model object (or list) as the JSON the API server sent. */
export function toWire<T = Record<string, unknown>>(value: unknown): T {
  return plain(value) as T;
}

/** The object for people to read: without the bookkeeping `kubectl get -o yaml` also hides. */
export function forDisplay(value: unknown): Record<string, unknown> {
  const obj = toWire<Record<string, unknown>>(value);
  const metadata = obj.metadata as Record<string, unknown> | undefined;
  if (metadata) delete metadata.managedFields;
  return obj;
}
