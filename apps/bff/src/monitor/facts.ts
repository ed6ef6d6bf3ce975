import type { K8sPod, SourceError, Topology } from '@vtdeck/contracts';
import { isUpstreamError } from '../upstreams/upstream-error';

// What the pollers learnt, reduced to what the wall and /metrics need. Counts are kept per keyspace
// and per namespace so each viewer's tiles can be summed over what that viewer may see.

/** One poll's outcome: data, or the failure as a SourceError. */
export type Outcome<T> = { ok: true; at: number; data: T } | { ok: false; at: number; error: SourceError };

/** A source as the wall shows it: the last good data, and why the latest poll failed if it did. */
export interface SourceState<T> {
  data: T | null;
  /** Time of the last good poll. */
  polledAt: number | null;
  error: SourceError | null;
  /** First failure of the current run of failures. */
  failingSince: number | null;
}

export const emptySource = <T>(): SourceState<T> => ({
  data: null,
  polledAt: null,
  error: null,
  failingSince: null,
});

export function nextSource<T>(prev: SourceState<T>, outcome: Outcome<T>): SourceState<T> {
  if (outcome.ok) return { data: outcome.data, polledAt: outcome.at, error: null, failingSince: null };
  return { ...prev, error: outcome.error, failingSince: prev.failingSince ?? outcome.at };
}

export function toSourceError(source: string, err: unknown): SourceError {
  if (isUpstreamError(err)) return { source: err.source, kind: err.kind, message: err.message };
  return { source, kind: 'bad_response', message: `${source}: ${(err as Error)?.message ?? String(err)}` };
}

export interface KeyspaceCounts {
  shards: number;
  shardsWithoutPrimary: number;
  tablets: number;
  tabletsNotServing: number;
  /** cell → [tablets, not serving] */
  cells: Map<string, [number, number]>;
  /** Parts of this keyspace vtctld failed to answer. */
  errors: number;
}

export interface TopologyFacts {
  tree: Topology;
  keyspaces: Map<string, KeyspaceCounts>;
  /** Failures not tied to one keyspace (the keyspace list, cells). */
  clusterErrors: number;
}

// `vtctld:keyspace/<ks>`, `vtctld:shards/<ks>`, `vtctld:shard/<ks>/<shard>`, `vtctld:tablets/<ks>`
const KEYSPACE_SOURCE = /^vtctld:(?:keyspace|shards|shard|tablets)\/([^/]+)/;

export const keyspaceOfError = (e: SourceError): string | undefined => KEYSPACE_SOURCE.exec(e.source)?.[1];

export function topologyFacts(tree: Topology): TopologyFacts {
  const keyspaces = new Map<string, KeyspaceCounts>();
  for (const ks of tree.items) {
    const counts: KeyspaceCounts = {
      shards: ks.shards.length,
      shardsWithoutPrimary: 0,
      tablets: 0,
      tabletsNotServing: 0,
      cells: new Map(),
      errors: 0,
    };
    for (const shard of ks.shards) {
      if (shard.primaryAlias === null) counts.shardsWithoutPrimary++;
      for (const t of shard.tablets) {
        counts.tablets++;
        const cell = counts.cells.get(t.cell) ?? [0, 0];
        cell[0]++;
        if (!t.serving) {
          counts.tabletsNotServing++;
          cell[1]++;
        }
        counts.cells.set(t.cell, cell);
      }
    }
    keyspaces.set(ks.name, counts);
  }
  let clusterErrors = 0;
  for (const e of tree.errors) {
    const ks = keyspaceOfError(e);
    const counts = ks === undefined ? undefined : keyspaces.get(ks);
    if (counts) counts.errors++;
    else clusterErrors++;
  }
  return { tree, keyspaces, clusterErrors };
}

export interface PodFact {
  namespace: string;
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
}

export interface NamespaceCounts {
  pods: number;
  phases: Map<string, number>;
  notReady: number;
}

export interface PodFacts {
  /** by `namespace/name` */
  pods: Map<string, PodFact>;
  namespaces: Map<string, NamespaceCounts>;
}

export const podKey = (p: { namespace: string; name: string }) => `${p.namespace}/${p.name}`;

/** From the client's DTOs (mapping.ts reads the API's objects, not this module). */
export function podFacts(dtos: readonly K8sPod[]): PodFacts {
  const pods = new Map<string, PodFact>();
  const namespaces = new Map<string, NamespaceCounts>();
  for (const d of dtos) {
    // A finished pod (a Job's) is not "not ready"; anything else needs all its containers ready.
    const ready = d.phase === 'Succeeded' || (d.phase === 'Running' && d.ready >= d.containers);
    const fact: PodFact = {
      namespace: d.namespace,
      name: d.name,
      phase: d.phase,
      ready,
      restarts: d.restarts,
    };
    pods.set(podKey(fact), fact);
    let ns = namespaces.get(d.namespace);
    if (!ns) {
      ns = { pods: 0, phases: new Map(), notReady: 0 };
      namespaces.set(d.namespace, ns);
    }
    ns.pods++;
    ns.phases.set(d.phase, (ns.phases.get(d.phase) ?? 0) + 1);
    if (!ready) ns.notReady++;
  }
  return { pods, namespaces };
}

/** Restarts between two polls, per namespace (a pod seen for the first time brings its own count). */
export function restartsBetween(prev: PodFacts | null, next: PodFacts): Map<string, number> {
  const out = new Map<string, number>();
  if (!prev) return out;
  for (const [key, pod] of next.pods) {
    const before = prev.pods.get(key)?.restarts ?? 0;
    const delta = pod.restarts - before;
    if (delta > 0) out.set(pod.namespace, (out.get(pod.namespace) ?? 0) + delta);
  }
  return out;
}

export interface RouteFact {
  name: string;
  alive: boolean | null;
  activeConnections: number;
  blockedHosts: number;
  /** `host:port`; null when the Router's last poll did not read them. */
  destinations: string[] | null;
}

export interface RouterFact {
  name: string;
  state: 'up' | 'down' | 'pending';
  polledAt: number | null;
  error: SourceError | null;
  routes: RouteFact[];
  metadata: { name: string; failing: boolean }[];
}

export interface RouterFacts {
  routers: RouterFact[];
}
