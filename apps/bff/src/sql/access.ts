// How the SQL routes ask the auth seam: one permission check per (permission, keyspace), remembered
// for the request, and the audit entries of statements that write.
import type { SqlAnalysis, SqlRefusal } from '@vtdeck/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authorize, recordAudit } from '../auth/seam';
import { errorBody } from '../http/errors';
import type { SqlPermission } from './classify';
import { isWrite, type PlannedStatement } from './guard';

export const SQL_AUDIT_ACTION = 'sql.execute';

export function permissionCheck(
  request: FastifyRequest,
  cluster: string,
): (permission: SqlPermission, keyspace: string) => Promise<boolean> {
  const seen = new Map<string, Promise<boolean>>();
  return (permission, keyspace) => {
    const key = `${permission}\u0000${keyspace}`;
    let answer = seen.get(key);
    if (!answer) {
      answer = authorize(request, permission, { cluster, keyspace });
      seen.set(key, answer);
    }
    return answer;
  };
}

export async function auditStatement(
  request: FastifyRequest,
  cluster: string,
  statement: PlannedStatement,
  result: 'allowed' | 'denied' | 'ok' | 'error',
  message?: string,
): Promise<void> {
  await recordAudit(request, {
    action: SQL_AUDIT_ACTION,
    args: [statement.analysis.sql],
    target: { cluster, keyspace: statement.keyspace },
    result,
    ...(message ? { message } : {}),
  });
}

/** The statements that write (or that vtdeck cannot prove read-only): these go to the audit log. */
export function writes(statements: PlannedStatement[]): PlannedStatement[] {
  return statements.filter(isWrite);
}

/** A refusal that carries the analysis, so the editor can mark the statements. */
export function refuse(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  analysis: SqlAnalysis,
): FastifyReply {
  // `error` of the body is the HTTP status text, so the script's parse error travels as `parseError`.
  const body: SqlRefusal = {
    ...errorBody(status, code, message),
    statements: analysis.statements,
    ...(analysis.error ? { parseError: analysis.error } : {}),
  };
  return reply.code(status).send(body);
}
