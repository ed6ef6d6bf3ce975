import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ClusterParams, SqlSchema } from '@vtdeck/contracts';
import { authorize } from '../../auth/seam';
import { isUpstreamError } from '../../upstreams/upstream-error';

type SchemaKeyspace = SqlSchema['keyspaces'][number];

// Databases of the server that are not keyspaces.
const SYSTEM = new Set(['information_schema', 'mysql', 'sys', 'performance_schema']);
/** Completion does not need more; a keyspace past it is cut (and says so in `errors`). */
const MAX_COLUMNS = 50_000;

/**
 * `GET /clusters/{cluster}/sql/schema`: tables and columns from information_schema, for completion,
 * for the keyspaces (vtgate's `SHOW DATABASES`) the caller may read with SQL. A keyspace that fails
 * is an entry in `errors`; the others still answer.
 */
export const sqlSchemaRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/clusters/:cluster/sql/schema',
    { schema: { params: ClusterParams, response: { 200: SqlSchema } } },
    async (request): Promise<SqlSchema> => {
      const cluster = app.clusters.get(request.params.cluster).name;
      const client = app.vtgate(cluster);
      const errors: SqlSchema['errors'] = [];
      let names: string[];
      try {
        const rows = await client.query<Record<string, string>[]>('SHOW DATABASES');
        names = rows.map((r) => String(Object.values(r)[0])).filter((n) => !SYSTEM.has(n.toLowerCase()));
      } catch (err) {
        return { keyspaces: [], errors: [describe('vtgate', err)] };
      }
      const allowed = await Promise.all(
        names.map((keyspace) => authorize(request, 'sql.read', { cluster, keyspace })),
      );
      const readable = names.filter((_, i) => allowed[i]).sort();
      const keyspaces = await Promise.all(
        readable.map(async (name): Promise<SchemaKeyspace | undefined> => {
          try {
            const rows = await client.query<[string, string, string][]>(
              {
                sql: `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS
                      WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION LIMIT ${MAX_COLUMNS + 1}`,
                rowsAsArray: true,
              },
              [name],
            );
            if (rows.length > MAX_COLUMNS) {
              errors.push({
                source: `vtgate/${name}`,
                kind: 'bad_response',
                message: `more than ${MAX_COLUMNS} columns: the rest is left out`,
              });
            }
            return { name, tables: group(rows.slice(0, MAX_COLUMNS)) };
          } catch (err) {
            errors.push(describe(`vtgate/${name}`, err));
            return undefined;
          }
        }),
      );
      return { keyspaces: keyspaces.filter((k): k is SchemaKeyspace => k !== undefined), errors };
    },
  );
};

function group(rows: [string, string, string][]): SchemaKeyspace['tables'] {
  const tables: SchemaKeyspace['tables'] = [];
  for (const [table, column, type] of rows) {
    let last = tables[tables.length - 1];
    if (!last || last.name !== String(table)) {
      last = { name: String(table), columns: [] };
      tables.push(last);
    }
    last.columns.push({ name: String(column), type: String(type) });
  }
  return tables;
}

function describe(source: string, err: unknown): SqlSchema['errors'][number] {
  return {
    source,
    kind: isUpstreamError(err) ? err.kind : 'upstream_5xx',
    message: (err as Error).message,
  };
}
