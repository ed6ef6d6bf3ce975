// Which shards a statement reaches, for the analysis. Real vtgate tells: `VEXPLAIN PLAN` (v16+) answers
// the plan as JSON, older ones answer `EXPLAIN FORMAT=VITESS` as rows. A plain MySQL standing in for
// vtgate knows nothing of shards, so there the answer comes from the topology: an unsharded keyspace
// has one shard, anything else is `unknown` (honest rather than guessed).
import type { StatementAnalysis } from '@vtdeck/contracts';

export type Routing = NonNullable<StatementAnalysis['routing']>;

const RANK: Record<Routing, number> = { unknown: 0, 'single-shard': 1, 'multi-shard': 2, scatter: 3 };

// Route variants of vtgate's planner (go/vt/vtgate/engine/routing.go).
const VARIANT: Record<string, Routing> = {
  unsharded: 'single-shard',
  equalunique: 'single-shard',
  reference: 'single-shard',
  next: 'single-shard',
  dba: 'single-shard',
  bydestination: 'single-shard',
  none: 'single-shard',
  equal: 'multi-shard',
  in: 'multi-shard',
  multiequal: 'multi-shard',
  subshard: 'multi-shard',
  sharded: 'multi-shard',
  scatter: 'scatter',
};

function worst(a: Routing | undefined, b: Routing): Routing {
  if (a === undefined || a === 'unknown') return b;
  if (b === 'unknown') return a;
  return RANK[b] > RANK[a] ? b : a;
}

/** Every route's variant of a VEXPLAIN PLAN / EXPLAIN FORMAT=JSON plan; more than one route is at least multi-shard. */
export function routingFromPlan(plan: unknown): Routing {
  let result: Routing | undefined;
  let routes = 0;
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (typeof n.OperatorType === 'string' && /^(Route|Update|Delete|Insert|Send)$/.test(n.OperatorType)) {
      routes++;
      const variant = typeof n.Variant === 'string' ? n.Variant.toLowerCase() : 'unknown';
      result = worst(result, VARIANT[variant] ?? 'unknown');
    }
    for (const v of Object.values(n)) visit(v);
  };
  visit(plan);
  if (result === undefined) return 'unknown';
  return routes > 1 && result === 'single-shard' ? 'multi-shard' : result;
}

/** EXPLAIN FORMAT=VITESS rows: `operator, variant, keyspace, destination, tabletType, query`. */
export function routingFromExplainRows(rows: Record<string, unknown>[]): Routing {
  const plan = rows.map((r) => ({ OperatorType: 'Route', Variant: String(r.variant ?? r.Variant ?? '') }));
  return routingFromPlan(plan);
}

export function routingFromVexplainRows(rows: Record<string, unknown>[]): Routing {
  const first = rows[0];
  const text = first ? Object.values(first)[0] : undefined;
  if (typeof text !== 'string') return 'unknown';
  try {
    return routingFromPlan(JSON.parse(text));
  } catch {
    return 'unknown';
  }
}
