// Decides, before anything runs, what each statement of a script may do: the caller's role on every
// keyspace a statement names (developer reads and writes where granted, DDL and anything the parser
// cannot read need dba), the read-only switch, the confirmations, and the default LIMIT.
import type { SqlAnalysis, StatementAnalysis } from '@vtdeck/contracts';
import { PERMISSIONS } from '../auth/grants';
import { classify, type SqlPermission, type StatementFacts } from './classify';
import { splitStatements } from './splitter';

export interface GuardContext {
  /** The keyspace the script starts in (a `USE` in the script moves the following statements). */
  keyspace: string;
  /** Added to a top-level SELECT ... FROM without LIMIT. */
  defaultLimit: number;
  readOnly?: boolean;
  can(permission: SqlPermission, keyspace: string): boolean | Promise<boolean>;
}

export interface PlannedStatement {
  analysis: StatementAnalysis;
  facts: StatementFacts;
  /** The keyspace it runs in. */
  keyspace: string;
  /** Refused by the read-only switch rather than by a grant. */
  readOnlyRefusal: boolean;
}

export interface ScriptPlan {
  analysis: SqlAnalysis;
  statements: PlannedStatement[];
}

const VERB: Record<SqlPermission, string> = {
  'sql.read': 'reading',
  'sql.write': 'writing',
  'schema.change': 'this statement',
};

export async function planScript(script: string, ctx: GuardContext): Promise<ScriptPlan> {
  const split = splitStatements(script);
  const statements: PlannedStatement[] = [];
  let current = ctx.keyspace;
  for (const [index, statement] of split.statements.entries()) {
    const facts = classify(statement);
    const keyspace = current;
    if (facts.useKeyspace) current = facts.useKeyspace;

    let refusal: string | undefined;
    for (const need of facts.needs) {
      const target = need.keyspace ?? keyspace;
      if (await ctx.can(need.permission, target)) continue;
      const role = PERMISSIONS[need.permission];
      const why = need.permission === 'schema.change' && facts.dbaReason ? ` (${facts.dbaReason})` : '';
      refusal = `${VERB[need.permission]} needs the ${role} role on keyspace ${target}${why}`;
      break;
    }
    const writes = facts.kind === 'write' || facts.kind === 'ddl' || !!facts.dbaReason;
    const readOnlyRefusal = !!ctx.readOnly && writes;
    if (readOnlyRefusal) {
      refusal = `readOnly is set: a ${facts.kind === 'other' ? 'statement vtdeck cannot prove read-only' : `${facts.kind} statement`} is refused`;
    }

    const limit = facts.limitable ? ctx.defaultLimit : undefined;
    const analysis: StatementAnalysis = {
      index,
      sql: limit === undefined ? statement.sql : `${statement.sql} LIMIT ${limit}`,
      offset: statement.offset,
      kind: facts.kind,
      tables: facts.tables,
      needsConfirmation: facts.confirmReason !== undefined,
      allowed: refusal === undefined,
    };
    const reason = refusal ?? facts.confirmReason ?? facts.dbaReason;
    if (reason) analysis.reason = reason;
    if (limit !== undefined) analysis.limitAdded = limit;
    statements.push({ analysis, facts, keyspace, readOnlyRefusal });
  }
  return {
    analysis: {
      statements: statements.map((s) => s.analysis),
      ...(split.error ? { error: split.error } : {}),
    },
    statements,
  };
}

/** Whether a statement changes data or schema (and so is audited). */
export function isWrite(statement: PlannedStatement): boolean {
  const { kind, dbaReason } = statement.facts;
  return kind === 'write' || kind === 'ddl' || !!dbaReason;
}
