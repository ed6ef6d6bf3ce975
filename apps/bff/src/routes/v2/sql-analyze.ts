import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ClusterParams, SqlAnalysis, SqlRequest } from '@vtdeck/contracts';
import type { FastifyInstance } from 'fastify';
import type { SqlConfig } from '../../config';
import { permissionCheck } from '../../sql/access';
import { type PlannedStatement, planScript } from '../../sql/guard';
import { type Routing, routingFromExplainRows, routingFromVexplainRows } from '../../sql/routing';
import type { Target, VtgateClient } from '../../upstreams/vtgate';

/** Statements past this many get `routing: unknown` (each costs vtgate a plan). */
const MAX_ROUTED = 20;

/**
 * `POST /clusters/{cluster}/sql/analyze`: the SqlAnalysis of a script without running it: kinds,
 * tables, what the caller may run, confirmations, the added LIMIT, and the routing where it can be
 * known. Body: the SqlRequest (`keyspace`, `sql`, `tabletType`, `readOnly`; the rest is ignored).
 */
export const sqlAnalyzeRoute: FastifyPluginAsyncTypebox<{ sql: SqlConfig }> = async (
  app,
  { sql: limits },
) => {
  app.post(
    '/clusters/:cluster/sql/analyze',
    { schema: { params: ClusterParams, body: SqlRequest, response: { 200: SqlAnalysis } } },
    async (request) => {
      const cluster = app.clusters.get(request.params.cluster).name;
      const body = request.body;
      const plan = await planScript(body.sql, {
        keyspace: body.keyspace,
        defaultLimit: limits.defaultLimit,
        readOnly: body.readOnly ?? false,
        can: permissionCheck(request, cluster),
      });
      const routable = plan.statements
        .filter(
          (s) =>
            s.analysis.allowed && s.facts.parsed && (s.facts.kind === 'read' || s.facts.kind === 'write'),
        )
        .slice(0, MAX_ROUTED);
      const target: Target = {
        keyspace: body.keyspace,
        ...(body.tabletType ? { tabletType: body.tabletType } : {}),
        ...(body.shard ? { shard: body.shard } : {}),
      };
      const routes = await routeAll(app, cluster, target, routable);
      for (const s of plan.statements) s.analysis.routing = routes.get(s) ?? 'unknown';
      return plan.analysis;
    },
  );
};

async function routeAll(
  app: FastifyInstance,
  cluster: string,
  target: Target,
  statements: PlannedStatement[],
): Promise<Map<PlannedStatement, Routing>> {
  const routes = new Map<PlannedStatement, Routing>();
  if (statements.length === 0) return routes;
  let client: VtgateClient;
  try {
    client = app.vtgate(cluster);
  } catch {
    return routes; // no vtgate: every statement stays `unknown`
  }
  if (client.flavor === 'mysql') {
    // One database per keyspace: an unsharded keyspace is one shard; a sharded one cannot be told.
    const sharded = await keyspaceSharding(app, cluster);
    for (const s of statements) {
      const keyspaces = new Set([
        s.keyspace,
        ...s.facts.needs.flatMap((n) => (n.keyspace ? [n.keyspace] : [])),
      ]);
      const all = [...keyspaces].map((k) => sharded.get(k));
      if (all.every((v) => v === false)) routes.set(s, 'single-shard');
    }
    return routes;
  }
  let lease: Awaited<ReturnType<VtgateClient['lease']>>;
  try {
    lease = await client.lease(target);
  } catch {
    return routes;
  }
  let reuse = true;
  try {
    for (const s of statements) {
      if (s.keyspace !== target.keyspace) continue; // a USE earlier in the script moved it
      routes.set(s, await explain(lease.connection, s.analysis.sql));
    }
  } catch {
    reuse = false;
  } finally {
    lease.done(reuse);
  }
  return routes;
}

async function explain(
  conn: Awaited<ReturnType<VtgateClient['lease']>>['connection'],
  sql: string,
): Promise<Routing> {
  const query = (text: string) =>
    new Promise<Record<string, unknown>[]>((resolve, reject) =>
      conn.query(text, (err: Error | null, rows: unknown) =>
        err ? reject(err) : resolve(rows as Record<string, unknown>[]),
      ),
    );
  try {
    return routingFromVexplainRows(await query(`VEXPLAIN PLAN ${sql}`));
  } catch {
    try {
      return routingFromExplainRows(await query(`EXPLAIN FORMAT=VITESS ${sql}`));
    } catch {
      return 'unknown';
    }
  }
}

async function keyspaceSharding(app: FastifyInstance, cluster: string): Promise<Map<string, boolean>> {
  try {
    const topology = await app.topology.get(cluster);
    return new Map(topology.items.map((k) => [k.name, k.sharded]));
  } catch {
    return new Map();
  }
}
