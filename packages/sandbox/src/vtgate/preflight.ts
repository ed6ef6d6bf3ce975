// PreflightSchema as vttablet runs it (mysqlctl.PreflightSchemaChange): copy the keyspace's schema into
// a scratch database, apply each statement there and record the schema before and after it, then drop
// the scratch database. The keyspace's own tables and rows are never touched.

import { randomBytes } from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import { getSchema, type SchemaDefinition } from './schema';
import { quoteIdent } from './sql';

export interface PreflightStep {
  before: SchemaDefinition;
  after: SchemaDefinition;
}

/** Statement `index` failed on the scratch copy; `cause` is the server's error (errno, sqlState). */
export class PreflightError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super((cause as Error).message);
    this.name = 'PreflightError';
  }
}

/** SHOW CREATE VIEW qualifies every table with the database name; point them at the scratch copy. */
function retarget(createView: string, from: string, to: string): string {
  return createView.split(`${quoteIdent(from)}.`).join(`${quoteIdent(to)}.`);
}

/** Runs the statements on a scratch copy of `database`; `conn` is a dba connection used only for this. */
export async function preflightSchemaChange(
  conn: Connection,
  database: string,
  sqls: string[],
): Promise<PreflightStep[]> {
  const scratch = `_vt_preflight_${randomBytes(4).toString('hex')}`;
  const current = await getSchema(conn, database);
  await conn.query(`CREATE DATABASE ${quoteIdent(scratch)}`);
  try {
    await conn.query(`USE ${quoteIdent(scratch)}`);
    for (const t of current.tables) if (t.type === 'BASE TABLE') await conn.query(t.schema);
    for (const t of current.tables) {
      if (t.type !== 'VIEW') continue;
      // A view the copy cannot hold (it reads another database's objects) is left out, as vttablet does.
      await conn.query(retarget(t.schema, database, scratch)).catch(() => undefined);
    }
    const steps: PreflightStep[] = [];
    let before = await getSchema(conn, scratch);
    for (const [index, sql] of sqls.entries()) {
      try {
        await conn.query(sql);
      } catch (err) {
        throw new PreflightError(index, err);
      }
      const after = await getSchema(conn, scratch);
      steps.push({ before, after });
      before = after;
    }
    return steps;
  } finally {
    await conn.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)}`).catch(() => undefined);
  }
}
