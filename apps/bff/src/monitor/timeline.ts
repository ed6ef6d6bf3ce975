import type { KeyspaceNode, SourceError, TimelineEntry } from '@vtdeck/contracts';
import {
  keyspaceOfError,
  type PodFacts,
  type RouterFacts,
  type SourceState,
  type TopologyFacts,
} from './facts';

// State changes between two polls, as timeline entries ("tablet zone1-0000000101 stopped serving").
// The first good poll is the baseline and says nothing. A keyspace whose part of the tree failed is
// skipped (and keeps its last good baseline), so a vtctld hiccup does not report every tablet as gone.

export type Draft = Omit<TimelineEntry, 'id' | 'seq' | 'at' | 'cluster'>;

/** More changes than this in one poll are summed up in one entry. */
export const MAX_PER_POLL = 50;

const SOURCE_LABEL: Record<string, string> = { vtctld: 'vtctld', kubernetes: 'the Kubernetes API' };

/** `source.down` when a source starts failing, `source.recovered` when it answers again. */
export function sourceChanges(
  source: Draft['source'],
  upstream: string,
  prev: SourceState<unknown>,
  next: SourceState<unknown>,
): Draft[] {
  const label = SOURCE_LABEL[upstream] ?? upstream;
  if (!prev.error && next.error) {
    return [
      {
        source,
        level: 'critical',
        kind: 'source.down',
        params: { source: upstream, message: next.error.message },
        text: `${label} failed: ${next.error.message}`,
      },
    ];
  }
  if (prev.error && !next.error && next.polledAt !== null) {
    return [
      {
        source,
        level: 'ok',
        kind: 'source.recovered',
        params: { source: upstream },
        text: `${label} answers again`,
      },
    ];
  }
  return [];
}

/**
 * The last good tree of each keyspace, diffed keyspace by keyspace. Owned by one cluster's monitor.
 */
export class TopologyBaseline {
  private keyspaces: Map<string, KeyspaceNode> | null = null;

  changes(next: TopologyFacts): Draft[] {
    const failed = new Set(next.tree.errors.map(keyspaceOfError).filter((k) => k !== undefined));
    const listFailed = next.tree.errors.some((e: SourceError) => e.source === 'vtctld:keyspaces');
    const current = new Map(next.tree.items.map((k) => [k.name, k]));
    const prev = this.keyspaces;
    const out: Draft[] = [];
    const kept = new Map<string, KeyspaceNode>();
    for (const [name, node] of current) {
      const before = prev?.get(name);
      if (failed.has(name)) {
        if (before) kept.set(name, before);
        continue;
      }
      kept.set(name, node);
      if (!prev) continue;
      if (!before) out.push(keyspaceDraft('keyspace.added', name, 'info', `keyspace ${name} appeared`));
      else out.push(...keyspaceChanges(before, node));
    }
    if (prev) {
      for (const [name, before] of prev) {
        if (current.has(name)) continue;
        // Without the keyspace list, a missing keyspace says nothing.
        if (listFailed) kept.set(name, before);
        else out.push(keyspaceDraft('keyspace.removed', name, 'warning', `keyspace ${name} disappeared`));
      }
    }
    this.keyspaces = kept;
    return out;
  }
}

function keyspaceDraft(kind: Draft['kind'], keyspace: string, level: Draft['level'], text: string): Draft {
  return { source: 'topology', level, kind, params: { keyspace }, text, keyspace };
}

function keyspaceChanges(before: KeyspaceNode, after: KeyspaceNode): Draft[] {
  const out: Draft[] = [];
  const keyspace = after.name;
  const shardsBefore = new Map(before.shards.map((s) => [s.name, s]));
  const tabletsBefore = new Map(before.shards.flatMap((s) => s.tablets.map((t) => [t.alias, t] as const)));
  const seen = new Set<string>();
  for (const shard of after.shards) {
    const old = shardsBefore.get(shard.name);
    const at = `${keyspace}/${shard.name}`;
    const params = { keyspace, shard: shard.name };
    if (old && old.primaryAlias !== shard.primaryAlias) {
      if (shard.primaryAlias === null) {
        out.push({
          source: 'topology',
          level: 'critical',
          kind: 'shard.lostPrimary',
          params: { ...params, primary: old.primaryAlias ?? '' },
          text: `shard ${at} lost its primary ${old.primaryAlias}`,
          keyspace,
        });
      } else if (old.primaryAlias === null) {
        out.push({
          source: 'topology',
          level: 'ok',
          kind: 'shard.gotPrimary',
          params: { ...params, primary: shard.primaryAlias },
          text: `shard ${at} has a primary again: ${shard.primaryAlias}`,
          keyspace,
        });
      } else {
        out.push({
          source: 'topology',
          level: 'warning',
          kind: 'shard.primaryChanged',
          params: { ...params, from: old.primaryAlias, to: shard.primaryAlias },
          text: `shard ${at} primary changed from ${old.primaryAlias} to ${shard.primaryAlias}`,
          keyspace,
        });
      }
    }
    for (const t of shard.tablets) {
      seen.add(t.alias);
      const prior = tabletsBefore.get(t.alias);
      const tablet = { tablet: t.alias, keyspace, shard: shard.name };
      if (!prior) {
        out.push({
          source: 'topology',
          level: 'info',
          kind: 'tablet.added',
          params: tablet,
          text: `tablet ${t.alias} appeared in ${at}`,
          keyspace,
        });
      } else if (prior.serving && !t.serving) {
        out.push({
          source: 'topology',
          level: 'warning',
          kind: 'tablet.stoppedServing',
          params: tablet,
          text: `tablet ${t.alias} stopped serving`,
          keyspace,
        });
      } else if (!prior.serving && t.serving) {
        out.push({
          source: 'topology',
          level: 'ok',
          kind: 'tablet.startedServing',
          params: tablet,
          text: `tablet ${t.alias} started serving`,
          keyspace,
        });
      }
    }
  }
  for (const [alias, t] of tabletsBefore) {
    if (seen.has(alias)) continue;
    out.push({
      source: 'topology',
      level: 'warning',
      kind: 'tablet.removed',
      params: { tablet: alias, keyspace, shard: t.shard },
      text: `tablet ${alias} disappeared from ${keyspace}/${t.shard}`,
      keyspace,
    });
  }
  return out;
}

export function podChanges(prev: PodFacts | null, next: PodFacts): Draft[] {
  if (!prev) return [];
  const out: Draft[] = [];
  const draft = (
    kind: Draft['kind'],
    level: Draft['level'],
    pod: { namespace: string; name: string },
    text: string,
    extra: Record<string, string> = {},
  ): Draft => ({
    source: 'kubernetes',
    level,
    kind,
    params: { pod: pod.name, namespace: pod.namespace, ...extra },
    text,
    namespace: pod.namespace,
  });
  for (const [key, pod] of next.pods) {
    const before = prev.pods.get(key);
    const name = key;
    if (!before) {
      out.push(draft('pod.added', 'info', pod, `pod ${name} was created`));
      continue;
    }
    if (before.phase !== pod.phase) {
      const level = pod.phase === 'Failed' || pod.phase === 'Unknown' ? 'critical' : 'info';
      out.push(draft('pod.phase', level, pod, `pod ${name} is ${pod.phase}`, { phase: pod.phase }));
    }
    if (before.ready && !pod.ready && pod.phase !== 'Failed') {
      out.push(draft('pod.notReady', 'warning', pod, `pod ${name} is not ready`));
    } else if (!before.ready && pod.ready) {
      out.push(draft('pod.ready', 'ok', pod, `pod ${name} is ready`));
    }
    if (pod.restarts > before.restarts) {
      out.push(
        draft('pod.restarted', 'warning', pod, `pod ${name} restarted (${pod.restarts} restarts)`, {
          restarts: String(pod.restarts),
        }),
      );
    }
  }
  for (const [key, pod] of prev.pods) {
    if (!next.pods.has(key)) out.push(draft('pod.removed', 'info', pod, `pod ${key} was removed`));
  }
  return out;
}

export function routerChanges(prev: RouterFacts | null, next: RouterFacts): Draft[] {
  if (!prev) return [];
  const out: Draft[] = [];
  const before = new Map(prev.routers.map((r) => [r.name, r]));
  const draft = (kind: Draft['kind'], level: Draft['level'], params: Record<string, string>, text: string) =>
    out.push({ source: 'routers', level, kind, params, text });
  for (const r of next.routers) {
    const old = before.get(r.name);
    const router = r.name;
    if (!old || r.state === 'pending') continue;
    if (old.state !== 'down' && r.state === 'down') {
      draft(
        'router.down',
        'critical',
        { router, message: r.error?.message ?? '' },
        `router ${router} is down`,
      );
      continue;
    }
    if (old.state === 'down' && r.state === 'up')
      draft('router.up', 'ok', { router }, `router ${router} is up`);
    if (r.state !== 'up' || old.state !== 'up') continue;
    const oldRoutes = new Map(old.routes.map((x) => [x.name, x]));
    for (const route of r.routes) {
      const was = oldRoutes.get(route.name);
      if (!was) continue;
      const params = { router, route: route.name };
      if (was.alive !== false && route.alive === false)
        draft('route.dead', 'critical', params, `route ${route.name} on ${router} is dead`);
      else if (was.alive === false && route.alive === true)
        draft('route.alive', 'ok', params, `route ${route.name} on ${router} is alive again`);
      if (was.destinations && route.destinations) {
        const now = new Set(route.destinations);
        const then = new Set(was.destinations);
        for (const d of was.destinations) {
          if (!now.has(d))
            draft(
              'route.lostDestination',
              'warning',
              { ...params, destination: d },
              `route ${route.name} lost a destination: ${d} (${router})`,
            );
        }
        for (const d of route.destinations) {
          if (!then.has(d))
            draft(
              'route.gainedDestination',
              'ok',
              { ...params, destination: d },
              `route ${route.name} gained a destination: ${d} (${router})`,
            );
        }
      }
    }
    const oldMeta = new Map(old.metadata.map((m) => [m.name, m.failing]));
    for (const m of r.metadata) {
      const was = oldMeta.get(m.name);
      const params = { router, metadata: m.name };
      if (was === false && m.failing)
        draft(
          'metadata.refreshFailing',
          'warning',
          params,
          `metadata cache ${m.name} on ${router} fails to refresh`,
        );
      else if (was === true && !m.failing)
        draft(
          'metadata.refreshRecovered',
          'ok',
          params,
          `metadata cache ${m.name} on ${router} refreshes again`,
        );
    }
  }
  return out;
}

/**
 * Caps one poll's entries per keyspace or namespace (a whole cell going away is a few lines on a wall,
 * not three thousand); the summary line keeps the scope, so it is shown only to those who may see it.
 */
export function capped(drafts: Draft[]): Draft[] {
  if (drafts.length <= MAX_PER_POLL) return drafts;
  const groups = new Map<string, Draft[]>();
  for (const d of drafts) {
    const key =
      d.keyspace !== undefined ? `ks:${d.keyspace}` : d.namespace !== undefined ? `ns:${d.namespace}` : '';
    const list = groups.get(key);
    if (list) list.push(d);
    else groups.set(key, [d]);
  }
  const out: Draft[] = [];
  for (const list of groups.values()) {
    if (list.length <= MAX_PER_POLL) {
      out.push(...list);
      continue;
    }
    const shown = list.slice(0, MAX_PER_POLL - 1);
    const first = list[0] as Draft;
    const more = list.length - shown.length;
    out.push(...shown, {
      source: first.source,
      level: 'info',
      kind: 'changes.suppressed',
      params: { count: String(more) },
      text: `${more} more changes`,
      ...(first.keyspace !== undefined ? { keyspace: first.keyspace } : {}),
      ...(first.namespace !== undefined ? { namespace: first.namespace } : {}),
    });
  }
  return out;
}
