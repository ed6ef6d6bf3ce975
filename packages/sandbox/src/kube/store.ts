import type { ResourceName } from './resources';
import type { KubeObject } from './types';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  type: ChangeType;
  resource: ResourceName;
  rv: number;
  object: KubeObject;
  /** State before a MODIFIED/DELETED, so a watcher can tell an object that stopped matching its selector. */
  previous?: KubeObject;
}

type Listener = (change: Change) => void;

/**
 * The fake's etcd: every kind in one keyspace with a single global revision counter, and a bounded
 * history of changes so watches can resume from a resourceVersion (older ones get 410 Expired).
 * Everything handed out is a copy; callers never hold stored objects.
 */
export class Store {
  private revision: number;
  private readonly data = new Map<ResourceName, Map<string, KubeObject>>();
  private readonly history: Change[] = [];
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly historyLimit = 10_000,
    startRevision = 1,
  ) {
    this.revision = startRevision;
  }

  get resourceVersion(): string {
    return String(this.revision);
  }

  /** Oldest revision a watch may resume from without being told to relist. */
  get oldestResumable(): number {
    return this.history.length === this.historyLimit ? (this.history[0]?.rv ?? this.revision) - 1 : 0;
  }

  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.bucket(resource).get(key(namespace, name));
    return found ? structuredClone(found) : undefined;
  }

  /** Storage-key order: by namespace then name (byte order, as etcd keys sort). */
  list(resource: ResourceName, namespace?: string): KubeObject[] {
    const out: [string, KubeObject][] = [];
    for (const [k, obj] of this.bucket(resource)) {
      if (namespace === undefined || obj.metadata.namespace === namespace) out.push([k, obj]);
    }
    out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return out.map(([, obj]) => structuredClone(obj));
  }

  insert(resource: ResourceName, object: KubeObject): KubeObject {
    const stored = this.stamp(object);
    this.bucket(resource).set(key(stored.metadata.namespace, stored.metadata.name ?? ''), stored);
    this.emit({ type: 'ADDED', resource, rv: this.revision, object: stored });
    return structuredClone(stored);
  }

  replace(resource: ResourceName, object: KubeObject): KubeObject {
    const k = key(object.metadata.namespace, object.metadata.name ?? '');
    const previous = this.bucket(resource).get(k);
    const stored = this.stamp(object);
    this.bucket(resource).set(k, stored);
    this.emit({ type: 'MODIFIED', resource, rv: this.revision, object: stored, previous });
    return structuredClone(stored);
  }

  remove(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    const k = key(namespace, name);
    const previous = this.bucket(resource).get(k);
    if (!previous) return undefined;
    this.bucket(resource).delete(k);
    // The DELETED event carries the last state stamped with the deletion's revision.
    const gone = this.stamp(previous);
    this.emit({ type: 'DELETED', resource, rv: this.revision, object: gone, previous });
    return structuredClone(gone);
  }

  /** Changes after `rv`, or undefined when history no longer reaches back that far. */
  changesSince(rv: number): Change[] | undefined {
    if (rv < this.oldestResumable) return undefined;
    return this.history.filter((c) => c.rv > rv);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private stamp(object: KubeObject): KubeObject {
    this.revision++;
    const copy = structuredClone(object);
    copy.metadata.resourceVersion = String(this.revision);
    return copy;
  }

  private emit(change: Change): void {
    this.history.push(change);
    if (this.history.length > this.historyLimit) this.history.shift();
    for (const listener of this.listeners) listener(change);
  }

  private bucket(resource: ResourceName): Map<string, KubeObject> {
    let b = this.data.get(resource);
    if (!b) {
      b = new Map();
      this.data.set(resource, b);
    }
    return b;
  }
}

const key = (namespace: string | undefined, name: string) => (namespace ? `${namespace}/${name}` : name);
