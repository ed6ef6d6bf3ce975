import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ClusterParams,
  SqlCancelParams,
  SqlCancelResult,
  type SqlEvent,
  SqlRequest,
} from '@vtdeck/contracts';
import { principalOf } from '../../auth/seam';
import type { SqlConfig } from '../../config';
import { AppError } from '../../http/app-error';
import { auditStatement, permissionCheck, refuse, writes } from '../../sql/access';
import { type EventSink, executeStatements, StopController } from '../../sql/executor';
import { planScript } from '../../sql/guard';
import { QueryRegistry } from '../../sql/registry';
import { sqlAnalyzeRoute } from './sql-analyze';
import { sqlSchemaRoute } from './sql-schema';

/**
 * The SQL console: `POST /clusters/{cluster}/sql` runs a script against vtgate and streams SqlEvents
 * as NDJSON; `POST /clusters/{cluster}/sql/{id}/cancel` stops it. Every statement is checked before
 * anything runs (sql/guard.ts): a refusal (403), a confirmation (409) or a bad script (400) is
 * answered as JSON before the first byte of the stream. Statements that write are in the audit log
 * as `allowed` before the stream starts and with their result after they ran.
 */
export const sqlRoutes: FastifyPluginAsyncTypebox<{ sql: SqlConfig }> = async (app, { sql: limits }) => {
  const registry = new QueryRegistry();

  app.post(
    '/clusters/:cluster/sql',
    { schema: { params: ClusterParams, body: SqlRequest } },
    async (request, reply) => {
      const cluster = app.clusters.get(request.params.cluster).name;
      const body = request.body;
      const maxRows = body.maxRows ?? limits.defaultMaxRows;
      const timeoutMs = body.timeoutMs ?? limits.defaultTimeoutMs;
      if (maxRows > limits.maxRows) {
        throw new AppError(400, 'VALIDATION', `body/maxRows must be at most ${limits.maxRows} (sql.maxRows)`);
      }
      if (timeoutMs > limits.maxTimeoutMs) {
        throw new AppError(
          400,
          'VALIDATION',
          `body/timeoutMs must be at most ${limits.maxTimeoutMs} (sql.maxTimeoutMs)`,
        );
      }

      const plan = await planScript(body.sql, {
        keyspace: body.keyspace,
        defaultLimit: limits.defaultLimit,
        readOnly: body.readOnly ?? false,
        can: permissionCheck(request, cluster),
      });
      const { analysis, statements } = plan;
      if (analysis.error) {
        const at = analysis.error.offset === undefined ? '' : ` at offset ${analysis.error.offset}`;
        return refuse(reply, 400, 'SQL_SYNTAX', `${analysis.error.message}${at}`, analysis);
      }
      if (statements.length === 0) {
        return refuse(
          reply,
          400,
          'VALIDATION',
          'body/sql holds no statement (only comments or delimiters)',
          analysis,
        );
      }
      const refused = statements.filter((s) => !s.analysis.allowed);
      if (refused.length > 0) {
        for (const s of refused) await auditStatement(request, cluster, s, 'denied', s.analysis.reason);
        const first = refused[0]!;
        const readOnly = refused.some((s) => s.readOnlyRefusal);
        const message = `statement ${first.analysis.index + 1} is refused: ${first.analysis.reason}`;
        return refuse(reply, 403, readOnly ? 'SQL_READ_ONLY' : 'FORBIDDEN', message, analysis);
      }
      const guarded = statements.filter((s) => s.analysis.needsConfirmation);
      if (guarded.length > 0 && !body.confirmed) {
        const list = guarded.map((s) => `${s.analysis.index + 1}: ${s.analysis.reason}`).join('; ');
        return refuse(
          reply,
          409,
          'CONFIRMATION_REQUIRED',
          `confirm to run (confirmed: true): ${list}`,
          analysis,
        );
      }

      const client = app.vtgate(cluster);
      const id = body.id ?? randomUUID();
      const stop = new StopController(timeoutMs);
      const user = principalOf(request).name;
      if (!registry.add({ id, cluster, user, stop: (reason) => stop.stop(reason) })) {
        throw new AppError(409, 'QUERY_ID_IN_USE', `a query with id ${id} is running already`);
      }
      const timer = setTimeout(() => stop.stop('timeout'), timeoutMs);
      const writing = writes(statements);
      let lease: Awaited<ReturnType<typeof client.lease>>;
      try {
        for (const s of writing) await auditStatement(request, cluster, s, 'allowed');
        lease = await client.lease({
          keyspace: body.keyspace,
          ...(body.tabletType ? { tabletType: body.tabletType } : {}),
          ...(body.shard ? { shard: body.shard } : {}),
        });
      } catch (err) {
        clearTimeout(timer);
        registry.remove(id);
        for (const s of writing) await auditStatement(request, cluster, s, 'error', (err as Error).message);
        throw err;
      }

      const started = performance.now();
      const out = new PassThrough({ highWaterMark: 64 * 1024 });
      const sink: EventSink = {
        write: (event: SqlEvent) => (out.destroyed ? true : out.write(`${JSON.stringify(event)}\n`)),
        onDrain: (listener) => {
          const fire = () => {
            out.off('drain', fire);
            out.off('close', fire);
            listener();
          };
          out.on('drain', fire);
          out.on('close', fire);
        },
      };
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) stop.stop('disconnected');
      });
      sink.write({ type: 'start', id, statements: statements.length });

      const ran = new Set<number>();
      const run = executeStatements({
        lease,
        statements,
        maxRows,
        sink,
        stop,
        kill: () => client.killQuery(lease.threadId),
        afterStatement: async (statement, outcome) => {
          ran.add(statement.analysis.index);
          if (!writing.includes(statement)) return;
          await auditStatement(request, cluster, statement, outcome.ok ? 'ok' : 'error', outcome.message);
        },
      });
      void run
        .then(
          ({ reuse }) => lease.done(reuse),
          (err: unknown) => {
            lease.done(false);
            request.log.error({ err }, 'sql execution failed');
            sink.write({
              type: 'error',
              statement: -1,
              code: 'INTERNAL',
              message: 'the BFF failed; its log has the details',
            });
          },
        )
        .then(async () => {
          for (const s of writing) {
            if (!ran.has(s.analysis.index)) {
              await auditStatement(request, cluster, s, 'error', 'not run: the script stopped before it');
            }
          }
          if (writing.some((s) => s.facts.kind === 'ddl')) app.topology.invalidate(cluster);
        })
        .catch((err: unknown) => request.log.error({ err }, 'sql audit failed'))
        .finally(() => {
          clearTimeout(timer);
          registry.remove(id);
          sink.write({ type: 'end', elapsedMs: Math.round(performance.now() - started) });
          out.end();
        });

      return reply
        .header('content-type', 'application/x-ndjson; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(out);
    },
  );

  app.post(
    '/clusters/:cluster/sql/:id/cancel',
    { schema: { params: SqlCancelParams, response: { 200: SqlCancelResult } } },
    async (request) => {
      const cluster = app.clusters.get(request.params.cluster).name;
      const principal = principalOf(request);
      const cancelled = registry.cancel(
        request.params.id,
        cluster,
        principal.name,
        (q) => q.user === principal.name || app.auth.policy.isGlobalAdmin(principal, cluster),
      );
      return { cancelled };
    },
  );

  await app.register(sqlAnalyzeRoute, { sql: limits });
  await app.register(sqlSchemaRoute);
};
